"""List filters of the activity ledgers."""

import django_filters

from registry.ledgers.filters import LedgerFilterSet, date_filter, period, visible_villages

from ..models import Interview, Lecture, MajorEvent, ManualDistribution, PublicityEvent, StudySession, Training


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


class MajorEventFilter(LedgerFilterSet):
    search_fields = ("name", "place", "operators__name")
    search_placeholder = "活动名称、地点、保障单位…"
    # An event belongs to every period it overlaps.
    date_from = date_filter("日期从", "end_date", "gte")
    date_to = date_filter("日期至", "start_date", "lte")

    class Meta:
        model = MajorEvent
        fields = ["q", "township", "date_from", "date_to", "voided"]
