"""监督抽检 (supervisory sampling) and the 核查处置 (disposal) of a failed batch."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from registry.ledgers.querysets import ScopedQuerySet
from registry.ledgers.records import LedgerRecord
from registry.models import Operator, Township

from .campaigns import Campaign
from .rules import RuleParameter


class SampleQuerySet(ScopedQuerySet):
    def between(self, start, end):
        """Batches sampled inside the period (a batch belongs to its sampling date)."""
        return self.filter(sampled_on__range=(start, end))

    def with_result(self):
        """The denominator of samples_pass_pct."""
        return self.exclude(result="")

    def failed(self):
        return self.filter(result=Sample.Result.FAIL)

    # One definition per state: each has its model method (`Sample.disposal_*_on`), tested to agree
    # (tests/inspections/test_states.py); the list filter, the badge, the dashboard and the figures use them.

    def disposal_completed_by(self, day: datetime.date):
        return self.failed().filter(disposal_done_by(day))

    def disposal_open_on(self, day: datetime.date):
        """Failed and not disposed of by `day` (处置中 / 待处置 / 逾期未处置)."""
        return self.failed().exclude(pk__in=self.model.objects.filter(disposal_done_by(day)).values("pk"))

    def case_filed_by(self, day: datetime.date):
        return self.failed().filter(disposal__case__voided_at__isnull=True, disposal__case__filed_on__lte=day)

    def penalty_decided_by(self, day: datetime.date):
        return self.failed().filter(disposal__case__voided_at__isnull=True, disposal__case__decided_on__lte=day)

    def disposal_overdue(self, day: datetime.date):
        """Failed batches past their (possibly extended) deadline on `day` and not disposed of by then."""
        return (
            self.failed()
            .annotate(deadline_in_force=Coalesce("disposal__extended_to", "disposal_deadline"))
            .filter(deadline_in_force__lt=day)
            .exclude(pk__in=self.model.objects.filter(disposal_done_by(day)).values("pk"))
        )


def disposal_done_by(day: datetime.date) -> Q:
    """A sample's disposal completed on or before `day` (a voided disposal completes nothing)."""
    return Q(disposal__voided_at__isnull=True, disposal__completed_on__lte=day)


class Sample(LedgerRecord):
    """监督抽检: one sampled batch, its test result and, when it failed, its disposal."""

    operator_life_date = "sampled_on"

    class Result(models.TextChoices):
        PASS = "pass", "合格"
        FAIL = "fail", "不合格"

    class FoodCategory(models.TextChoices):
        GRAIN = "grain", "粮食加工品"
        OIL = "oil", "食用油、油脂及其制品"
        CONDIMENT = "condiment", "调味品"
        MEAT_PRODUCT = "meat_product", "肉制品"
        DAIRY = "dairy", "乳制品"
        BEVERAGE = "beverage", "饮料"
        INSTANT = "instant", "方便食品"
        BISCUIT = "biscuit", "饼干"
        CANNED = "canned", "罐头"
        FROZEN_DRINK = "frozen_drink", "冷冻饮品"
        QUICK_FROZEN = "quick_frozen", "速冻食品"
        PUFFED = "puffed", "薯类和膨化食品"
        CANDY = "candy", "糖果制品"
        TEA = "tea", "茶叶及相关制品"
        LIQUOR = "liquor", "酒类"
        VEGETABLE_PRODUCT = "vegetable_product", "蔬菜制品"
        FRUIT_PRODUCT = "fruit_product", "水果制品"
        NUTS = "nuts", "炒货食品及坚果制品"
        EGG_PRODUCT = "egg_product", "蛋制品"
        SUGAR = "sugar", "食糖"
        AQUATIC_PRODUCT = "aquatic_product", "水产制品"
        STARCH = "starch", "淀粉及淀粉制品"
        PASTRY = "pastry", "糕点"
        BEAN_PRODUCT = "bean_product", "豆制品"
        BEE_PRODUCT = "bee_product", "蜂产品"
        CATERING = "catering", "餐饮食品"
        FARM_PRODUCE = "farm_produce", "食用农产品"
        OTHER = "other", "其他食品"

    township = models.ForeignKey(Township, verbose_name="乡镇", on_delete=models.PROTECT, related_name="+")
    operator = models.ForeignKey(Operator, verbose_name="被抽样单位", on_delete=models.PROTECT, related_name="samples")
    batch_no = models.CharField(
        "抽样单编号", max_length=50, help_text="国家抽检系统中的抽样单编号，如 NCP22620799000123"
    )
    sampled_on = models.DateField("抽样日期", default=timezone.localdate)
    sample_name = models.CharField("样品名称", max_length=100)
    food_category = models.CharField("食品类别", max_length=30, choices=FoodCategory.choices)
    manufacturer = models.CharField("标称生产者", max_length=100, blank=True)
    lot = models.CharField("生产日期/批号", max_length=50, blank=True)
    sampling_body = models.CharField("抽样单位", max_length=100, help_text="如：青山县市场监督管理局")
    testing_agency = models.CharField("检验机构", max_length=100)
    tested_items = models.CharField("检验项目", max_length=300, blank=True)
    campaign = models.ForeignKey(
        Campaign, verbose_name="所属专项整治", on_delete=models.PROTECT, null=True, blank=True, related_name="samples"
    )
    result = models.CharField(
        "检验结论", max_length=10, choices=Result.choices, blank=True, help_text="报告未出时留空（待出结果）"
    )
    failing_item = models.CharField("不合格项目", max_length=100, blank=True)
    standard_value = models.CharField("标准值", max_length=50, blank=True, help_text="如：≤0.5 mg/kg")
    measured_value = models.CharField("实测值", max_length=50, blank=True, help_text="如：1.2 mg/kg")
    report_no = models.CharField("检验报告编号", max_length=50, blank=True)
    report_date = models.DateField("报告日期", null=True, blank=True)
    disposal_deadline = models.DateField(
        "核查处置期限", null=True, blank=True, editable=False, help_text="不合格批次：报告日期起按规定天数计算"
    )
    notes = models.TextField("备注", blank=True)

    objects = SampleQuerySet.as_manager()

    class Meta:
        verbose_name = "监督抽检"
        verbose_name_plural = "监督抽检"
        ordering = ["-sampled_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["batch_no"],
                condition=Q(voided_at__isnull=True),
                name="sample_unique_batch_no",
                violation_error_message="该抽样单编号已登记。",
            ),
            models.CheckConstraint(
                condition=~Q(result="fail") | ~Q(failing_item=""),
                name="sample_failed_needs_failing_item",
                violation_error_message="不合格批次须填写不合格项目。",
            ),
            models.CheckConstraint(
                condition=Q(result="") | Q(report_date__isnull=False),
                name="sample_result_needs_report_date",
                violation_error_message="有检验结论的批次须填写报告日期。",
            ),
            models.CheckConstraint(
                condition=Q(report_date__isnull=True) | Q(report_date__gte=F("sampled_on")),
                name="sample_report_not_before_sampling",
                violation_error_message="报告日期不能早于抽样日期。",
            ),
        ]
        indexes = [
            # The list's order: a county's first page reads 25 rows of this index, not every row.
            models.Index(fields=["-sampled_on", "-id"], name="sample_list_order"),
            # Figures count a township's batches sampled inside a period (SampleQuerySet.between).
            models.Index(fields=["township", "sampled_on"], name="sample_township_date"),
            # The few failed batches, whose disposal the dashboard follows (SampleQuerySet.failed).
            models.Index(
                fields=["disposal_deadline"],
                condition=Q(result="fail", voided_at__isnull=True),
                name="sample_failed",
            ),
        ]

    def __str__(self):
        return f"{self.batch_no} {self.sample_name}"

    @property
    def is_failed(self):
        return self.result == self.Result.FAIL

    def batch_no_taken(self) -> bool:
        """Mirrors sample_unique_batch_no for a friendly message (one SQL query)."""
        others = Sample.objects.valid().filter(batch_no=self.batch_no)
        return others.exclude(pk=self.pk).exists() if self.pk else others.exists()

    def compute_disposal_deadline(self):
        """Report date + the disposal period in force on it; only failed batches have one."""
        if self.is_failed and self.report_date:
            days = RuleParameter.value_on(RuleParameter.Key.SAMPLE_DISPOSAL_DAYS, self.report_date)
            return self.report_date + datetime.timedelta(days=days)
        return None

    def clean(self):
        super().clean()
        errors = {}
        if self.operator_id:
            self.township_id = self.operator.township_id
        today = timezone.localdate()
        if self.sampled_on and self.sampled_on > today:
            errors["sampled_on"] = "抽样日期不能晚于今天。"
        if self.report_date:
            if self.sampled_on and self.report_date < self.sampled_on:
                errors["report_date"] = "报告日期不能早于抽样日期。"
            elif self.report_date > today:
                errors["report_date"] = "报告日期不能晚于今天。"
        if self.result and not self.report_date:
            errors["report_date"] = "有检验结论的批次须填写报告日期。"
        if self.is_failed and not self.failing_item.strip():
            errors["failing_item"] = "不合格批次须填写不合格项目。"
        if not self.is_failed and (self.failing_item or self.standard_value or self.measured_value):
            errors["failing_item"] = "只有不合格批次填写不合格项目、标准值和实测值。"
        if self.campaign_id and self.sampled_on and not self.campaign.covers(self.sampled_on):
            errors["campaign"] = "抽样日期不在该专项整治的时间范围内。"
        if self.pk and not self.is_failed and SampleDisposal.objects.filter(sample_id=self.pk).exists():
            errors["result"] = "该批次已有核查处置记录，不能改为合格或待出结果。"
        if self.batch_no and self.batch_no_taken():
            errors["batch_no"] = "该抽样单编号已登记。"
        if errors:
            raise ValidationError(errors)
        self.disposal_deadline = self.compute_disposal_deadline()

    def save(self, *args, **kwargs):
        self.disposal_deadline = self.compute_disposal_deadline()
        super().save(*args, **kwargs)

    def effective_disposal_deadline(self, disposal=None):
        disposal = disposal if disposal is not None else self.disposal_or_none
        if disposal is not None and disposal.extended_to:
            return disposal.extended_to
        return self.disposal_deadline

    @property
    def disposal_or_none(self):
        try:
            return self.disposal
        except SampleDisposal.DoesNotExist:
            return None

    def disposal_completed_on(self, day: datetime.date) -> bool:
        """`SampleQuerySet.disposal_completed_by`, for one record."""
        disposal = self.disposal_or_none
        return bool(
            self.is_failed
            and disposal
            and not disposal.is_voided
            and disposal.completed_on
            and disposal.completed_on <= day
        )

    def disposal_open_on(self, day: datetime.date) -> bool:
        """`SampleQuerySet.disposal_open_on`, for one record."""
        return self.is_failed and not self.disposal_completed_on(day)

    def disposal_overdue_on(self, day: datetime.date) -> bool:
        """Failed, past its (possibly extended) deadline on `day`, and not disposed of by then."""
        deadline = self.effective_disposal_deadline()
        return bool(self.is_failed and deadline and deadline < day and not self.disposal_completed_on(day))

    @property
    def disposal_state_today(self) -> str:
        return self.disposal_state(timezone.localdate())

    def disposal_state(self, day: datetime.date) -> str:
        """A short label for lists: 已完成处置 / 逾期未处置 / 处置中 / 待处置; blank unless failed."""
        if not self.is_failed:
            return ""
        if self.disposal_completed_on(day):
            return "已完成处置"
        if self.disposal_overdue_on(day):
            return "逾期未处置"
        return "处置中" if self.disposal_or_none else "待处置"


class SampleDisposal(LedgerRecord):
    """核查处置 of a failed batch: 下架/封存, 召回, 立案 (the case), 处罚 (its decision), 完成."""

    township = models.ForeignKey(Township, verbose_name="乡镇", on_delete=models.PROTECT, related_name="+")
    sample = models.OneToOneField(Sample, verbose_name="抽检批次", on_delete=models.PROTECT, related_name="disposal")
    withdrawn_on = models.DateField("下架/封存日期", null=True, blank=True)
    withdrawn_note = models.CharField(
        "下架/封存情况", max_length=200, blank=True, help_text="如：下架封存12袋；已售完无库存的请注明"
    )
    recalled_on = models.DateField("召回日期", null=True, blank=True)
    recall_note = models.CharField("召回情况", max_length=200, blank=True, help_text="不涉及召回的请注明原因")
    case = models.ForeignKey(
        "inspections.Case",
        verbose_name="立案案件",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="disposals",
        help_text="立案后选择对应案件；处罚决定日期取自案件",
    )
    extended_to = models.DateField("延期至", null=True, blank=True, help_text="经负责人批准延长办理期限的填写")
    extension_reason = models.CharField("延期理由", max_length=200, blank=True)
    completed_on = models.DateField("处置完成日期", null=True, blank=True)
    notes = models.TextField("核查处置情况", blank=True)

    class Meta:
        verbose_name = "核查处置"
        verbose_name_plural = "核查处置"
        ordering = ["-sample__sampled_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True)
                | Q(withdrawn_on__isnull=True)
                | Q(completed_on__gte=F("withdrawn_on")),
                name="disposal_completed_after_withdrawal",
                violation_error_message="处置完成日期不能早于下架/封存日期。",
            ),
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True)
                | Q(recalled_on__isnull=True)
                | Q(completed_on__gte=F("recalled_on")),
                name="disposal_completed_after_recall",
                violation_error_message="处置完成日期不能早于召回日期。",
            ),
        ]

    def __str__(self):
        return f"{self.sample}的核查处置"

    def get_absolute_url(self):
        return reverse("inspections:sample_detail", args=[self.sample_id])

    @property
    def is_completed(self):
        return self.completed_on is not None

    def steps(self):
        """(step, date, detail) in the order the work is done; the case gives 立案 and 处罚."""
        case = self.case if self.case_id and not self.case.is_voided else None
        return [
            ("下架/封存", self.withdrawn_on, self.withdrawn_note),
            ("召回", self.recalled_on, self.recall_note),
            ("立案", case.filed_on if case else None, case),
            ("处罚", case.decided_on if case else None, case.penalty_summary if case else ""),
            ("完成", self.completed_on, ""),
        ]

    def clean(self):
        super().clean()
        errors = {}
        sample = getattr(self, "sample", None)  # may be an unsaved batch of the same import
        if sample is not None:
            self.township_id = sample.township_id
            if not sample.is_failed:
                errors["__all__"] = "只有不合格批次需要核查处置。"
        today = timezone.localdate()
        for name in ("withdrawn_on", "recalled_on", "completed_on"):
            day = getattr(self, name)
            if day and day > today:
                errors[name] = "日期不能晚于今天。"
            elif day and sample is not None and day < sample.sampled_on:
                errors[name] = "日期不能早于抽样日期。"
        if self.completed_on and "completed_on" not in errors:
            for name, label in (("withdrawn_on", "下架/封存日期"), ("recalled_on", "召回日期")):
                day = getattr(self, name)
                if day and self.completed_on < day:
                    errors["completed_on"] = f"处置完成日期不能早于{label}。"
            if not self.withdrawn_on and not self.withdrawn_note.strip():
                errors["withdrawn_note"] = "完成处置前须登记下架/封存情况（已售完无库存的请注明）。"
        if self.extended_to:
            if not self.extension_reason.strip():
                errors["extension_reason"] = "延期须填写理由。"
            if sample is not None and sample.disposal_deadline and self.extended_to <= sample.disposal_deadline:
                errors["extended_to"] = f"延期日期须晚于原期限（{sample.disposal_deadline:%Y-%m-%d}）。"
        if self.case_id:
            if self.case.is_voided:
                errors["case"] = "所选案件已作废。"
            elif sample is not None and self.case.township_id != sample.township_id:
                errors["case"] = "案件须是本乡镇的案件。"
        if errors:
            raise ValidationError(errors)
