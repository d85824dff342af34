"""List filters of the sampling, rapid-test, case and activity ledgers.

Every list filters by township and by period (日期从/日期至 on the record's own date), and its
Excel export uses the same filters, so an export of "甲镇, 2026-01-01 to 2026-06-30" holds
exactly the records a half-year figure counts.
"""

import django_filters
from django.db.models.functions import Coalesce
from django.utils import timezone

from registry.filters import LedgerFilterSet, date_filter, period, visible_villages, yes_no

from .models import (
    Banquet,
    Case,
    Complaint,
    Interview,
    Lecture,
    MajorEvent,
    ManualDistribution,
    PublicityEvent,
    RapidTest,
    RapidTestItem,
    Sample,
    StudySession,
    Training,
)


class SampleFilter(LedgerFilterSet):
    search_fields = ("batch_no", "sample_name", "operator__name", "failing_item", "report_no")
    search_placeholder = "抽样单编号、样品、被抽样单位…"
    date_from, date_to = period("sampled_on")
    result = django_filters.ChoiceFilter(
        label="检验结论", choices=[*Sample.Result.choices, ("pending", "待出结果")], method="filter_result"
    )
    disposal = django_filters.ChoiceFilter(
        label="核查处置",
        choices=[("open", "未完成处置"), ("overdue", "逾期未处置"), ("done", "已完成处置")],
        method="filter_disposal",
    )

    class Meta:
        model = Sample
        fields = ["q", "township", "date_from", "date_to", "result", "food_category", "disposal", "voided"]

    def filter_result(self, queryset, name, value):
        return queryset.filter(result="" if value == "pending" else value)

    def filter_disposal(self, queryset, name, value):
        today = timezone.localdate()
        if value == "overdue":
            return queryset.disposal_overdue(today)
        if value == "done":
            return queryset.disposal_completed_by(today)
        return queryset.failed().exclude(disposal__completed_on__lte=today)


class RapidTestFilter(LedgerFilterSet):
    search_fields = ("sample_name", "operator__name", "vendor", "tester")
    search_placeholder = "样品、地点、摊位、检测人…"
    date_from, date_to = period("tested_on")
    item = django_filters.ModelChoiceFilter(label="检测项目", queryset=RapidTestItem.objects.all())

    class Meta:
        model = RapidTest
        fields = ["q", "township", "date_from", "date_to", "item", "result", "voided"]


class CaseFilter(LedgerFilterSet):
    search_fields = ("case_no", "party", "operator__name", "cause", "decision_no")
    search_placeholder = "案件编号、当事人、案由…"
    date_from, date_to = period("filed_on")
    stage = django_filters.ChoiceFilter(
        label="办理阶段",
        choices=[("filed", "已立案未决定"), ("decided", "已决定未结案"), ("closed", "已结案")],
        method="filter_stage",
    )
    transferred_to_police = yes_no("移交公安")
    individual_penalised = yes_no("处罚到人")

    class Meta:
        model = Case
        fields = [
            "q",
            "township",
            "date_from",
            "date_to",
            "domain",
            "source",
            "stage",
            "transferred_to_police",
            "individual_penalised",
            "voided",
        ]

    def filter_stage(self, queryset, name, value):
        if value == "closed":
            return queryset.filter(closed_on__isnull=False)
        if value == "decided":
            return queryset.filter(decided_on__isnull=False, closed_on__isnull=True)
        return queryset.filter(decided_on__isnull=True, closed_on__isnull=True)


class TrainingFilter(LedgerFilterSet):
    search_fields = ("topic", "place", "lecturer")
    search_placeholder = "培训主题、地点…"
    date_from, date_to = period("held_on")

    class Meta:
        model = Training
        fields = ["q", "township", "date_from", "date_to", "audience", "voided"]


class InterviewFilter(LedgerFilterSet):
    search_fields = ("topic", "persons", "operators__name")
    search_placeholder = "事由、被约谈人员或单位…"
    date_from, date_to = period("held_on")

    class Meta:
        model = Interview
        fields = ["q", "township", "date_from", "date_to", "kind", "voided"]

    def search(self, queryset, name, value):
        return super().search(queryset, name, value).distinct()


class PublicityEventFilter(LedgerFilterSet):
    search_fields = ("title", "place")
    search_placeholder = "活动名称、地点…"
    date_from, date_to = period("held_on")

    class Meta:
        model = PublicityEvent
        fields = ["q", "township", "date_from", "date_to", "theme", "voided"]


class LectureFilter(LedgerFilterSet):
    search_fields = ("topic", "venue", "lecturer")
    search_placeholder = "主题、学校、主讲人…"
    date_from, date_to = period("held_on")

    class Meta:
        model = Lecture
        fields = ["q", "township", "date_from", "date_to", "kind", "voided"]


class ManualDistributionFilter(LedgerFilterSet):
    search_fields = ("title", "recipients")
    search_placeholder = "手册名称、发放对象…"
    date_from, date_to = period("held_on")

    class Meta:
        model = ManualDistribution
        fields = ["q", "township", "date_from", "date_to", "voided"]


class StudySessionFilter(LedgerFilterSet):
    search_fields = ("topic", "village__name")
    search_placeholder = "学习内容、村…"
    date_from, date_to = period("held_on")
    village = django_filters.ModelChoiceFilter(label="村", queryset=visible_villages)

    class Meta:
        model = StudySession
        fields = ["q", "township", "date_from", "date_to", "village", "voided"]


class ComplaintFilter(LedgerFilterSet):
    search_fields = ("ticket_no", "subject", "operator__name", "summary", "outcome_note")
    search_placeholder = "工单编号、对象、反映问题…"
    date_from, date_to = period("received_on")
    state = django_filters.ChoiceFilter(
        label="办理情况",
        choices=[("open", "未办结"), ("overdue", "超期未办结"), ("on_time", "按时办结"), ("late", "超期办结")],
        method="filter_state",
    )

    class Meta:
        model = Complaint
        fields = ["q", "township", "date_from", "date_to", "kind", "channel", "state", "voided"]

    def filter_state(self, queryset, name, value):
        today = timezone.localdate()
        deadline = Coalesce("extended_to", "deadline")
        if value == "overdue":
            return queryset.overdue(today)
        if value == "on_time":
            return queryset.filter(closed_on__isnull=False, closed_on__lte=deadline)
        if value == "late":
            return queryset.filter(closed_on__isnull=False, closed_on__gt=deadline)
        return queryset.filter(closed_on__isnull=True)


class BanquetFilter(LedgerFilterSet):
    search_fields = ("host", "village__name", "chef__name", "place")
    search_placeholder = "举办者、村、厨师…"
    date_from, date_to = period("held_on")
    village = django_filters.ModelChoiceFilter(label="村", queryset=visible_villages)
    inspected = yes_no("现场检查指导")

    class Meta:
        model = Banquet
        fields = ["q", "township", "date_from", "date_to", "village", "occasion", "inspected", "voided"]


class MajorEventFilter(LedgerFilterSet):
    search_fields = ("name", "place", "operators__name")
    search_placeholder = "活动名称、地点、保障单位…"
    # An event belongs to every period it overlaps.
    date_from = date_filter("日期从", "end_date", "gte")
    date_to = date_filter("日期至", "start_date", "lte")

    class Meta:
        model = MajorEvent
        fields = ["q", "township", "date_from", "date_to", "voided"]

    def search(self, queryset, name, value):
        return super().search(queryset, name, value).distinct()


__all__ = [
    "BanquetFilter",
    "CaseFilter",
    "ComplaintFilter",
    "InterviewFilter",
    "LectureFilter",
    "MajorEventFilter",
    "ManualDistributionFilter",
    "PublicityEventFilter",
    "RapidTestFilter",
    "SampleFilter",
    "StudySessionFilter",
    "TrainingFilter",
]
