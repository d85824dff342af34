import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from registry.models import Operator


class RiskFrequencyRuleQuerySet(models.QuerySet):
    def in_force(self, day: datetime.date) -> dict:
        """{risk level: rule} effective on `day` (one SQL query)."""
        rules = {}
        for rule in self.filter(effective_from__lte=day).order_by("risk_level", "-effective_from"):
            rules.setdefault(rule.risk_level, rule)
        return rules


class RiskFrequencyRule(models.Model):
    """Expected inspections a year by risk level (2016 rule: A ≥1, B 1–2, C 2–3, D 3–4; configurable)."""

    risk_level = models.CharField("风险等级", max_length=1, choices=Operator.RiskLevel.choices)
    effective_from = models.DateField("生效日期", default=datetime.date(2016, 9, 5))
    min_per_year = models.PositiveSmallIntegerField("每年至少检查（次）")
    max_per_year = models.PositiveSmallIntegerField("每年最多检查（次）")

    objects = RiskFrequencyRuleQuerySet.as_manager()

    class Meta:
        verbose_name = "风险分级检查频次"
        verbose_name_plural = "风险分级检查频次"
        ordering = ["risk_level", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["risk_level", "effective_from"], name="risk_frequency_once_per_date"),
            models.CheckConstraint(
                condition=Q(max_per_year__gte=models.F("min_per_year")), name="risk_frequency_range"
            ),
        ]

    def __str__(self):
        return f"{self.get_risk_level_display()}：每年{self.min_per_year}–{self.max_per_year}次"

    def clean(self):
        if self.min_per_year is not None and self.max_per_year is not None and self.max_per_year < self.min_per_year:
            raise ValidationError({"max_per_year": "最多次数不能少于最少次数。"})
