import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from registry.ledgers.querysets import ScopedQuerySet
from registry.ledgers.records import LedgerRecord
from registry.ledgers.uploads import ProtectedFileField, stored_name
from registry.models import Operator, Township


def evidence_path(instance, filename):
    # A random name: the user's file name never reaches the disk.
    return stored_name("rectifications", filename)


def open_condition(day: datetime.date) -> Q:
    """Opened by `day` and not closed (销号) by then. A closing date after `day` (even one in the
    future, as an import may bring) is not a closing yet."""
    return Q(opened_on__lte=day) & (Q(closed_on__isnull=True) | Q(closed_on__gt=day))


def overdue_condition(day: datetime.date) -> Q:
    """Still open on `day` with the deadline already passed."""
    return open_condition(day) & Q(deadline__lt=day)


class RectificationQuerySet(ScopedQuerySet):
    # One definition per state: each queryset method has its model method (`Rectification.is_*_on`),
    # tested to agree (tests/inspections/test_states.py); lists, badges, cards and figures use them.
    # The conditions above are those states for a figure that counts several in one query.

    def open_on(self, day: datetime.date):
        """Valid and open on `day` (`open_condition`)."""
        return self.valid().filter(open_condition(day))

    def overdue_on(self, day: datetime.date):
        """Valid and overdue on `day` (`overdue_condition`)."""
        return self.valid().filter(overdue_condition(day))

    def closed_by(self, day: datetime.date):
        return self.valid().filter(closed_on__lte=day)


class Rectification(LedgerRecord):
    """整改 / 隐患: a problem to correct by a deadline, tracked until verified and closed (销号)."""

    past_dates = ("opened_on",)
    operator_life_date = "opened_on"

    class Status(models.TextChoices):
        OPEN = "open", "待整改"
        REPORTED = "reported", "已整改待复查"
        CLOSED = "closed", "已销号"

    class Source(models.TextChoices):
        INSPECTION = "inspection", "监督检查"
        HAZARD = "hazard", "风险隐患排查"
        SAMPLING = "sampling", "抽检"
        COMPLAINT = "complaint", "投诉举报"
        OTHER = "other", "其他"

    township = models.ForeignKey(Township, verbose_name="乡镇", on_delete=models.PROTECT, related_name="+")
    operator = models.ForeignKey(
        Operator, verbose_name="责任单位", on_delete=models.PROTECT, related_name="rectifications"
    )
    source = models.CharField("来源", max_length=20, choices=Source.choices, default=Source.INSPECTION)
    inspection = models.ForeignKey(
        "inspections.Inspection",
        verbose_name="发现问题的检查",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rectifications",
    )
    item_result = models.OneToOneField(
        "inspections.InspectionItemResult",
        verbose_name="不符合的检查要点",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rectification",
    )
    description = models.CharField("问题描述", max_length=300)
    requirement = models.CharField("整改要求", max_length=300, blank=True)
    responsible_person = models.CharField("整改责任人", max_length=30, blank=True)
    opened_on = models.DateField("下达日期", default=timezone.localdate)
    deadline = models.DateField("整改期限")
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.OPEN)
    reported_on = models.DateField("经营者报告整改日期", null=True, blank=True)
    verified_by = models.ForeignKey(
        "inspections.Inspection",
        verbose_name="复查核实的检查",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="verified_rectifications",
    )
    closed_on = models.DateField("销号日期", null=True, blank=True)
    closing_note = models.CharField("整改情况", max_length=300, blank=True)
    evidence = ProtectedFileField("整改佐证（照片/扫描件）", upload_to=evidence_path, blank=True)

    objects = RectificationQuerySet.as_manager()

    class Meta:
        verbose_name = "整改（隐患）"
        verbose_name_plural = "整改台账"
        ordering = ["status", "deadline", "pk"]
        indexes = [
            # The overdue list and the hazards figures: open items of a township by deadline.
            models.Index(fields=["township", "closed_on", "deadline"], name="rectification_open_deadline"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="closed", closed_on__isnull=False) | ~Q(status="closed"),
                name="rectification_closed_has_date",
            ),
        ]

    def download_url(self, field_name="evidence"):
        return reverse("inspections:rectification_evidence", args=[self.pk])

    def __str__(self):
        return f"{self.operator}：{self.description}"

    def clean(self):
        super().clean()
        errors = {}
        if self.operator_id:
            self.township_id = self.operator.township_id
        if self.opened_on and self.deadline and self.deadline < self.opened_on:
            errors["deadline"] = "整改期限不能早于下达日期。"
        if self.status == self.Status.CLOSED and not self.closed_on:
            errors["closed_on"] = "销号须填写销号日期。"
        if self.closed_on and self.opened_on and self.closed_on < self.opened_on:
            errors["closed_on"] = "销号日期不能早于下达日期。"
        if self.closed_on and self.status != self.Status.CLOSED:
            errors["closed_on"] = "未销号的整改不能有销号日期。"
        if self.reported_on and self.opened_on and self.reported_on < self.opened_on:
            errors["reported_on"] = "报告日期不能早于下达日期。"
        if self.inspection_id and self.operator_id and self.inspection.operator_id != self.operator_id:
            errors["inspection"] = "发现问题的检查须是同一单位的检查。"
        if errors:
            raise ValidationError(errors)

    @property
    def is_closed(self):
        return self.status == self.Status.CLOSED

    def is_open_on(self, day: datetime.date) -> bool:
        """`RectificationQuerySet.open_on`, for one record."""
        return not self.is_voided and self.opened_on <= day and (self.closed_on is None or self.closed_on > day)

    def is_overdue_on(self, day: datetime.date) -> bool:
        """`RectificationQuerySet.overdue_on`, for one record."""
        return self.is_open_on(day) and self.deadline < day

    def is_closed_by(self, day: datetime.date) -> bool:
        return not self.is_voided and self.closed_on is not None and self.closed_on <= day

    def is_overdue(self, day: datetime.date | None = None) -> bool:
        return self.is_overdue_on(day or timezone.localdate())

    def state_on(self, day: datetime.date) -> str:
        """closed / overdue / reported / open on `day`: the badge, from the same definitions."""
        if self.is_closed_by(day):
            return "closed"
        if self.is_overdue_on(day):
            return "overdue"
        if self.reported_on and self.reported_on <= day:
            return "reported"
        return "open"

    @property
    def state_today(self) -> str:
        return self.state_on(timezone.localdate())

    STATE_LABELS = {"closed": "已销号", "overdue": "逾期", "reported": "已整改待复查", "open": "待整改"}

    def status_label(self, day: datetime.date | None = None) -> str:
        """The status as the ledger prints it: 逾期 overrides 待整改 / 已整改待复查."""
        return self.STATE_LABELS[self.state_on(day or timezone.localdate())]
