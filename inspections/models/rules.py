"""Configurable rules of the ledgers, each with the date it takes effect.

A record is judged by the rule in force on its own date, so a rule changed in 2027 does not
re-judge 2026's records. Where no row exists, `RuleParameter.DEFAULTS` apply (the national
rules domain.md cites); the admin edits the rows under 系统管理.
"""

import datetime

from django.db import models
from simple_history.models import HistoricalRecords


class RuleParameter(models.Model):
    """规则参数: one number of one rule, in force from a date."""

    class Key(models.TextChoices):
        SAMPLE_DISPOSAL_DAYS = "sample_disposal_days", "不合格抽检核查处置期限（自报告日期起，自然日）"
        COMPLAINT_DAYS = "complaint_days", "投诉办结期限（自受理之日起，工作日）"
        REPORT_DAYS = "report_days", "举报核查办结期限（自受理之日起，工作日）"
        BANQUET_MIN_GUESTS = "banquet_min_guests", "农村集体聚餐须报告备案的人数（人及以上）"

    # 抽检核查处置: 90 days (《食品安全抽样检验管理办法》); 投诉: mediation ends within 45 working
    # days of acceptance; 举报: verified and decided within 15 working days (《市场监督管理投诉举报
    # 处理暂行办法》, 行政处罚程序规定); banquets: 50 guests, the common provincial threshold.
    DEFAULTS = {
        Key.SAMPLE_DISPOSAL_DAYS: 90,
        Key.COMPLAINT_DAYS: 45,
        Key.REPORT_DAYS: 15,
        Key.BANQUET_MIN_GUESTS: 50,
    }

    key = models.CharField("规则", max_length=30, choices=Key.choices)
    value = models.PositiveIntegerField("数值")
    effective_from = models.DateField("生效日期")
    note = models.CharField("依据/说明", max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "规则参数"
        verbose_name_plural = "规则参数"
        ordering = ["key", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["key", "effective_from"], name="rule_parameter_once_per_day"),
        ]

    def __str__(self):
        return f"{self.get_key_display()}：{self.value}（{self.effective_from:%Y-%m-%d}起）"

    @classmethod
    def value_on(cls, key: str, day: datetime.date | None) -> int:
        """The value in force on `day` (one SQL query); the default where no row applies."""
        rows = cls.objects.filter(key=key)
        if day is not None:
            rows = rows.filter(effective_from__lte=day)
        value = rows.order_by("-effective_from").values_list("value", flat=True).first()
        return cls.DEFAULTS[key] if value is None else value
