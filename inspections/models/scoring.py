import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, Sum
from simple_history.models import HistoricalRecords

from registry.ledgers.querysets import ScopedQuerySet
from registry.ledgers.records import LedgerRecord
from registry.models import County, Operator, Township


class ScoringPolicyQuerySet(models.QuerySet):
    def in_force(self, county_id, day: datetime.date):
        """The county's own policy effective on `day`, else the default one (no county)."""
        candidates = self.filter(effective_from__lte=day).filter(Q(county_id=county_id) | Q(county__isnull=True))
        return candidates.order_by(models.F("county").desc(nulls_last=True), "-effective_from").first()


class ScoringPolicy(models.Model):
    """记分规则: how a year's accumulated points turn into credit level, risk level and the negative list.

    Gansu's exact tables were not found (domain.md), so the thresholds are data, with an effective
    date; each county may have its own.
    """

    county = models.ForeignKey(
        County, verbose_name="适用县", on_delete=models.PROTECT, null=True, blank=True, help_text="留空为默认规则"
    )
    effective_from = models.DateField("生效日期", default=datetime.date(2022, 1, 1))
    credit_b_from = models.PositiveSmallIntegerField("年度累计记分达到此分值：信用B级", default=12)
    credit_c_from = models.PositiveSmallIntegerField("年度累计记分达到此分值：信用C级", default=24)
    risk_raise_from = models.PositiveSmallIntegerField("年度累计记分达到此分值：风险等级上调一级", default=12)
    negative_list_from = models.PositiveSmallIntegerField("年度累计记分达到此分值：列入负面清单", default=24)

    history = HistoricalRecords()
    objects = ScoringPolicyQuerySet.as_manager()

    class Meta:
        verbose_name = "记分规则"
        verbose_name_plural = "记分规则"
        ordering = ["county", "-effective_from"]

    def __str__(self):
        return f"{self.county or '默认'}记分规则（{self.effective_from:%Y-%m-%d}起）"

    def clean(self):
        if self.credit_c_from <= self.credit_b_from:
            raise ValidationError({"credit_c_from": "C级的分值须高于B级。"})

    def credit_level_for(self, points: int) -> str:
        if points >= self.credit_c_from:
            return Operator.CreditLevel.C
        if points >= self.credit_b_from:
            return Operator.CreditLevel.B
        return Operator.CreditLevel.A


class ScoreRecordQuerySet(ScopedQuerySet):
    def in_year(self, year: int):
        return self.valid().filter(scored_on__year=year)

    def total(self) -> int:
        return self.aggregate(total=Sum("points"))["total"] or 0


class ScoreRecord(LedgerRecord):
    """记分: points deducted from an operator, usually at an inspection."""

    past_dates = ("scored_on",)
    operator_life_date = "scored_on"

    township = models.ForeignKey(Township, verbose_name="乡镇", on_delete=models.PROTECT, related_name="+")
    operator = models.ForeignKey(Operator, verbose_name="经营者", on_delete=models.PROTECT, related_name="scores")
    inspection = models.OneToOneField(
        "inspections.Inspection",
        verbose_name="检查",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="score",
    )
    scored_on = models.DateField("记分日期")
    points = models.PositiveSmallIntegerField("记分")
    reason = models.CharField("记分事由", max_length=300)

    objects = ScoreRecordQuerySet.as_manager()

    class Meta:
        verbose_name = "记分记录"
        verbose_name_plural = "记分记录"
        ordering = ["-scored_on", "-pk"]
        indexes = [
            # The list's order: a county's first page reads 25 rows of this index, not every row.
            models.Index(fields=["-scored_on", "-id"], name="score_list_order"),
            # The yearly ledger sums an operator's points inside a year.
            models.Index(fields=["operator", "scored_on"], name="score_operator_date"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(points__gt=0), name="score_points_positive"),
        ]

    def __str__(self):
        return f"{self.operator} {self.scored_on:%Y-%m-%d} 记{self.points}分"

    def clean(self):
        super().clean()
        if self.operator_id:
            self.township_id = self.operator.township_id
        if self.points is not None and self.points <= 0:
            raise ValidationError({"points": "记分须大于0。"})


class LevelChange(models.Model):
    """A change of an operator's credit or risk level, with its date and cause (信用档案)."""

    class Level(models.TextChoices):
        CREDIT = "credit", "信用等级"
        RISK = "risk", "风险等级"

    operator = models.ForeignKey(
        Operator, verbose_name="经营者", on_delete=models.PROTECT, related_name="level_changes"
    )
    level = models.CharField("等级", max_length=10, choices=Level.choices)
    changed_on = models.DateField("变更日期")
    old = models.CharField("原等级", max_length=1)
    new = models.CharField("新等级", max_length=1)
    cause = models.CharField("原因", max_length=300)
    score = models.ForeignKey(
        ScoreRecord, verbose_name="引起变更的记分", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField("记录时间", auto_now_add=True)

    scope_field = "operator__township"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "等级变更"
        verbose_name_plural = "等级变更"
        ordering = ["-changed_on", "-pk"]

    def __str__(self):
        return f"{self.operator} {self.get_level_display()} {self.old}→{self.new}"


class NegativeListQuerySet(ScopedQuerySet):
    def current(self, day=None):
        """Entries published on `day` (today when omitted): listed, not removed, not voided."""
        day = day or datetime.date.today()
        return self.valid().filter(listed_on__lte=day).filter(Q(removed_on__isnull=True) | Q(removed_on__gt=day))


class NegativeListEntry(LedgerRecord):
    """负面清单: an operator published as a bad record, until removed."""

    past_dates = ("listed_on",)

    township = models.ForeignKey(Township, verbose_name="乡镇", on_delete=models.PROTECT, related_name="+")
    operator = models.ForeignKey(
        Operator, verbose_name="经营者", on_delete=models.PROTECT, related_name="negative_list_entries"
    )
    listed_on = models.DateField("列入日期")
    reason = models.CharField("列入原因", max_length=300)
    removed_on = models.DateField("移出日期", null=True, blank=True)
    removal_reason = models.CharField("移出原因", max_length=300, blank=True)

    objects = NegativeListQuerySet.as_manager()

    class Meta:
        verbose_name = "负面清单"
        verbose_name_plural = "负面清单"
        ordering = ["-listed_on", "-pk"]

    def __str__(self):
        return f"{self.operator}（{self.listed_on:%Y-%m-%d}列入）"

    def clean(self):
        super().clean()
        if self.operator_id:
            self.township_id = self.operator.township_id
        if self.removed_on and self.listed_on and self.removed_on < self.listed_on:
            raise ValidationError({"removed_on": "移出日期不能早于列入日期。"})
        if self.removed_on and not self.removal_reason:
            raise ValidationError({"removal_reason": "请填写移出原因。"})
