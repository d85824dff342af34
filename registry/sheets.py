"""The registry's Excel sheets: import template, import and export share these columns."""

import re

from django.core.exceptions import ValidationError

from .ledgers.sheets import Column, LedgerSheet, RowError, fold_width
from .models import FoodTruck, MobileChef, Operator, SimpleStatus, Village, VillageCoordinator, WholesaleVehicle

CATEGORY_NOTE = "可选：" + "、".join(label for _, label in Operator.Category.choices)
SUBTYPE_NOTE = "；".join(
    f"{Operator.Category(category).label}：{'、'.join(Operator.Subtype(s).label for s in subtypes)}"
    for category, subtypes in Operator.SUBTYPES.items()
    if subtypes
)


class VillageLookupMixin:
    """The `village_name` column: a village of the import's township, by name, in and out."""

    village_header = "所属村"

    def villages(self):
        # Keys as an import reads cells: full-width letters and digits folded.
        return {fold_width(v.name): v for v in Village.objects.filter(township=self.township)}

    def resolve_village(self, name, context):
        if not name:
            return None
        try:
            return context["villages"][name]
        except KeyError:
            raise ValidationError({"village": f"“{name}”不是{self.township}的行政村"}) from None

    def extra_headers(self):
        return {"village": self.village_header}

    def value_of(self, record, column):
        if column.attr == "village_name":
            return record.village.name if record.village_id else None
        return super().value_of(record, column)


class OperatorLookup:
    """The valid operators of one township, as an import names them.

    A 许可/登记证编号 names one operator; a name alone must be unique in the township, since two
    shops may well share a name.
    """

    def __init__(self, township):
        self.township = township
        self.by_name, self.by_licence = {}, {}
        for operator in Operator.objects.valid().filter(township=township):
            # Keys as an import reads cells: full-width letters and digits folded.
            self.by_name.setdefault(fold_width(operator.name), []).append(operator)
            if operator.licence_no:
                self.by_licence[fold_width(operator.licence_no)] = operator

    def take(self, values):
        """The operator a row names in its `operator_name` and `licence_no` cells, which it removes."""
        return self.find(values.pop("operator_name", ""), values.pop("licence_no", ""))

    def find(self, name, licence_no=""):
        if licence_no:
            try:
                return self.by_licence[licence_no]
            except KeyError:
                raise ValidationError(
                    {"operator": f"{self.township}没有许可/登记证编号为“{licence_no}”的经营者"}
                ) from None
        if not name:
            return None
        matches = self.by_name.get(name, [])
        if not matches:
            raise ValidationError({"operator": f"“{name}”不是{self.township}已登记的经营者"})
        if len(matches) > 1:
            raise ValidationError(
                {"operator": f"{self.township}有{len(matches)}个“{name}”，请填写许可/登记证编号以区分"}
            )
        return matches[0]

    def find_many(self, names, field):
        """Several operators named in one cell; a name shared in the township carries its licence."""
        found = {name: self._one_of_many(name) for name in names}
        unknown = [name for name, operator in found.items() if operator is None]
        if unknown:
            listed = "、".join(unknown)
            raise ValidationError(
                {field: f"以下名称不是本乡镇唯一登记的经营者：{listed}（同名单位请写作“名称（许可/登记证编号）”）"}
            )
        return [found[name] for name in names]

    def _one_of_many(self, entry):
        matches = self.by_name.get(entry, [])
        if len(matches) == 1:
            return matches[0]
        named = NAME_WITH_LICENCE.match(entry)
        if named:
            operator = self.by_licence.get(fold_width(named["licence"].strip()))
            if operator is not None and fold_width(operator.name) == named["name"].strip():
                return operator
        return None


# 名称（许可/登记证编号）: one of several operators sharing a name, in a cell that lists operators.
NAME_WITH_LICENCE = re.compile(r"^(?P<name>.+?)[（(](?P<licence>[^()（）]+)[)）]$")


# The optional column that tells apart operators of the same name, next to the name column.
LICENCE_COLUMN = Column("许可/登记证编号", "licence_no", width=22, note="同名单位须填写，用于区分")


class OperatorSheet(VillageLookupMixin, LedgerSheet):
    model = Operator
    title = "食品生产经营者登记台账"
    columns = [
        Column("名称", "name", required=True, width=28, synonyms=("单位名称", "经营者名称", "企业名称", "主体名称")),
        Column(
            "业态类别",
            "category",
            "choice",
            required=True,
            choices=Operator.Category,
            width=18,
            note=CATEGORY_NOTE,
            synonyms=("业态", "主体业态", "经营类别"),
        ),
        Column("细类", "subtype", "choice", choices=Operator.Subtype, note=SUBTYPE_NOTE, synonyms=("业态细类", "小类")),
        Column(
            "统一社会信用代码",
            "credit_code",
            width=22,
            note="18位，校验位会被检查",
            synonyms=("社会信用代码", "信用代码"),
        ),
        Column(
            "许可/登记证类型", "licence_kind", "choice", choices=Operator.LicenceKind, width=20, synonyms=("证照类型",)
        ),
        Column(
            "许可/登记证编号",
            "licence_no",
            width=22,
            note="不能与已有经营者重复",
            synonyms=("许可证编号", "许可证号", "登记证编号", "许可证编号/登记证编号", "食品经营许可证编号"),
        ),
        Column("发证日期", "licence_issued_on", "date", synonyms=("发证时间",)),
        Column("有效期至", "licence_expires_on", "date", synonyms=("有效期", "有效期限", "许可证有效期至")),
        Column("法定代表人（负责人）", "legal_representative", synonyms=("负责人", "法人", "法定代表人/负责人")),
        Column("联系电话", "phone", synonyms=("电话", "联系方式", "手机号码")),
        Column("经营地址", "address", width=30, synonyms=("地址", "经营场所")),
        Column(
            "所属村",
            "village_name",
            note="须是本乡镇已登记的行政村名称",
            synonyms=("所在村", "行政村", "村", "村（社区）"),
        ),
        Column(
            "所在市场",
            "market_name",
            note="市场内摊位填写所在市场的名称（须已登记或在本表前面的行中）",
            synonyms=("所属市场",),
        ),
        Column("监管主体", "supervising_body", "choice", choices=Operator.SupervisingBody),
        Column("监管主体说明", "supervising_note"),
        Column("登记日期", "registered_on", "date", required=True, synonyms=("登记时间", "建档日期")),
        Column(
            "经营状态", "status", "choice", choices=Operator.Status, note="空白为营业", synonyms=("状态", "营业状态")
        ),
        Column("状态变更日期", "status_date", "date", note="注销时必填", synonyms=("注销日期",)),
        Column(
            "风险等级", "risk_level", "choice", choices=Operator.RiskLevel, note="空白为B级", synonyms=("风险分级",)
        ),
        Column(
            "信用等级", "credit_level", "choice", choices=Operator.CreditLevel, note="空白为A级", synonyms=("信用级别",)
        ),
        Column("明厨亮灶", "bright_kitchen", "bool", width=10),
        Column("透明车间", "transparent_workshop", "bool", width=10),
        Column("阳光仓储", "sunshine_warehouse", "bool", width=10),
        Column("开通电子追溯平台", "trace_platform", "bool", width=10, synonyms=("电子追溯",)),
        Column("安装油烟净化装置", "fume_purifier", "bool", width=10, synonyms=("油烟净化装置",)),
        Column("使用清洁能源", "clean_energy", "bool", width=10, synonyms=("清洁能源",)),
        Column("使用液化气", "uses_lpg", "bool", width=10, synonyms=("液化气",)),
        Column("设有快检室", "rapid_test_room", "bool", width=10, synonyms=("快检室",)),
        Column("食品安全责任险保单号", "insurance_policy_no", width=20, synonyms=("保单号", "食品安全责任险")),
        Column("保险起期", "insurance_start", "date", synonyms=("保险起始日期",)),
        Column("保险止期", "insurance_end", "date", synonyms=("保险终止日期", "保险到期日期")),
        Column("备注", "notes", width=30),
    ]

    def prepare(self):
        markets = Operator.objects.valid().filter(township=self.township, category=Operator.Category.MARKET)
        return {
            "villages": self.villages(),
            "markets": {m.name: m for m in markets},
            "licences": set(),
        }

    def extra_headers(self):
        return {**super().extra_headers(), "market": "所在市场"}

    def value_of(self, record, column):
        if column.attr == "market_name":
            return record.market.name if record.market else None
        return super().value_of(record, column)

    def build(self, values, context):
        village_name = values.pop("village_name", "")
        market_name = values.pop("market_name", "")
        record = self.new_record(values)
        record.village = self.resolve_village(village_name, context)
        # Resolved in finish(): the market may be a row further down the same file.
        record.market_name = market_name
        return record

    def check_against_file(self, record, context):
        if record.licence_no:
            if record.licence_no in context["licences"]:
                raise ValidationError({"licence_no": "与本表前面的行重复"})
            context["licences"].add(record.licence_no)
        if record.category == Operator.Category.MARKET:
            context["markets"].setdefault(record.name, record)

    def finish(self, result, context):
        for record, row_no in zip(result.records, result.record_rows, strict=True):
            if record.market_name:
                record.market = context["markets"].get(record.market_name)
                if record.market is None:
                    result.errors.append(RowError(row_no, "所在市场", f"“{record.market_name}”不是已登记的市场"))

    def save(self, result):
        # Markets first, so the stalls that point at them have a saved market.
        result.records.sort(key=lambda r: r.category != Operator.Category.MARKET)
        return super().save(result)


class MobileChefSheet(VillageLookupMixin, LedgerSheet):
    model = MobileChef
    title = "流动厨师登记台账"
    village_header = "居住村"
    columns = [
        Column("姓名", "name", required=True, synonyms=("厨师姓名",)),
        Column("身份证号", "id_number", width=22, synonyms=("身份证号码", "公民身份号码")),
        Column("联系电话", "phone", synonyms=("电话", "联系方式", "手机号码")),
        Column("居住村", "village_name", synonyms=("所在村", "所属村", "村")),
        Column("健康证编号", "health_certificate_no", width=18),
        Column("健康证有效期至", "health_certificate_expires_on", "date"),
        Column("培训合格证编号", "training_certificate_no", width=18),
        Column("培训证有效期至", "training_certificate_expires_on", "date"),
        Column("登记日期", "registered_on", "date", required=True),
        Column("状态", "status", "choice", choices=SimpleStatus, note="空白为在册"),
        Column("状态变更日期", "status_date", "date"),
        Column("备注", "notes", width=30),
    ]

    def prepare(self):
        return {"villages": self.villages()}

    def build(self, values, context):
        village_name = values.pop("village_name", "")
        record = self.new_record(values)
        record.village = self.resolve_village(village_name, context)
        return record


class FoodTruckSheet(LedgerSheet):
    model = FoodTruck
    title = "流动餐车备案台账"
    columns = [
        Column("车牌号/编号", "plate_no", required=True, synonyms=("车牌号", "餐车编号")),
        Column("经营者", "owner", required=True, synonyms=("经营者姓名", "车主")),
        Column("联系电话", "phone", synonyms=("电话", "联系方式", "手机号码")),
        Column("经营品种", "goods", width=20),
        Column("经营区域", "area", width=20),
        Column("安装GPS定位", "gps_installed", "bool"),
        Column("安装摄像头", "camera_installed", "bool"),
        Column("登记日期", "registered_on", "date", required=True),
        Column("状态", "status", "choice", choices=SimpleStatus, note="空白为在册"),
        Column("状态变更日期", "status_date", "date"),
        Column("备注", "notes", width=30),
    ]


class WholesaleVehicleSheet(LedgerSheet):
    model = WholesaleVehicle
    title = "批发车辆备案台账"
    columns = [
        Column("车牌号", "plate_no", required=True, synonyms=("车牌号码",)),
        Column(
            "所属批发企业",
            "operator_name",
            width=28,
            note="须是本乡镇已登记的食品批发经营者名称",
            synonyms=("批发企业", "所属企业"),
        ),
        Column("驾驶员", "driver"),
        Column("联系电话", "phone"),
        Column("车辆类型", "vehicle_type"),
        Column("登记日期", "registered_on", "date", required=True),
        Column("状态", "status", "choice", choices=SimpleStatus, note="空白为在册"),
        Column("状态变更日期", "status_date", "date"),
        Column("备注", "notes", width=30),
    ]

    def prepare(self):
        wholesalers = Operator.objects.valid().filter(township=self.township, category=Operator.Category.WHOLESALE)
        return {"wholesalers": {o.name: o for o in wholesalers}}

    def extra_headers(self):
        return {"operator": "所属批发企业"}

    def value_of(self, record, column):
        if column.attr == "operator_name":
            return record.operator.name if record.operator else None
        return super().value_of(record, column)

    def build(self, values, context):
        operator_name = values.pop("operator_name", "")
        record = self.new_record(values)
        if operator_name:
            try:
                record.operator = context["wholesalers"][operator_name]
            except KeyError:
                raise ValidationError({"operator": f"“{operator_name}”不是本乡镇已登记的批发企业"}) from None
        return record


class VillageCoordinatorSheet(VillageLookupMixin, LedgerSheet):
    """村级协管员/信息员: counted by village_coordinators, so offices import their rosters too."""

    model = VillageCoordinator
    title = "村级食品安全协管员信息员台账"
    columns = [
        Column("姓名", "name", required=True),
        Column("所属村", "village_name", required=True, note="须是本乡镇已登记的行政村名称"),
        Column("职责", "role", "choice", choices=VillageCoordinator.Role, note="空白为协管员"),
        Column("联系电话", "phone"),
        Column("聘任日期", "appointed_on", "date", required=True),
        Column("离任日期", "left_on", "date"),
    ]

    def prepare(self):
        return {"villages": self.villages()}

    def build(self, values, context):
        village = self.resolve_village(values.pop("village_name", ""), context)
        record = VillageCoordinator(**{k: v for k, v in values.items() if v not in (None, "")})
        record.village = village
        return record


SHEETS = {
    "operators": OperatorSheet,
    "chefs": MobileChefSheet,
    "trucks": FoodTruckSheet,
    "vehicles": WholesaleVehicleSheet,
    "coordinators": VillageCoordinatorSheet,
}
