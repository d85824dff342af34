"""1. Registry (stock): who the office supervises, as of the period end (figures.md §1, §7)."""

from django.db.models import Count, Q

from registry.models import FoodTruck, MobileChef, Operator, Village, VillageCoordinator, WholesaleVehicle

from .as_of import states_on
from .base import FLOW, STOCK, CountFigure, ListFigure, RatioFigure, Source, SumFigure, fixed

C = Operator.Category
S = Operator.Subtype


ACTIVE_OPERATORS = Source(
    "active_operators",
    lambda period: states_on(Operator.objects.active_on(period.end), period),
)
# Every operator registered by the period end, cancelled ones included (累计发放 counts them too).
REGISTERED_OPERATORS = Source(
    "registered_operators",
    lambda period: states_on(Operator.objects.valid().filter(registered_on__lte=period.end), period),
)
NEW_OPERATORS = Source(
    "new_operators",
    lambda period: Operator.objects.valid().filter(registered_on__range=(period.start, period.end)),
)
ACTIVE_CHEFS = Source("active_chefs", lambda period: MobileChef.objects.active_on(period.end))
ACTIVE_TRUCKS = Source("active_trucks", lambda period: states_on(FoodTruck.objects.active_on(period.end), period))
ACTIVE_VEHICLES = Source("active_vehicles", lambda period: WholesaleVehicle.objects.active_on(period.end))
VILLAGES = Source("villages", lambda period: Village.objects.all(), lasting=True)
COORDINATORS = Source(
    "coordinators",
    lambda period: VillageCoordinator.objects.serving_on(period.end),
    township="village__township",
)

# figures.md §7: 餐饮 = 社会餐饮 of every scale + every 单位食堂; 小餐饮 belongs to 三小.
CATERERS = Q(category__in=[C.CATERING, C.CANTEEN])
SMALL_EATERIES = Q(category=C.SMALL, subtype=S.EATERY)
KITCHENS = CATERERS | SMALL_EATERIES
TRACEABLE = CATERERS | Q(category=C.RETAIL) | Q(category=C.SMALL, subtype=S.WORKSHOP)


def operators(key, label, definition, condition=None, unit="个", section=1):
    return CountFigure(
        key=key,
        label=label,
        unit=unit,
        definition=definition,
        nature=STOCK,
        section=section,
        source=ACTIVE_OPERATORS,
        where=fixed(condition) if condition is not None else None,
    )


def insured_on_period_end(period):
    return Q(insurance_start__lte=period.end, insurance_end__gte=period.end)


def certificate_issued_by_period_end(period):
    return Q(category=C.SMALL, licence_issued_on__lte=period.end) & ~Q(licence_no="")


def new_registrations_rows(records, period):
    """New operators by the word the summaries use: the 三小 sub-type, else the category."""
    counts = records.order_by().values("category", "subtype").annotate(count=Count("pk"))
    by_label: dict[str, int] = {}
    for row in counts:
        label = S(row["subtype"]).label if row["category"] == C.SMALL and row["subtype"] else C(row["category"]).label
        by_label[label] = by_label.get(label, 0) + row["count"]
    order = [C(c).label for c in C] + [S(s).label for s in Operator.SUBTYPES[C.SMALL]]
    return [
        {"kind": label, "count": by_label[label]}
        for label in sorted(by_label, key=lambda x: order.index(x) if x in order else len(order))
    ]


def county_supervised_rows(records, period):
    return list(records.order_by("name").values("name", "supervising_note"))


FIGURES = [
    operators(
        "operators_total",
        "食品生产经营单位",
        "期末在册（已登记、未注销）的各类食品生产经营者，含农贸市场和集中交易市场；停业的仍计入。",
    ),
    operators("producers", "食品生产企业", "期末在册的食品生产企业。", Q(category=C.PRODUCER)),
    ListFigure(
        key="producers_supervised_by_county",
        label="由县局监管的食品生产企业",
        unit="个",
        definition="期末在册的食品生产企业中，监管主体为县局（而非乡镇监管所）的企业，按名称列出。",
        nature=STOCK,
        section=1,
        source=ACTIVE_OPERATORS,
        where=fixed(Q(category=C.PRODUCER, supervising_body=Operator.SupervisingBody.COUNTY)),
        rows=county_supervised_rows,
        columns=(("name", "企业名称"), ("supervising_note", "监管主体说明")),
    ),
    operators("wholesalers", "食品批发企业", "期末在册的食品批发企业（批发户）。", Q(category=C.WHOLESALE)),
    operators(
        "retailers",
        "食品零售单位",
        "期末在册的食品零售经营者（商超、食杂店及其他零售），不含“三小”中的小经营店。",
        Q(category=C.RETAIL),
    ),
    operators(
        "supermarkets",
        "商超",
        "期末在册的零售经营者中细类为商超的。",
        Q(category=C.RETAIL, subtype=S.SUPERMARKET),
        "家",
    ),
    operators(
        "grocery_stores",
        "食杂店",
        "期末在册的零售经营者中细类为食杂店的。",
        Q(category=C.RETAIL, subtype=S.GROCERY),
        "户",
    ),
    operators(
        "caterers",
        "餐饮服务单位",
        "期末在册的社会餐饮（大、中、小型）和各类单位食堂；小餐饮计入“三小”，不在此列。",
        CATERERS,
    ),
    operators(
        "caterers_public",
        "公共餐饮单位",
        "期末在册的社会餐饮单位（大、中、小型），不含单位食堂。",
        Q(category=C.CATERING),
    ),
    operators(
        "caterers_large",
        "大型餐饮",
        "期末在册的社会餐饮中细类为大型餐饮的。",
        Q(category=C.CATERING, subtype=S.LARGE),
        "家",
    ),
    operators(
        "caterers_medium",
        "中型餐饮",
        "期末在册的社会餐饮中细类为中型餐饮的。",
        Q(category=C.CATERING, subtype=S.MEDIUM),
        "家",
    ),
    operators(
        "caterers_small",
        "小型餐饮",
        "期末在册的社会餐饮中细类为小型餐饮的。",
        Q(category=C.CATERING, subtype=S.SMALL_SCALE),
        "家",
    ),
    operators(
        "canteens_school", "学校食堂", "期末在册的单位食堂中细类为学校食堂的。", Q(category=C.CANTEEN, subtype=S.SCHOOL)
    ),
    operators(
        "canteens_government",
        "机关单位食堂",
        "期末在册的单位食堂中细类为机关单位食堂的。",
        Q(category=C.CANTEEN, subtype=S.GOVERNMENT),
    ),
    operators(
        "canteens_elderly",
        "养老机构食堂",
        "期末在册的单位食堂中细类为养老机构食堂的。",
        Q(category=C.CANTEEN, subtype=S.ELDERLY),
    ),
    operators("small_total", "“三小”经营单位", "期末在册的小作坊、小经营店、小摊点和小餐饮。", Q(category=C.SMALL)),
    operators(
        "small_workshops",
        "食品加工小作坊",
        "期末在册的“三小”中细类为小作坊的。",
        Q(category=C.SMALL, subtype=S.WORKSHOP),
    ),
    operators(
        "small_shops",
        "小经营店（小销售店）",
        "期末在册的“三小”中细类为小经营店的。",
        Q(category=C.SMALL, subtype=S.SHOP),
    ),
    operators("small_stalls", "小摊点", "期末在册的“三小”中细类为小摊点的。", Q(category=C.SMALL, subtype=S.STALL)),
    operators("small_eateries", "小餐饮门店", "期末在册的“三小”中细类为小餐饮的。", SMALL_EATERIES),
    operators(
        "markets",
        "农贸市场、集中交易市场",
        "期末在册的农贸市场和集中交易市场（市场内摊位按其业态另计）。",
        Q(category=C.MARKET),
    ),
    CountFigure(
        key="mobile_chefs",
        label="登记建档流动厨师",
        unit="人",
        definition="期末在册（已登记、未注销）的农村流动厨师。",
        nature=STOCK,
        section=1,
        source=ACTIVE_CHEFS,
    ),
    CountFigure(
        key="food_trucks",
        label="备案流动餐车",
        unit="辆",
        definition="期末在册（已备案、未注销）的流动餐车。",
        nature=STOCK,
        section=1,
        source=ACTIVE_TRUCKS,
    ),
    CountFigure(
        key="food_trucks_gps",
        label="安装GPS定位系统和摄像头的流动餐车",
        unit="辆",
        definition="期末在册的流动餐车中，期末时已同时安装GPS定位和摄像头的。",
        nature=STOCK,
        section=1,
        source=ACTIVE_TRUCKS,
        where=fixed(Q(gps_installed=True, camera_installed=True)),
    ),
    CountFigure(
        key="wholesale_vehicles",
        label="备案批发车辆",
        unit="辆",
        definition="期末在册（已备案、未注销）的批发配送车辆。",
        nature=STOCK,
        section=1,
        source=ACTIVE_VEHICLES,
    ),
    CountFigure(
        key="villages",
        label="行政村",
        unit="个",
        definition="辖区内登记的行政村（社区）。",
        nature=STOCK,
        section=1,
        source=VILLAGES,
    ),
    SumFigure(
        key="population",
        label="户籍人口",
        unit="人",
        definition="辖区内各行政村登记的户籍人口之和，用于计算每千人抽检批次。",
        nature=STOCK,
        section=1,
        source=VILLAGES,
        field="population",
    ),
    CountFigure(
        key="village_coordinators",
        label="村级食品安全协管员、信息员",
        unit="名",
        definition="期末在任（已聘任、未离任）的村级食品安全协管员和信息员。",
        nature=STOCK,
        section=1,
        source=COORDINATORS,
    ),
    operators(
        "bright_kitchen",
        "实施“明厨亮灶”的餐饮单位",
        "期末在册的餐饮服务单位（含单位食堂）和小餐饮中，期末时已实施“明厨亮灶”的。",
        KITCHENS & Q(bright_kitchen=True),
        "家",
    ),
    operators(
        "bright_kitchen_base",
        "餐饮服务单位和小餐饮",
        "期末在册的餐饮服务单位（含单位食堂）与小餐饮之和：“明厨亮灶”占比的分母。",
        KITCHENS,
        "家",
    ),
    RatioFigure(
        key="bright_kitchen_pct",
        label="“明厨亮灶”实施率",
        unit="%",
        definition="实施“明厨亮灶”的餐饮单位占餐饮服务单位（含单位食堂）和小餐饮总数的百分比。",
        nature=STOCK,
        section=1,
        numerator="bright_kitchen",
        denominator="bright_kitchen_base",
    ),
    operators(
        "transparent_workshop",
        "实施“透明车间”的食品生产企业",
        "期末在册的食品生产企业中，期末时已实施“透明车间”的。",
        Q(category=C.PRODUCER, transparent_workshop=True),
    ),
    RatioFigure(
        key="transparent_workshop_pct",
        label="“透明车间”实施率",
        unit="%",
        definition="实施“透明车间”的食品生产企业占食品生产企业总数的百分比。",
        nature=STOCK,
        section=1,
        numerator="transparent_workshop",
        denominator="producers",
    ),
    operators(
        "sunshine_warehouse",
        "实施“阳光仓储”的食品批发企业",
        "期末在册的食品批发企业中，期末时已实施“阳光仓储”的。",
        Q(category=C.WHOLESALE, sunshine_warehouse=True),
    ),
    RatioFigure(
        key="sunshine_warehouse_pct",
        label="“阳光仓储”实施率",
        unit="%",
        definition="实施“阳光仓储”的食品批发企业占食品批发企业总数的百分比。",
        nature=STOCK,
        section=1,
        numerator="sunshine_warehouse",
        denominator="wholesalers",
    ),
    operators(
        "trace_platform",
        "开通使用食品安全电子追溯平台的经营户",
        "期末在册的餐饮服务单位（含单位食堂）、食品零售单位和小作坊中，期末时已开通使用电子追溯平台的。",
        TRACEABLE & Q(trace_platform=True),
        "户",
    ),
    operators(
        "trace_platform_base",
        "餐饮、零售和小作坊经营户",
        "期末在册的餐饮服务单位（含单位食堂）、食品零售单位和小作坊之和：电子追溯开通率的分母。",
        TRACEABLE,
        "户",
    ),
    RatioFigure(
        key="trace_platform_pct",
        label="电子追溯平台开通率",
        unit="%",
        definition="开通使用电子追溯平台的经营户占餐饮服务单位、食品零售单位和小作坊总数的百分比。",
        nature=STOCK,
        section=1,
        numerator="trace_platform",
        denominator="trace_platform_base",
    ),
    operators(
        "fume_purifiers",
        "安装油烟净化装置或使用清洁能源的餐饮单位",
        "期末在册的餐饮服务单位（含单位食堂）和小餐饮中，期末时已安装油烟净化装置或使用清洁能源的。",
        KITCHENS & (Q(fume_purifier=True) | Q(clean_energy=True)),
        "家",
    ),
    CountFigure(
        key="insured",
        label="购买食品安全责任保险的经营单位",
        unit="家",
        definition="期末在册的食品生产经营者中，期末当日处于食品安全责任险保险期内的。",
        nature=STOCK,
        section=1,
        source=ACTIVE_OPERATORS,
        where=insured_on_period_end,
    ),
    operators(
        "lpg_users",
        "使用液化气的餐饮单位和食堂",
        "期末在册的餐饮服务单位（含单位食堂）和小餐饮中，期末时使用液化气的。",
        KITCHENS & Q(uses_lpg=True),
        "户",
    ),
    CountFigure(
        key="small_certificates_issued",
        label="累计发放“三小”登记证",
        unit="个",
        definition="期末前已登记的“三小”（含此后注销的）中，登记证（备案卡）发证日期在期末或之前的。",
        nature=STOCK,
        section=1,
        source=REGISTERED_OPERATORS,
        where=certificate_issued_by_period_end,
    ),
    operators(
        "market_rapid_test_sites",
        "设有快检室的农贸市场",
        "期末在册的农贸市场和集中交易市场中，期末时设有快检室的。",
        Q(category=C.MARKET, rapid_test_room=True),
        section=3,
    ),
    ListFigure(
        key="new_registrations",
        label="新登记食品生产经营者",
        unit="户",
        definition="登记日期在本期内的食品生产经营者（不含作废的），按业态（“三小”按细类）分列。",
        nature=FLOW,
        section=1,
        source=NEW_OPERATORS,
        rows=new_registrations_rows,
        columns=(("kind", "业态"), ("count", "户数")),
        total="count",
    ),
]
