"""投诉举报: complaints and reports received (12315, 12345…), their deadline and closure."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from inspections.workdays import add_working_days
from registry.ledgers.querysets import ScopedQuerySet
from registry.ledgers.records import LedgerRecord
from registry.models import Operator, Township, Village

from .cases import Case
from .rules import RuleParameter


class ComplaintQuerySet(ScopedQuerySet):
    def between(self, start, end):
        """Received (受理) inside the period: the `complaints` figure."""
        return self.filter(received_on__range=(start, end))

    def with_deadline_in_force(self):
        return self.annotate(deadline_in_force=Coalesce("extended_to", "deadline"))

    def due_by(self, day: datetime.date):
        """Whose timeliness is known on `day`: closed by then, or past the deadline and still open.

        The denominator of complaints_closed_on_time_pct; open ones not yet due are left out.
        """
        return self.with_deadline_in_force().filter(Q(closed_on__lte=day) | Q(deadline_in_force__lt=day))

    def closed_on_time_by(self, day: datetime.date):
        """Closed by `day`, on or before the (possibly extended) deadline: the numerator."""
        return self.with_deadline_in_force().filter(closed_on__lte=day).filter(closed_on__lte=F("deadline_in_force"))

    # One definition per state: each has its model method (`Complaint.*_on`), tested to agree
    # (tests/inspections/test_states.py); the list filter, the badge and the dashboard use them.

    def open_on(self, day: datetime.date):
        """Not closed (办结) by `day`: a closing date after `day` is not a closing yet."""
        return self.filter(Q(closed_on__isnull=True) | Q(closed_on__gt=day))

    def overdue(self, day: datetime.date):
        """Still open on `day` and past the deadline."""
        return self.with_deadline_in_force().filter(deadline_in_force__lt=day).open_on(day)

    def closed_late_by(self, day: datetime.date):
        """Closed by `day`, after the (possibly extended) deadline."""
        return self.with_deadline_in_force().filter(closed_on__lte=day).filter(closed_on__gt=F("deadline_in_force"))


class Complaint(LedgerRecord):
    """投诉举报: one complaint or report, received on a day, due within working days, then closed.

    The deadline is computed when it is saved, from the rule in force on the day received
    (`RuleParameter`: 投诉 45, 举报 15 working days), counting working days on the Chinese calendar.
    The reporter's identity is confidential (保密) and is not kept in this ledger.
    """

    operator_life_date = "received_on"

    class Kind(models.TextChoices):
        COMPLAINT = "complaint", "投诉"
        REPORT = "report", "举报"

    class Channel(models.TextChoices):
        HOTLINE_12315 = "12315", "12315平台"
        HOTLINE_12345 = "12345", "12345热线"
        PHONE = "phone", "电话"
        LETTER = "letter", "来信"
        VISIT = "visit", "来访"
        REFERRAL = "referral", "上级转办"
        OTHER = "other", "其他"

    class Outcome(models.TextChoices):
        MEDIATED = "mediated", "调解成功"
        MEDIATION_FAILED = "mediation_failed", "调解不成终止调解"
        CASE_FILED = "case_filed", "立案查处"
        NOT_FILED = "not_filed", "不予立案"
        UNFOUNDED = "unfounded", "查无实据"
        REFERRED = "referred", "移交有关部门"
        OTHER = "other", "其他"

    RULES = {Kind.COMPLAINT: RuleParameter.Key.COMPLAINT_DAYS, Kind.REPORT: RuleParameter.Key.REPORT_DAYS}

    township = models.ForeignKey(Township, verbose_name="乡镇", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("类别", max_length=10, choices=Kind.choices, default=Kind.COMPLAINT)
    channel = models.CharField("来源渠道", max_length=10, choices=Channel.choices)
    ticket_no = models.CharField("工单编号", max_length=50, blank=True)
    domain = models.CharField("领域", max_length=10, choices=Case.Domain.choices, default=Case.Domain.FOOD)
    received_on = models.DateField("受理日期", default=timezone.localdate)
    operator = models.ForeignKey(
        Operator,
        verbose_name="被投诉举报单位",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
    )
    subject = models.CharField("被投诉举报对象", max_length=100, blank=True, help_text="未登记的对象填写名称")
    village = models.ForeignKey(
        Village, verbose_name="所在村", on_delete=models.PROTECT, null=True, blank=True, related_name="complaints"
    )
    summary = models.TextField("反映问题")
    deadline = models.DateField("办结期限", null=True, editable=False)
    extended_to = models.DateField("延期至", null=True, blank=True, help_text="经批准延长期限的填写")
    extension_reason = models.CharField("延期理由", max_length=200, blank=True)
    closed_on = models.DateField("办结日期", null=True, blank=True)
    outcome = models.CharField("办理结果", max_length=20, choices=Outcome.choices, blank=True)
    outcome_note = models.TextField("处理情况", blank=True)
    case = models.ForeignKey(
        Case, verbose_name="立案案件", on_delete=models.PROTECT, null=True, blank=True, related_name="complaints"
    )

    objects = ComplaintQuerySet.as_manager()

    class Meta:
        verbose_name = "投诉举报"
        verbose_name_plural = "投诉举报台账"
        ordering = ["-received_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=F("received_on")),
                name="complaint_closed_after_received",
                violation_error_message="办结日期不能早于受理日期。",
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | ~Q(outcome=""),
                name="complaint_closed_needs_outcome",
                violation_error_message="办结须选择办理结果。",
            ),
        ]
        indexes = [
            # The list's order: a county's first page reads 25 rows of this index, not every row.
            models.Index(fields=["-received_on", "-id"], name="complaint_list_order"),
            # `complaints` counts a township's complaints received inside a period.
            models.Index(fields=["township", "received_on"], name="complaint_township_received"),
        ]

    def __str__(self):
        return f"{self.received_on:%Y-%m-%d} {self.get_kind_display()} {self.subject_name}".strip()

    @property
    def subject_name(self):
        return self.subject or (self.operator.name if self.operator_id else "")

    def compute_deadline(self):
        if not self.received_on or not self.kind:
            return None
        days = RuleParameter.value_on(self.RULES[self.kind], self.received_on)
        return add_working_days(self.received_on, days)

    @property
    def effective_deadline(self):
        return self.extended_to or self.deadline

    @property
    def closed_on_time(self) -> bool | None:
        """True/False once closed; None while open."""
        if not self.closed_on:
            return None
        return self.closed_on <= self.effective_deadline

    def is_open_on(self, day: datetime.date) -> bool:
        """`ComplaintQuerySet.open_on`, for one record."""
        return self.closed_on is None or self.closed_on > day

    def overdue_on(self, day: datetime.date) -> bool:
        """`ComplaintQuerySet.overdue`, for one record."""
        return bool(self.is_open_on(day) and self.effective_deadline and self.effective_deadline < day)

    def state_on(self, day: datetime.date) -> str:
        """办理中 / 超期未办结 / 按时办结 / 超期办结 on `day`."""
        if not self.is_open_on(day):
            return "按时办结" if self.closed_on_time else "超期办结"
        return "超期未办结" if self.overdue_on(day) else "办理中"

    @property
    def state_today(self) -> str:
        return self.state_on(timezone.localdate())

    def clean(self):
        super().clean()
        errors = {}
        if self.operator_id:
            self.township_id = self.operator.township_id
            if not self.village_id:
                self.village_id = self.operator.village_id
        elif not self.subject.strip():
            errors["subject"] = "请选择被投诉举报单位或填写对象名称。"
        if self.village_id:
            if self.township_id and self.village.township_id != self.township_id:
                errors["village"] = "所在村不在该乡镇内。"
            self.township_id = self.township_id or self.village.township_id
        today = timezone.localdate()
        if self.received_on and self.received_on > today:
            errors["received_on"] = "受理日期不能晚于今天。"
        if self.closed_on:
            if self.received_on and self.closed_on < self.received_on:
                errors["closed_on"] = "办结日期不能早于受理日期。"
            elif self.closed_on > today:
                errors["closed_on"] = "办结日期不能晚于今天。"
            if not self.outcome:
                errors["outcome"] = "办结须选择办理结果。"
        elif self.outcome:
            errors["closed_on"] = "选择了办理结果的，请填写办结日期。"
        if self.outcome == self.Outcome.CASE_FILED and not self.case_id:
            errors["case"] = "办理结果为立案查处的，请选择案件。"
        if self.case_id and self.case.is_voided:
            errors["case"] = "所选案件已作废。"
        self.deadline = self.compute_deadline()
        if self.extended_to:
            if not self.extension_reason.strip():
                errors["extension_reason"] = "延期须填写理由。"
            if self.deadline and self.extended_to <= self.deadline:
                errors["extended_to"] = f"延期日期须晚于办结期限（{self.deadline:%Y-%m-%d}）。"
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.deadline = self.compute_deadline()
        super().save(*args, **kwargs)
