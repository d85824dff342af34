"""农村集体聚餐: rural collective banquets reported to the village information officer."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, Sum
from django.utils import timezone

from registry.ledgers.querysets import ScopedQuerySet
from registry.ledgers.records import LedgerRecord
from registry.models import MobileChef, Township, Village

from .rules import RuleParameter


class BanquetQuerySet(ScopedQuerySet):
    def between(self, start, end):
        return self.filter(held_on__range=(start, end))

    def inspected(self):
        """Banquets an inspector checked on site: dinners_inspected."""
        return self.filter(inspected=True)

    def guests(self) -> int:
        """Sum of guests: dinner_guests (one SQL query)."""
        return self.aggregate(total=Sum("guests"))["total"] or 0


class Banquet(LedgerRecord):
    """农村集体聚餐备案: host, village, date, tables and guests, the chef, and whether it was checked.

    Banquets of `RuleParameter` banquet_min_guests guests or more (50 unless changed) must be
    reported with a signed commitment (承诺书) and a registered chef; the ledger keeps smaller ones
    too, and shows what a banquet lacks as warnings rather than refusing the record.
    """

    maxima = {"meals": 20, "tables": 500, "guests": 5_000}

    class Occasion(models.TextChoices):
        WEDDING = "wedding", "婚宴"
        BIRTHDAY = "birthday", "寿宴"
        FUNERAL = "funeral", "丧宴"
        SCHOOL = "school", "升学宴"
        BABY = "baby", "满月宴"
        HOUSEWARMING = "housewarming", "乔迁宴"
        OTHER = "other", "其他"

    township = models.ForeignKey(Township, verbose_name="乡镇", on_delete=models.PROTECT, related_name="+")
    village = models.ForeignKey(Village, verbose_name="村", on_delete=models.PROTECT, related_name="banquets")
    host = models.CharField("举办者", max_length=30)
    host_phone = models.CharField("举办者电话", max_length=20, blank=True)
    occasion = models.CharField("聚餐类型", max_length=20, choices=Occasion.choices)
    reported_on = models.DateField("报告日期", default=timezone.localdate)
    held_on = models.DateField("聚餐日期")
    meals = models.PositiveSmallIntegerField("餐次", default=1)
    place = models.CharField("举办地点", max_length=100, blank=True)
    tables = models.PositiveIntegerField("桌数")
    guests = models.PositiveIntegerField("就餐人数")
    chef = models.ForeignKey(
        MobileChef,
        verbose_name="厨师",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="banquets",
        help_text="从流动厨师登记中选择",
    )
    commitment_signed = models.BooleanField("签订承诺书", default=False)
    samples_kept = models.BooleanField("食品留样", default=False)
    inspected = models.BooleanField("现场检查指导", default=False)
    inspection_note = models.CharField("检查情况", max_length=200, blank=True)
    notes = models.TextField("备注", blank=True)

    objects = BanquetQuerySet.as_manager()

    class Meta:
        verbose_name = "农村集体聚餐"
        verbose_name_plural = "农村集体聚餐备案台账"
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tables__gte=1) & Q(guests__gte=models.F("tables")),
                name="banquet_guests_fill_tables",
                violation_error_message="桌数须至少为1，就餐人数不能少于桌数。",
            ),
            models.CheckConstraint(
                condition=Q(meals__gte=1),
                name="banquet_has_meals",
                violation_error_message="餐次须至少为1。",
            ),
        ]
        indexes = [
            # The list's order: a county's first page reads 25 rows of this index, not every row.
            models.Index(fields=["-held_on", "-id"], name="banquet_list_order"),
            # collective_dinners counts a township's banquets held inside a period.
            models.Index(fields=["township", "held_on"], name="banquet_township_date"),
        ]

    def __str__(self):
        return f"{self.held_on:%Y-%m-%d} {self.village} {self.host}{self.get_occasion_display()}"

    @property
    def must_report(self) -> bool:
        """At or over the reporting threshold in force on the banquet's day (one SQL query)."""
        threshold = RuleParameter.value_on(RuleParameter.Key.BANQUET_MIN_GUESTS, self.held_on)
        return self.guests >= threshold

    def warnings(self) -> list[str]:
        """What the banquet lacks; empty when nothing. May cost a query for the threshold."""
        found = []
        if self.chef_id:
            chef = self.chef
            if chef.health_certificate_expires_on and chef.health_certificate_expires_on < self.held_on:
                found.append("厨师健康证已过期")
            if chef.training_certificate_expires_on and chef.training_certificate_expires_on < self.held_on:
                found.append("厨师培训证已过期")
        if self.must_report:
            if not self.chef_id:
                found.append("未登记厨师")
            if not self.commitment_signed:
                found.append("未签订承诺书")
            if not self.samples_kept:
                found.append("未留样")
        return found

    def clean(self):
        super().clean()
        errors = {}
        if self.village_id:
            self.township_id = self.village.township_id
        today = timezone.localdate()
        if self.reported_on and self.reported_on > today:
            errors["reported_on"] = "报告日期不能晚于今天。"
        if self.held_on and self.reported_on and self.held_on > self.reported_on + datetime.timedelta(days=366):
            errors["held_on"] = "聚餐日期距报告日期超过一年，请核对。"
        if self.tables is not None and self.tables < 1:
            errors["tables"] = "桌数须至少为1。"
        elif self.tables and self.guests is not None and self.guests < self.tables:
            errors["guests"] = "就餐人数不能少于桌数。"
        if self.meals is not None and self.meals < 1:
            errors["meals"] = "餐次须至少为1。"
        if self.chef_id and self.village_id and self.chef.township.county_id != self.village.township.county_id:
            errors["chef"] = "厨师须是本县登记的流动厨师。"
        if self.inspection_note and not self.inspected:
            errors["inspected"] = "填写了检查情况的，请勾选“现场检查指导”。"
        if errors:
            raise ValidationError(errors)
