"""Jurisdictions, users and the registry of everyone the office supervises."""

import datetime

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils.functional import cached_property
from simple_history.models import HistoricalRecords

from .ledgers.bounds import PlausibleValues
from .ledgers.querysets import OwnJurisdictionQuerySet, ScopedQuerySet
from .ledgers.records import LedgerRecord, VersionedModel
from .ledgers.submissions import SubmissionToken  # noqa: F401  (the model lives with its machinery)
from .validators import validate_credit_code, validate_id_card, validate_phone

# ---------------------------------------------------------------------------
# Jurisdictions
# ---------------------------------------------------------------------------


class County(models.Model):
    """县 (or district): the county market-supervision bureau's area."""

    code = models.SlugField("代码", max_length=20, unique=True)
    name = models.CharField("名称", max_length=50, unique=True)
    bureau_name = models.CharField("县局名称", max_length=80, blank=True, help_text="如：某某县市场监督管理局")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "县（区）"
        verbose_name_plural = "县（区）"
        ordering = ["code"]

    def __str__(self):
        return self.name


class Township(models.Model):
    """乡镇: the jurisdiction of one market-supervision office (市场监管所)."""

    county = models.ForeignKey(County, verbose_name="所属县", on_delete=models.PROTECT, related_name="townships")
    code = models.SlugField("代码", max_length=20, unique=True, help_text="导入命令用，如 hongqiao")
    name = models.CharField("名称", max_length=50)
    office_name = models.CharField("监管所名称", max_length=80, blank=True, help_text="如：红桥市场监督管理所")

    history = HistoricalRecords()

    scope_field = "pk"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "乡镇"
        verbose_name_plural = "乡镇"
        ordering = ["county__code", "code"]
        constraints = [
            models.UniqueConstraint(fields=["county", "name"], name="township_unique_name_in_county"),
        ]

    def __str__(self):
        return self.name

    @property
    def population(self):
        """Residents of its villages (this causes a SQL query)."""
        return self.villages.aggregate(total=Sum("population"))["total"] or 0


class Village(PlausibleValues, VersionedModel):
    """行政村 (or 社区): the smallest unit a figure is split by."""

    maxima = {"population": 500_000}

    township = models.ForeignKey(Township, verbose_name="所属乡镇", on_delete=models.PROTECT, related_name="villages")
    name = models.CharField("名称", max_length=50)
    population = models.PositiveIntegerField(
        "户籍人口", default=0, help_text="用于按人口计算的指标（如每千人抽检批次）"
    )

    history = HistoricalRecords()

    scope_field = "township"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "行政村"
        verbose_name_plural = "行政村"
        ordering = ["township", "name"]
        constraints = [
            models.UniqueConstraint(fields=["township", "name"], name="village_unique_name_in_township"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("registry:village_list") + f"?township={self.township_id}"


class User(AbstractUser):
    """A login. Belongs to one or more townships, or to a whole county."""

    name = models.CharField("姓名", max_length=30, blank=True)
    phone = models.CharField("手机号", max_length=20, blank=True)
    enforcement_id = models.CharField("执法证号", max_length=30, blank=True, help_text="参加现场检查时出示")
    county = models.ForeignKey(
        County,
        verbose_name="县级用户所属县",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        help_text="县局用户可查看全县所有乡镇",
    )
    townships = models.ManyToManyField(Township, verbose_name="所属乡镇", blank=True, related_name="users")
    must_change_password = models.BooleanField(
        "下次登录须修改密码",
        default=False,
        help_text="管理员新建账号或重置密码后自动勾选；用户修改密码后取消。",
    )

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"

    def __str__(self):
        return self.name or self.username

    def get_full_name(self):
        return self.name or self.username

    @cached_property
    def township_ids(self):
        """Ids of the townships this user may see (one SQL query, cached for the request)."""
        return list(self.visible_townships().values_list("pk", flat=True))

    def visible_townships(self):
        if self.is_superuser:
            return Township.objects.all()
        condition = Q(users=self)
        if self.county_id:
            condition |= Q(county_id=self.county_id)
        return Township.objects.filter(condition).distinct()


# Licences and insurance policies ending this many days ahead are listed as needing attention.
EXPIRY_WARNING_DAYS = 30


class RegisteredQuerySet(ScopedQuerySet):
    def active_on(self, day: datetime.date):
        """Registered on or before `day` and not cancelled (注销) on or before it; not voided."""
        return self.valid().filter(registered_on__lte=day).exclude(status="cancelled", status_date__lte=day)

    def expiring(self, what: str, day: datetime.date):
        """Active on `day` with the licence or insurance (`what`) ending within EXPIRY_WARNING_DAYS from then."""
        field = {"licence": "licence_expires_on", "insurance": "insurance_end"}[what]
        window = (day, day + datetime.timedelta(days=EXPIRY_WARNING_DAYS))
        return self.active_on(day).filter(**{f"{field}__range": window})


class RegisteredEntry(LedgerRecord):
    """An entry of a registry: it has a registration date and may be cancelled later."""

    past_dates = ("registered_on",)

    township = models.ForeignKey(Township, verbose_name="所属乡镇", on_delete=models.PROTECT, related_name="+")
    registered_on = models.DateField("登记日期", default=datetime.date.today)
    status_date = models.DateField("状态变更日期", null=True, blank=True)
    notes = models.TextField("备注", blank=True)

    objects = RegisteredQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_cancelled(self):
        return self.status == "cancelled"

    def clean(self):
        super().clean()
        if self.status == "cancelled" and not self.status_date:
            raise ValidationError({"status_date": "注销须填写注销日期。"})
        if self.status_date and self.registered_on and self.status_date < self.registered_on:
            raise ValidationError({"status_date": "状态变更日期不能早于登记日期。"})

    def change_status(self, *, status, day, reason, by=None):
        """Move to a new status from `day`, remembering why in the audit trail."""
        if self.is_cancelled:
            raise ValidationError("已注销的记录不能再变更状态。")
        self.status = status
        self.status_date = day
        self.full_clean()
        self._change_reason = f"状态变更为{self.get_status_display()}：{reason}".rstrip("：")
        self.save()


# ---------------------------------------------------------------------------
# Operators (食品生产经营者)
# ---------------------------------------------------------------------------


class Operator(RegisteredEntry):
    """A food business: producer, wholesaler, retailer, caterer, canteen, 三小 or market."""

    past_dates = ("registered_on", "licence_issued_on")

    class Category(models.TextChoices):
        PRODUCER = "producer", "食品生产企业"
        WHOLESALE = "wholesale", "食品批发"
        RETAIL = "retail", "食品零售"
        CATERING = "catering", "餐饮服务（社会餐饮）"
        CANTEEN = "canteen", "单位食堂"
        SMALL = "small", "三小"
        MARKET = "market", "农贸市场/集中交易市场"

    class Subtype(models.TextChoices):
        SUPERMARKET = "supermarket", "商超"
        GROCERY = "grocery", "食杂店"
        RETAIL_OTHER = "retail_other", "其他零售"
        LARGE = "large", "大型餐饮"
        MEDIUM = "medium", "中型餐饮"
        SMALL_SCALE = "small_scale", "小型餐饮"
        SCHOOL = "school", "学校食堂"
        GOVERNMENT = "government", "机关单位食堂"
        ELDERLY = "elderly", "养老机构食堂"
        ENTERPRISE = "enterprise", "企业食堂"
        WORKSHOP = "workshop", "小作坊"
        SHOP = "shop", "小经营店"
        STALL = "stall", "小摊点"
        EATERY = "eatery", "小餐饮"
        FARMERS_MARKET = "farmers_market", "农贸市场"
        TRADING_MARKET = "trading_market", "集中交易市场"

    # Which sub-types a category allows; an empty tuple means the category has none.
    SUBTYPES = {
        Category.PRODUCER: (),
        Category.WHOLESALE: (),
        Category.RETAIL: (Subtype.SUPERMARKET, Subtype.GROCERY, Subtype.RETAIL_OTHER),
        Category.CATERING: (Subtype.LARGE, Subtype.MEDIUM, Subtype.SMALL_SCALE),
        Category.CANTEEN: (Subtype.SCHOOL, Subtype.GOVERNMENT, Subtype.ELDERLY, Subtype.ENTERPRISE),
        Category.SMALL: (Subtype.WORKSHOP, Subtype.SHOP, Subtype.STALL, Subtype.EATERY),
        Category.MARKET: (Subtype.FARMERS_MARKET, Subtype.TRADING_MARKET),
    }

    class Status(models.TextChoices):
        OPEN = "open", "营业"
        SUSPENDED = "suspended", "停业"
        CANCELLED = "cancelled", "注销"

    class LicenceKind(models.TextChoices):
        PRODUCTION = "production", "食品生产许可证"
        BUSINESS = "business", "食品经营许可证"
        PREPACKAGED_FILING = "prepackaged_filing", "仅销售预包装食品备案"
        SMALL_WORKSHOP = "small_workshop", "食品小作坊登记证"
        SMALL_BUSINESS = "small_business", "食品小经营登记证"
        STALL_CARD = "stall_card", "食品摊点备案卡"
        MARKET = "market", "市场开办者备案"

    class SupervisingBody(models.TextChoices):
        TOWNSHIP = "township", "乡镇市场监管所"
        COUNTY = "county", "县局"

    class RiskLevel(models.TextChoices):
        A = "A", "A级（低风险）"
        B = "B", "B级（一般风险）"
        C = "C", "C级（较高风险）"
        D = "D", "D级（高风险）"

    class CreditLevel(models.TextChoices):
        A = "A", "A级（守信）"
        B = "B", "B级（基本守信）"
        C = "C", "C级（失信）"

    village = models.ForeignKey(
        Village, verbose_name="所属村", on_delete=models.PROTECT, null=True, blank=True, related_name="operators"
    )
    name = models.CharField("名称", max_length=100)
    category = models.CharField("业态类别", max_length=20, choices=Category.choices)
    subtype = models.CharField("细类", max_length=20, choices=Subtype.choices, blank=True)
    market = models.ForeignKey(
        "self",
        verbose_name="所在市场",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="stalls",
        limit_choices_to={"category": Category.MARKET},
        help_text="市场内的摊位、门店填写所在农贸市场",
    )
    credit_code = models.CharField(
        "统一社会信用代码", max_length=18, blank=True, validators=[validate_credit_code], db_index=True
    )
    licence_kind = models.CharField("许可/登记证类型", max_length=20, choices=LicenceKind.choices, blank=True)
    licence_no = models.CharField("许可/登记证编号", max_length=50, blank=True)
    licence_issued_on = models.DateField("发证日期", null=True, blank=True)
    licence_expires_on = models.DateField("有效期至", null=True, blank=True)
    legal_representative = models.CharField("法定代表人（负责人）", max_length=30, blank=True)
    phone = models.CharField("联系电话", max_length=20, blank=True, validators=[validate_phone])
    address = models.CharField("经营地址", max_length=200, blank=True)
    supervising_body = models.CharField(
        "监管主体", max_length=10, choices=SupervisingBody.choices, default=SupervisingBody.TOWNSHIP
    )
    supervising_note = models.CharField("监管主体说明", max_length=50, blank=True, help_text="如：县局稽查大队")
    status = models.CharField("经营状态", max_length=10, choices=Status.choices, default=Status.OPEN)
    risk_level = models.CharField("风险等级", max_length=1, choices=RiskLevel.choices, default=RiskLevel.B)
    credit_level = models.CharField("信用等级", max_length=1, choices=CreditLevel.choices, default=CreditLevel.A)

    bright_kitchen = models.BooleanField("明厨亮灶", default=False)
    transparent_workshop = models.BooleanField("透明车间", default=False)
    sunshine_warehouse = models.BooleanField("阳光仓储", default=False)
    trace_platform = models.BooleanField("开通电子追溯平台", default=False)
    fume_purifier = models.BooleanField("安装油烟净化装置", default=False)
    clean_energy = models.BooleanField("使用清洁能源", default=False)
    uses_lpg = models.BooleanField("使用液化气", default=False)
    rapid_test_room = models.BooleanField("设有快检室", default=False, help_text="仅农贸市场/集中交易市场")
    insurance_policy_no = models.CharField("食品安全责任险保单号", max_length=50, blank=True)
    insurance_start = models.DateField("保险起期", null=True, blank=True)
    insurance_end = models.DateField("保险止期", null=True, blank=True)

    class Meta:
        verbose_name = "食品生产经营者"
        verbose_name_plural = "食品生产经营者"
        ordering = ["township", "name", "pk"]
        constraints = [
            # Licence numbers are issued once nationally; blank for the few without one.
            models.UniqueConstraint(
                fields=["licence_no"],
                condition=~Q(licence_no="") & Q(voided_at__isnull=True),
                name="operator_unique_licence_no",
                violation_error_message="该许可/登记证编号已被其他经营者使用。",
            ),
        ]
        indexes = [
            # Figures count active operators of a category in a township (OperatorQuerySet.active_on).
            models.Index(fields=["township", "category", "subtype"], name="operator_township_category"),
            # Who was active on a date (OperatorQuerySet.active_on), read from the index alone on
            # PostgreSQL: every stock figure and the inspection plan start from it.
            models.Index(
                fields=["registered_on"],
                include=["id", "status", "status_date"],
                condition=Q(voided_at__isnull=True),
                name="operator_active",
            ),
            # Licences and insurance policies running out soon (OperatorQuerySet.expiring).
            models.Index(
                fields=["licence_expires_on"], condition=Q(voided_at__isnull=True), name="operator_licence_expiry"
            ),
            models.Index(
                fields=["insurance_end"], condition=Q(voided_at__isnull=True), name="operator_insurance_expiry"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def kind_label(self):
        """The label an inspector says aloud: 细类 where there is one, else the category."""
        return self.get_subtype_display() if self.subtype else self.get_category_display()

    def licence_no_taken(self) -> bool:
        """Mirrors operator_unique_licence_no for a friendly field message (one SQL query)."""
        others = Operator.objects.valid().filter(licence_no=self.licence_no)
        return others.exclude(pk=self.pk).exists() if self.pk else others.exists()

    def insured_on(self, day: datetime.date) -> bool:
        return bool(self.insurance_start and self.insurance_end and self.insurance_start <= day <= self.insurance_end)

    def clean(self):
        super().clean()
        errors = {}
        allowed = self.SUBTYPES.get(self.category, ())
        if self.category and allowed and self.subtype not in allowed:
            errors["subtype"] = "“{}”须选择细类：{}。".format(
                self.get_category_display(),
                "、".join(self.Subtype(s).label for s in allowed),
            )
        elif self.category and not allowed and self.subtype:
            errors["subtype"] = f"“{self.get_category_display()}”没有细类，请留空。"
        if self.village_id and self.township_id and self.village.township_id != self.township_id:
            errors["village"] = "所属村不在所选乡镇内。"
        if self.market_id:
            if self.market_id == self.pk:
                errors["market"] = "市场不能是自身。"
            elif self.market.category != self.Category.MARKET:
                errors["market"] = "所在市场须是农贸市场或集中交易市场。"
        if self.rapid_test_room and self.category != self.Category.MARKET:
            errors["rapid_test_room"] = "只有农贸市场/集中交易市场可标记快检室。"
        if self.licence_issued_on and self.licence_expires_on and self.licence_expires_on < self.licence_issued_on:
            errors["licence_expires_on"] = "有效期至不能早于发证日期。"
        if bool(self.insurance_start) != bool(self.insurance_end):
            errors["insurance_end"] = "保险起期和止期须同时填写。"
        elif self.insurance_start and self.insurance_end < self.insurance_start:
            errors["insurance_end"] = "保险止期不能早于起期。"
        if self.credit_code:
            self.credit_code = self.credit_code.strip().upper()
        if self.licence_no and self.licence_no_taken():
            errors["licence_no"] = "该许可/登记证编号已被其他经营者使用。"
        if errors:
            raise ValidationError(errors)


# ---------------------------------------------------------------------------
# The smaller registries
# ---------------------------------------------------------------------------


class SimpleStatus(models.TextChoices):
    ACTIVE = "active", "在册"
    CANCELLED = "cancelled", "注销"


class CoordinatorQuerySet(ScopedQuerySet):
    def serving_on(self, day: datetime.date):
        return self.valid().filter(appointed_on__lte=day).filter(Q(left_on__isnull=True) | Q(left_on__gt=day))


class VillageCoordinator(LedgerRecord):
    """村级食品安全协管员/信息员: counted in the figures, they do not log in."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", "协管员"
        INFORMANT = "informant", "信息员"

    village = models.ForeignKey(Village, verbose_name="所属村", on_delete=models.PROTECT, related_name="coordinators")
    name = models.CharField("姓名", max_length=30)
    role = models.CharField("职责", max_length=20, choices=Role.choices, default=Role.COORDINATOR)
    phone = models.CharField("联系电话", max_length=20, blank=True, validators=[validate_phone])
    appointed_on = models.DateField("聘任日期", default=datetime.date.today)
    left_on = models.DateField("离任日期", null=True, blank=True)

    scope_field = "village__township"
    objects = CoordinatorQuerySet.as_manager()

    class Meta:
        verbose_name = "村级协管员/信息员"
        verbose_name_plural = "村级协管员/信息员"
        ordering = ["village", "name"]

    def __str__(self):
        return f"{self.name}（{self.village}{self.get_role_display()}）"

    @property
    def township(self):
        return self.village.township

    def serving_on(self, day: datetime.date) -> bool:
        return self.appointed_on <= day and (self.left_on is None or self.left_on > day)

    def clean(self):
        super().clean()
        if self.left_on and self.appointed_on and self.left_on < self.appointed_on:
            raise ValidationError({"left_on": "离任日期不能早于聘任日期。"})


class MobileChef(RegisteredEntry):
    """流动厨师: cooks rural collective banquets; must hold health and training certificates."""

    Status = SimpleStatus

    village = models.ForeignKey(
        Village, verbose_name="居住村", on_delete=models.PROTECT, null=True, blank=True, related_name="chefs"
    )
    name = models.CharField("姓名", max_length=30)
    id_number = models.CharField("身份证号", max_length=18, blank=True, validators=[validate_id_card])
    phone = models.CharField("联系电话", max_length=20, blank=True, validators=[validate_phone])
    health_certificate_no = models.CharField("健康证编号", max_length=50, blank=True)
    health_certificate_expires_on = models.DateField("健康证有效期至", null=True, blank=True)
    training_certificate_no = models.CharField("培训合格证编号", max_length=50, blank=True)
    training_certificate_expires_on = models.DateField("培训证有效期至", null=True, blank=True)
    status = models.CharField("状态", max_length=10, choices=SimpleStatus.choices, default=SimpleStatus.ACTIVE)

    class Meta:
        verbose_name = "流动厨师"
        verbose_name_plural = "流动厨师"
        ordering = ["township", "name", "pk"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.village_id and self.township_id and self.village.township_id != self.township_id:
            raise ValidationError({"village": "居住村不在所选乡镇内。"})


class FoodTruck(RegisteredEntry):
    """流动餐车 (备案)."""

    Status = SimpleStatus

    plate_no = models.CharField("车牌号/编号", max_length=20)
    owner = models.CharField("经营者", max_length=30)
    phone = models.CharField("联系电话", max_length=20, blank=True, validators=[validate_phone])
    goods = models.CharField("经营品种", max_length=100, blank=True)
    area = models.CharField("经营区域", max_length=100, blank=True)
    gps_installed = models.BooleanField("安装GPS定位", default=False)
    camera_installed = models.BooleanField("安装摄像头", default=False)
    status = models.CharField("状态", max_length=10, choices=SimpleStatus.choices, default=SimpleStatus.ACTIVE)

    class Meta:
        verbose_name = "流动餐车"
        verbose_name_plural = "流动餐车"
        ordering = ["township", "plate_no", "pk"]

    def __str__(self):
        return f"{self.plate_no}（{self.owner}）"


class WholesaleVehicle(RegisteredEntry):
    """批发配送车辆 (备案)."""

    Status = SimpleStatus

    plate_no = models.CharField("车牌号", max_length=20)
    operator = models.ForeignKey(
        Operator,
        verbose_name="所属批发企业",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vehicles",
    )
    driver = models.CharField("驾驶员", max_length=30, blank=True)
    phone = models.CharField("联系电话", max_length=20, blank=True, validators=[validate_phone])
    vehicle_type = models.CharField("车辆类型", max_length=30, blank=True, help_text="如：冷藏车、厢式货车")
    status = models.CharField("状态", max_length=10, choices=SimpleStatus.choices, default=SimpleStatus.ACTIVE)

    class Meta:
        verbose_name = "批发车辆"
        verbose_name_plural = "批发车辆"
        ordering = ["township", "plate_no", "pk"]

    def __str__(self):
        return self.plate_no

    def clean(self):
        super().clean()
        if self.operator_id and self.township_id and self.operator.township_id != self.township_id:
            raise ValidationError({"operator": "所属批发企业不在所选乡镇内。"})


# ---------------------------------------------------------------------------
# The leading group (食品安全领导小组) the summaries name
# ---------------------------------------------------------------------------


class LeadingGroupQuerySet(OwnJurisdictionQuerySet):
    def serving_on(self, day: datetime.date):
        return self.valid().filter(appointed_on__lte=day).filter(Q(left_on__isnull=True) | Q(left_on__gt=day))


class LeadingGroupMember(LedgerRecord):
    """A member of a township's (or the county's) food-safety leading group, for as long as they serve.

    The summaries name the group from these rows (以镇长某某同志为组长…), never from typed text.
    """

    class Role(models.IntegerChoices):
        LEADER = 1, "组长"
        DEPUTY = 2, "副组长"
        MEMBER = 3, "成员"

    county = models.ForeignKey(County, verbose_name="所属县", on_delete=models.PROTECT, related_name="+")
    township = models.ForeignKey(
        Township,
        verbose_name="乡镇",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="留空表示县级食品安全领导小组（仅县级用户可登记）",
    )
    name = models.CharField("姓名", max_length=30)
    position = models.CharField("职务", max_length=60, help_text="如：镇长、分管副镇长、市场监督管理所所长")
    role = models.PositiveSmallIntegerField("组内职务", choices=Role.choices, default=Role.MEMBER)
    appointed_on = models.DateField("任职日期", default=datetime.date.today)
    left_on = models.DateField("离任日期", null=True, blank=True)

    objects = LeadingGroupQuerySet.as_manager()

    class Meta:
        verbose_name = "食品安全领导小组成员"
        verbose_name_plural = "食品安全领导小组"
        ordering = ["county", "township", "role", "appointed_on", "pk"]

    def __str__(self):
        return f"{self.name}（{self.get_role_display()}，{self.position}）"

    @property
    def group_label(self):
        return f"{self.township or self.county}食品安全领导小组"

    def clean(self):
        super().clean()
        if self.left_on and self.appointed_on and self.left_on < self.appointed_on:
            raise ValidationError({"left_on": "离任日期不能早于任职日期。"})
        if self.township_id and self.county_id and self.township.county_id != self.county_id:
            raise ValidationError({"township": "乡镇不属于所选的县。"})
