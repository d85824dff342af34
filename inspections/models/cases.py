"""立案查处: enforcement cases, their penalties and the goods confiscated."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import DecimalField, F, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from simple_history.models import HistoricalRecords

from registry.ledgers.bounds import PlausibleValues
from registry.ledgers.querysets import ScopedQuerySet
from registry.ledgers.records import LedgerRecord
from registry.models import Operator, Township

from .inspections import Inspection

ZERO = Decimal("0")


def money_field(label, **kwargs):
    return models.DecimalField(label, max_digits=12, decimal_places=2, default=ZERO, **kwargs)


class CaseQuerySet(ScopedQuerySet):
    def between(self, start, end):
        """Cases filed (立案) inside the period: cases_filed."""
        return self.filter(filed_on__range=(start, end))

    def closed_between(self, start, end):
        """Cases closed (结案) inside the period, whenever filed: cases_closed."""
        return self.filter(closed_on__range=(start, end))

    def decided_between(self, start, end):
        """Cases whose penalty was decided inside the period: fines_total sums these."""
        return self.filter(decided_on__range=(start, end))

    def penalty_total(self) -> Decimal:
        """Fines (on the party and on persons) plus confiscated money, in yuan (one SQL query)."""
        total = self.aggregate(
            total=Coalesce(
                Sum(F("fine") + F("confiscated_money") + F("individual_fine")),
                ZERO,
                output_field=DecimalField(max_digits=14, decimal_places=2),
            )
        )["total"]
        return Decimal(total)


class Case(LedgerRecord):
    """立案查处: one case, from 立案 to 处罚决定 to 结案."""

    operator_life_date = "filed_on"
    maxima = {"fine": 10_000_000, "confiscated_money": 10_000_000, "individual_fine": 1_000_000}

    class Domain(models.TextChoices):
        FOOD = "food", "食品"
        DRUG = "drug", "药品"
        DEVICE = "device", "医疗器械"
        COSMETIC = "cosmetic", "化妆品"
        OTHER = "other", "其他"

    class Source(models.TextChoices):
        INSPECTION = "inspection", "监督检查发现"
        SAMPLING = "sampling", "抽检不合格"
        COMPLAINT = "complaint", "投诉举报"
        REFERRAL = "referral", "上级交办/移送"
        OTHER = "other", "其他"

    township = models.ForeignKey(Township, verbose_name="乡镇", on_delete=models.PROTECT, related_name="+")
    case_no = models.CharField("案件编号", max_length=50, help_text="如：青市监立〔2026〕12号")
    domain = models.CharField("案件类别", max_length=10, choices=Domain.choices, default=Domain.FOOD)
    source = models.CharField("案件来源", max_length=20, choices=Source.choices, default=Source.INSPECTION)
    operator = models.ForeignKey(
        Operator,
        verbose_name="当事单位",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        help_text="已登记的经营者从这里选择；未登记的当事人只填“当事人”",
    )
    party = models.CharField("当事人", max_length=100, blank=True, help_text="选择了当事单位的可留空")
    cause = models.CharField("案由", max_length=200)
    inspection = models.ForeignKey(
        Inspection,
        verbose_name="来源检查",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
    )
    filed_on = models.DateField("立案日期", default=timezone.localdate)
    decided_on = models.DateField("处罚决定日期", null=True, blank=True)
    decision_no = models.CharField("处罚决定书文号", max_length=50, blank=True)
    penalty_summary = models.CharField("处罚内容", max_length=200, blank=True, help_text="如：警告、罚款5000元")
    fine = money_field("罚款（元）")
    confiscated_money = money_field("没收违法所得（元）")
    individual_penalised = models.BooleanField("处罚到人", default=False)
    individual_name = models.CharField("被处罚责任人", max_length=50, blank=True)
    individual_fine = money_field("对责任人罚款（元）")
    transferred_to_police = models.BooleanField("移交公安", default=False)
    transferred_on = models.DateField("移交日期", null=True, blank=True)
    closed_on = models.DateField("结案日期", null=True, blank=True)
    notes = models.TextField("备注", blank=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = "案件"
        verbose_name_plural = "立案查处"
        ordering = ["-filed_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case_no"],
                condition=Q(voided_at__isnull=True),
                name="case_unique_case_no",
                violation_error_message="该案件编号已登记。",
            ),
            models.CheckConstraint(
                condition=Q(fine__gte=0) & Q(confiscated_money__gte=0) & Q(individual_fine__gte=0),
                name="case_amounts_not_negative",
                violation_error_message="金额不能为负数。",
            ),
            models.CheckConstraint(
                condition=Q(decided_on__isnull=True) | Q(decided_on__gte=F("filed_on")),
                name="case_decided_after_filed",
                violation_error_message="处罚决定日期不能早于立案日期。",
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=F("filed_on")),
                name="case_closed_after_filed",
                violation_error_message="结案日期不能早于立案日期。",
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(decided_on__isnull=True) | Q(closed_on__gte=F("decided_on")),
                name="case_closed_after_decided",
                violation_error_message="结案日期不能早于处罚决定日期。",
            ),
            models.CheckConstraint(
                condition=(Q(fine=0) & Q(confiscated_money=0) & Q(individual_fine=0)) | Q(decided_on__isnull=False),
                name="case_penalty_needs_decision",
                violation_error_message="有罚没款的案件须填写处罚决定日期。",
            ),
            models.CheckConstraint(
                condition=Q(individual_penalised=False) | ~Q(individual_name=""),
                name="case_individual_needs_name",
                violation_error_message="处罚到人须填写被处罚责任人。",
            ),
        ]
        indexes = [
            # cases_filed counts a township's cases filed inside a period (CaseQuerySet.between).
            models.Index(fields=["township", "filed_on"], name="case_township_filed"),
        ]

    def __str__(self):
        return f"{self.case_no} {self.party_name}"

    @property
    def party_name(self):
        return self.party or (self.operator.name if self.operator_id else "")

    @property
    def penalty_total(self) -> Decimal:
        return self.fine + self.confiscated_money + self.individual_fine

    @property
    def stage(self):
        if self.closed_on:
            return "已结案"
        if self.decided_on:
            return "已作出处罚决定"
        return "已立案"

    def case_no_taken(self) -> bool:
        others = Case.objects.valid().filter(case_no=self.case_no)
        return others.exclude(pk=self.pk).exists() if self.pk else others.exists()

    def clean(self):
        super().clean()
        errors = {}
        if self.operator_id:
            self.township_id = self.operator.township_id
        elif not self.party.strip():
            errors["party"] = "请选择当事单位或填写当事人。"
        today = timezone.localdate()
        dates = [
            ("filed_on", self.filed_on, None, ""),
            ("decided_on", self.decided_on, self.filed_on, "立案日期"),
            ("transferred_on", self.transferred_on, self.filed_on, "立案日期"),
            (
                "closed_on",
                self.closed_on,
                self.decided_on or self.filed_on,
                "处罚决定日期" if self.decided_on else "立案日期",
            ),
        ]
        for name, day, earliest, earliest_label in dates:
            if day and day > today:
                errors[name] = "日期不能晚于今天。"
            elif day and earliest and day < earliest:
                errors[name] = f"{self._meta.get_field(name).verbose_name}不能早于{earliest_label}。"
        for name in ("fine", "confiscated_money", "individual_fine"):
            if getattr(self, name) is not None and getattr(self, name) < 0:
                errors[name] = "金额不能为负数。"
        if (self.fine or self.confiscated_money or self.individual_fine) and not self.decided_on:
            errors.setdefault("decided_on", "有罚没款的案件须填写处罚决定日期。")
        if self.individual_penalised and not self.individual_name.strip():
            errors["individual_name"] = "处罚到人须填写被处罚责任人。"
        if not self.individual_penalised and (self.individual_name or self.individual_fine):
            errors["individual_penalised"] = "填写了被处罚责任人的，请勾选“处罚到人”。"
        if self.transferred_on and not self.transferred_to_police:
            errors["transferred_to_police"] = "填写了移交日期的，请勾选“移交公安”。"
        if self.inspection_id and self.operator_id and self.inspection.operator_id != self.operator_id:
            errors["inspection"] = "来源检查须是对该当事单位的检查。"
        if self.case_no and self.case_no_taken():
            errors["case_no"] = "该案件编号已登记。"
        if errors:
            raise ValidationError(errors)


class ConfiscatedGoodsQuerySet(ScopedQuerySet):
    def totals(self):
        """[{kind, unit, quantity}] summed by kind and unit: the `confiscated` figure's lines."""
        return list(self.values("kind", "unit").annotate(quantity=Sum("quantity")).order_by("kind", "unit"))


class ConfiscatedGoods(PlausibleValues, models.Model):
    """没收物品: one kind of goods confiscated in a case, with its quantity and unit."""

    class Kind(models.TextChoices):
        EXPIRED_FOOD = "expired_food", "过期食品"
        FAILED_FOOD = "failed_food", "不合格食品"
        FAKE_FOOD = "fake_food", "假冒伪劣食品"
        UNLABELLED_FOOD = "unlabelled_food", "“三无”食品"
        DRUG = "drug", "药品"
        DEVICE = "device", "医疗器械"
        COSMETIC = "cosmetic", "化妆品"
        TOOL = "tool", "工具设备"
        OTHER = "other", "其他"

    class Unit(models.TextChoices):
        KG = "kg", "公斤"
        BOARD = "board", "板"
        BOX = "box", "盒"
        BOTTLE = "bottle", "瓶"
        BAG = "bag", "袋"
        CASE = "case", "箱"
        PIECE = "piece", "件"
        STICK = "stick", "支"
        ITEM = "item", "个"
        LITRE = "litre", "升"
        SET = "set", "台"

    case = models.ForeignKey(Case, verbose_name="案件", on_delete=models.PROTECT, related_name="goods")
    kind = models.CharField("种类", max_length=20, choices=Kind.choices)
    description = models.CharField("物品名称", max_length=100, blank=True, help_text="如：过期酸奶、XX牌感冒胶囊")
    quantity = models.DecimalField("数量", max_digits=12, decimal_places=2)
    unit = models.CharField("单位", max_length=10, choices=Unit.choices)

    history = HistoricalRecords()

    scope_field = "case__township"
    # A township's seizure of a million units (kg, boxes, bottles) is a typing error.
    maxima = {"quantity": 1_000_000}
    objects = ConfiscatedGoodsQuerySet.as_manager()

    class Meta:
        verbose_name = "没收物品"
        verbose_name_plural = "没收物品"
        ordering = ["case", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0),
                name="confiscated_goods_quantity_positive",
                violation_error_message="数量须大于0。",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}{self.description and '（' + self.description + '）'} {self.quantity_text}"

    @property
    def quantity_text(self):
        return f"{self.quantity.normalize():f}{self.get_unit_display()}"

    def clean(self):
        super().clean()
        if self.quantity is not None and self.quantity <= 0:
            raise ValidationError({"quantity": "数量须大于0。"})
