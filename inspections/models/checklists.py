import datetime

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from registry.models import Operator


class ChecklistTemplateQuerySet(models.QuerySet):
    def in_force(self, category: str, day: datetime.date):
        """The template an inspection of `category` on `day` walks: the latest one effective by then."""
        return (
            self.filter(category=category, effective_from__lte=day, is_active=True)
            .order_by("-effective_from", "-pk")
            .first()
        )


class ChecklistTemplate(models.Model):
    """监督检查要点表 for one operator category, effective from a date (so 2022 is judged by 2022's rules).

    The result rule is part of the template (domain.md): 符合 when nothing failed; 基本符合 when at most
    `max_key_failures_for_basic` key items failed and the pass rate of general items is at least
    `min_general_pass_rate`; otherwise 不符合. The 2016 catering rule is (1, 70); the default (0, 70)
    makes any failed key item 不符合.
    """

    name = models.CharField("名称", max_length=100)
    category = models.CharField("适用业态", max_length=20, choices=Operator.Category.choices)
    effective_from = models.DateField("生效日期", default=datetime.date(2022, 3, 15))
    is_active = models.BooleanField("启用", default=True)
    max_key_failures_for_basic = models.PositiveSmallIntegerField("基本符合允许的重点项不符合数", default=0)
    min_general_pass_rate = models.PositiveSmallIntegerField(
        "基本符合要求的一般项符合率（%）", default=70, help_text="不适用（合理缺项）的项目不计入"
    )

    history = HistoricalRecords()
    objects = ChecklistTemplateQuerySet.as_manager()

    class Meta:
        verbose_name = "检查要点表"
        verbose_name_plural = "检查要点表"
        ordering = ["category", "-effective_from"]

    def __str__(self):
        return f"{self.name}（{self.effective_from:%Y-%m-%d}起）"

    def clean(self):
        if self.min_general_pass_rate > 100:
            raise ValidationError({"min_general_pass_rate": "符合率不能超过100%。"})

    def judge(self, outcomes):
        """The suggested result from (is_key, outcome) pairs; outcome is an ItemOutcome value."""
        from .inspections import Inspection

        applicable = [(is_key, outcome) for is_key, outcome in outcomes if outcome != ItemOutcome.NOT_APPLICABLE]
        failed_key = sum(1 for is_key, outcome in applicable if is_key and outcome == ItemOutcome.FAIL)
        general = [outcome for is_key, outcome in applicable if not is_key]
        failed_general = sum(1 for outcome in general if outcome == ItemOutcome.FAIL)
        if failed_key == 0 and failed_general == 0:
            return Inspection.Result.PASS
        general_rate = 100 * (len(general) - failed_general) / len(general) if general else 100
        if failed_key <= self.max_key_failures_for_basic and general_rate >= self.min_general_pass_rate:
            return Inspection.Result.BASIC
        return Inspection.Result.FAIL


class ItemOutcome(models.TextChoices):
    PASS = "pass", "符合"
    FAIL = "fail", "不符合"
    NOT_APPLICABLE = "na", "不适用"


class ChecklistItem(models.Model):
    class Section(models.TextChoices):
        QUALIFICATION = "qualification", "资质（许可管理）"
        DISCLOSURE = "disclosure", "信息公示"
        SYSTEMS = "systems", "制度管理"
        STAFF = "staff", "从业人员"
        HYGIENE = "hygiene", "环境卫生"
        MATERIALS = "materials", "原料控制"
        PROCESSING = "processing", "加工过程"
        EQUIPMENT = "equipment", "设施设备"
        TABLEWARE = "tableware", "餐饮具清洗消毒"
        STORAGE = "storage", "贮存"
        LABELLING = "labelling", "标签标识"
        TRACEABILITY = "traceability", "进货查验与追溯"
        OTHER = "other", "其他"

    template = models.ForeignKey(
        ChecklistTemplate, verbose_name="要点表", on_delete=models.PROTECT, related_name="items"
    )
    section = models.CharField("检查项目", max_length=20, choices=Section.choices)
    number = models.CharField("序号", max_length=10)
    text = models.CharField("检查内容", max_length=300)
    is_key = models.BooleanField("重点项", default=False)
    points = models.PositiveSmallIntegerField("不符合时记分", default=0)
    order = models.PositiveSmallIntegerField("排序", default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "检查要点"
        verbose_name_plural = "检查要点"
        ordering = ["template", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["template", "number"], name="checklist_item_unique_number"),
        ]

    def __str__(self):
        return f"{self.number} {self.text}"


class InspectionItemResult(models.Model):
    """One checklist item as found at one inspection."""

    inspection = models.ForeignKey(
        "inspections.Inspection", verbose_name="检查", on_delete=models.PROTECT, related_name="item_results"
    )
    item = models.ForeignKey(ChecklistItem, verbose_name="检查要点", on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField("结果", max_length=4, choices=ItemOutcome.choices, default=ItemOutcome.PASS)
    corrected_on_site = models.BooleanField("当场整改", default=False)
    note = models.CharField("说明", max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "检查要点结果"
        verbose_name_plural = "检查要点结果"
        ordering = ["item__order", "item__pk"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "item"], name="item_result_once_per_inspection"),
        ]

    def __str__(self):
        return f"{self.item}：{self.get_outcome_display()}"

    @property
    def failed(self):
        return self.outcome == ItemOutcome.FAIL
