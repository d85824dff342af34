"""快检: rapid tests on site (markets, shops, canteens), by item from an editable standard list."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from registry.ledgers.querysets import ScopedQuerySet
from registry.ledgers.records import LedgerRecord
from registry.models import Operator, Township


class RapidTestItem(models.Model):
    """快检项目: the standard list (农残, 注水肉, 亚硝酸盐…), extended by the admin."""

    name = models.CharField("项目", max_length=30, unique=True, help_text="简称，统计按此分类，如：农残")
    description = models.CharField("检测内容", max_length=100, blank=True)
    unit = models.CharField("单位", max_length=20, blank=True)
    limit = models.CharField("判定限值", max_length=50, blank=True)
    active = models.BooleanField("在用", default=True, help_text="停用的项目不再出现在录入页面")
    order = models.PositiveSmallIntegerField("排序", default=100)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "快检项目"
        verbose_name_plural = "快检项目"
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class RapidTestQuerySet(ScopedQuerySet):
    def between(self, start, end):
        return self.filter(tested_on__range=(start, end))

    def failed(self):
        return self.filter(result=RapidTest.Result.FAIL)

    def by_item(self):
        """[{item__name, tests, failed}] per item: rapid_tests and rapid_tests_failed by item."""
        return list(
            self.values("item__name")
            .annotate(tests=Count("pk"), failed=Count("pk", filter=Q(result=RapidTest.Result.FAIL)))
            .order_by("item__order", "item__name")
        )


class RapidTest(LedgerRecord):
    """快检: one sample tested for one item at one place on one day."""

    operator_life_date = "tested_on"

    class Result(models.TextChoices):
        PASS = "pass", "合格"
        FAIL = "fail", "不合格"

    class Retest(models.TextChoices):
        PASS = "pass", "复检合格"
        FAIL = "fail", "复检不合格"

    township = models.ForeignKey(Township, verbose_name="乡镇", on_delete=models.PROTECT, related_name="+")
    tested_on = models.DateField("检测日期", default=timezone.localdate)
    operator = models.ForeignKey(
        Operator,
        verbose_name="检测地点",
        on_delete=models.PROTECT,
        related_name="rapid_tests",
        help_text="农贸市场或被检经营者",
    )
    vendor = models.CharField("摊位/经营户", max_length=50, blank=True, help_text="在市场检测时填写摊位号或摊主")
    sample_name = models.CharField("样品名称", max_length=50)
    item = models.ForeignKey(RapidTestItem, verbose_name="检测项目", on_delete=models.PROTECT, related_name="tests")
    result = models.CharField("结果", max_length=10, choices=Result.choices, default=Result.PASS)
    measured_value = models.CharField("检测值", max_length=30, blank=True, help_text="如：抑制率 35%")
    tester = models.CharField("检测人", max_length=30)
    retest_result = models.CharField("复检结果", max_length=10, choices=Retest.choices, blank=True)
    disposal = models.CharField(
        "不合格处置", max_length=200, blank=True, help_text="不合格时必填，如：现场销毁青菜5公斤"
    )

    objects = RapidTestQuerySet.as_manager()

    class Meta:
        verbose_name = "快检"
        verbose_name_plural = "快检"
        ordering = ["-tested_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(result="pass") | ~Q(disposal=""),
                name="rapid_test_failed_needs_disposal",
                violation_error_message="不合格须填写处置情况。",
            ),
            models.CheckConstraint(
                condition=Q(result="fail") | Q(retest_result=""),
                name="rapid_test_retest_only_when_failed",
                violation_error_message="只有不合格的样品才有复检结果。",
            ),
        ]
        indexes = [
            # The list's order: a county's first page reads 25 rows of this index, not every row.
            models.Index(fields=["-tested_on", "-id"], name="rapid_test_list_order"),
            # rapid_tests counts a township's tests inside a period, split by item.
            models.Index(fields=["township", "tested_on"], name="rapid_test_township_date"),
            # The count of valid tests read from the index alone (PostgreSQL).
            models.Index(
                fields=["township", "tested_on"],
                include=["id"],
                condition=Q(voided_at__isnull=True),
                name="rapid_test_figures",
            ),
        ]

    def __str__(self):
        return f"{self.tested_on:%Y-%m-%d} {self.sample_name}（{self.item}）"

    @property
    def is_failed(self):
        return self.result == self.Result.FAIL

    def clean(self):
        super().clean()
        errors = {}
        if self.operator_id:
            self.township_id = self.operator.township_id
        if self.tested_on and self.tested_on > timezone.localdate():
            errors["tested_on"] = "检测日期不能晚于今天。"
        if self.is_failed and not self.disposal.strip():
            errors["disposal"] = "不合格须填写处置情况。"
        if not self.is_failed and self.retest_result:
            errors["retest_result"] = "只有不合格的样品才有复检结果。"
        if errors:
            raise ValidationError(errors)
