"""Demo sampling: batches per township, failures followed through their disposal."""

import datetime
from decimal import Decimal

from registry.demo import SURNAMES

from ..models import Case, ConfiscatedGoods, Sample, SampleDisposal
from .cases import CaseNumbers
from .common import C, _day, _days, _inspectors, _operators, _save

F = Sample.FoodCategory

# (sample, food category, tested items, (failing item, standard value, measured value) or None,
#  the categories of operator it is sampled from)
SAMPLE_FOODS = [
    (
        "小麦粉",
        F.GRAIN,
        "铅、苯并[a]芘、脱氧雪腐镰刀菌烯醇",
        ("脱氧雪腐镰刀菌烯醇", "≤1000 μg/kg", "1380 μg/kg"),
        "shop",
    ),
    ("挂面", F.GRAIN, "铅、山梨酸、脱氢乙酸", ("脱氢乙酸及其钠盐", "不得使用", "0.126 g/kg"), "shop"),
    ("菜籽油", F.OIL, "酸价、过氧化值、苯并[a]芘、溶剂残留量", ("苯并[a]芘", "≤10 μg/kg", "15.2 μg/kg"), "shop"),
    ("酱油", F.CONDIMENT, "氨基酸态氮、苯甲酸、山梨酸", ("氨基酸态氮", "≥0.4 g/100mL", "0.32 g/100mL"), "shop"),
    ("食醋", F.CONDIMENT, "总酸、苯甲酸、山梨酸、脱氢乙酸", ("总酸", "≥3.5 g/100mL", "2.9 g/100mL"), "workshop"),
    ("卤牛肉", F.MEAT_PRODUCT, "亚硝酸盐、苯甲酸、山梨酸、菌落总数", ("亚硝酸盐", "≤30 mg/kg", "46 mg/kg"), "eatery"),
    ("纯牛奶", F.DAIRY, "蛋白质、三聚氰胺、黄曲霉毒素M1", None, "shop"),
    ("饮用纯净水", F.BEVERAGE, "电导率、溴酸盐、铜绿假单胞菌", ("铜绿假单胞菌", "0/250mL", "检出"), "shop"),
    ("方便面", F.INSTANT, "水分、酸价、过氧化值", None, "shop"),
    ("饼干", F.BISCUIT, "酸价、过氧化值、铝的残留量", None, "shop"),
    ("油条", F.CATERING, "铝的残留量", ("铝的残留量（干样品，以Al计）", "≤100 mg/kg", "289 mg/kg"), "eatery"),
    ("凉皮", F.CATERING, "苯甲酸、山梨酸、铝的残留量", ("苯甲酸及其钠盐", "不得使用", "0.35 g/kg"), "eatery"),
    ("豆腐", F.BEAN_PRODUCT, "苯甲酸、山梨酸、脱氢乙酸", ("脱氢乙酸及其钠盐", "不得使用", "0.082 g/kg"), "workshop"),
    ("芹菜", F.FARM_PRODUCE, "毒死蜱、甲拌磷、氧乐果、镉", ("毒死蜱", "≤0.05 mg/kg", "0.36 mg/kg"), "shop"),
    ("韭菜", F.FARM_PRODUCE, "腐霉利、毒死蜱、氧乐果、镉", ("腐霉利", "≤0.2 mg/kg", "1.12 mg/kg"), "shop"),
    ("鸡蛋", F.FARM_PRODUCE, "恩诺沙星、氟苯尼考、甲硝唑", ("恩诺沙星", "不得检出", "12.6 μg/kg"), "shop"),
    ("猪肉", F.FARM_PRODUCE, "克伦特罗、莱克多巴胺、沙丁胺醇、磺胺类", None, "shop"),
    (
        "糕点",
        F.PASTRY,
        "酸价、过氧化值、苯甲酸、菌落总数",
        ("菌落总数", "n=5,c=2,m=10⁴,M=10⁵ CFU/g", "3.2×10⁵ CFU/g"),
        "workshop",
    ),
    ("白酒", F.LIQUOR, "酒精度、甲醇、氰化物、甜蜜素", ("酒精度", "标示值±1.0%vol", "38.6%vol（标示42%vol）"), "shop"),
    (
        "瓜子",
        F.NUTS,
        "过氧化值、酸价、甜蜜素、二氧化硫",
        ("过氧化值（以脂肪计）", "≤0.80 g/100g", "1.26 g/100g"),
        "shop",
    ),
    ("粉条", F.STARCH, "铝的残留量、二氧化硫、铅", ("铝的残留量", "≤200 mg/kg", "412 mg/kg"), "workshop"),
    ("茶叶", F.TEA, "铅、草甘膦、吡虫啉", None, "shop"),
    ("速冻水饺", F.QUICK_FROZEN, "过氧化值、铅、黄曲霉毒素B1", None, "shop"),
    ("米饭", F.CATERING, "菌落总数、大肠菌群", None, "canteen"),
]

SAMPLE_SOURCES = {
    "shop": (C.RETAIL, C.WHOLESALE),
    "workshop": (C.SMALL, C.PRODUCER),
    "eatery": (C.CATERING, C.SMALL),
    "canteen": (C.CANTEEN,),
}

AGENCIES = ["甘肃省食品检验研究院", "青山县综合检验检测中心", "平凉市食品检验检测中心"]


def seed_samples(rng, cast, today):
    """About 60–90 batches per township, some failing, each failure followed through its disposal."""
    for township in cast.townships:
        inspectors = _inspectors(cast, township)
        numbers = CaseNumbers(township)
        pools = {key: _operators(township, today, *categories) for key, categories in SAMPLE_SOURCES.items()}
        batches = 60 + rng.randrange(0, 30)
        days = sorted(_day(rng, datetime.date(2026, 3, 1), today - _days(3)) for _ in range(batches))
        plans = [(day, rng.choice(SAMPLE_FOODS), day + _days(rng.randrange(10, 26))) for day in days]
        # 5–7 failures per township (about 8 %), among reported foods that can fail.
        can_fail = [i for i, (_, food, report) in enumerate(plans) if food[3] and report <= today]
        failing = set(rng.sample(can_fail, min(len(can_fail), 5 + rng.randrange(0, 3))))
        # The oldest failure is left undisposed past its deadline: the flag has something to show.
        overdue = min(failing, default=None)
        for serial, (sampled_on, (name, category, items, failure, source), report_date) in enumerate(plans, start=1):
            operator = rng.choice(pools[source] or pools["shop"])
            failed = serial - 1 in failing
            sample = Sample(
                township=township,
                operator=operator,
                batch_no=f"NCP26{township.pk:02d}0799{serial:05d}",
                sampled_on=sampled_on,
                sample_name=name,
                food_category=category,
                manufacturer=""
                if category in (F.CATERING, F.FARM_PRODUCE)
                else f"{rng.choice(SURNAMES)}氏食品有限公司",
                lot=f"{sampled_on - _days(rng.randrange(5, 60)):%Y%m%d}",
                sampling_body=cast.county.bureau_name,
                testing_agency=rng.choice(AGENCIES),
                tested_items=items,
            )
            if report_date <= today:
                sample.report_date = report_date
                sample.report_no = f"SP{report_date:%Y%m%d}{serial:04d}"
                sample.result = Sample.Result.FAIL if failed else Sample.Result.PASS
                if failed:
                    sample.failing_item, sample.standard_value, sample.measured_value = failure
            creator = rng.choice(inspectors)
            _save(sample, creator)
            if sample.is_failed:
                _dispose(rng, sample, creator, today, numbers, overdue=serial - 1 == overdue)


def _dispose(rng, sample, creator, today, numbers, *, overdue):
    """The 核查处置 of a failed batch as far as it has got by `today`."""
    report = sample.report_date
    disposal = SampleDisposal(sample=sample, township_id=sample.township_id)
    step = report + _days(rng.randrange(1, 4))
    if step <= today:
        disposal.withdrawn_on = step
        disposal.withdrawn_note = (
            f"下架封存{sample.sample_name}{rng.randrange(2, 40)}{rng.choice(['袋', '瓶', '公斤', '箱'])}"
        )
    if overdue:
        disposal.notes = "经营者对检验结论有异议，正在等待复检结果。"
        _save(disposal, creator, "检验结论为不合格，启动核查处置")
        return
    if sample.manufacturer and step <= today and rng.random() < 0.5:
        disposal.recalled_on = step + _days(rng.randrange(1, 6))
        disposal.recall_note = "通知标称生产者召回同批次产品"
        if disposal.recalled_on > today:
            disposal.recalled_on, disposal.recall_note = None, ""
    filed = report + _days(rng.randrange(4, 15))
    if filed <= today and rng.random() < 0.92:
        case = Case(
            township_id=sample.township_id,
            case_no=numbers(),
            domain=Case.Domain.FOOD,
            source=Case.Source.SAMPLING,
            operator=sample.operator,
            cause=f"经营不符合食品安全标准的食品（{sample.sample_name}，{sample.failing_item}不合格）",
            filed_on=filed,
        )
        decided = filed + _days(rng.randrange(20, 60))
        if decided <= today and (rng.random() < 0.8 or report < today - _days(120)):
            case.decided_on = decided
            case.decision_no = case.case_no.replace("立", "罚")
            case.fine = Decimal(rng.choice([0, 5000, 10000, 50000]))
            case.confiscated_money = Decimal(rng.randrange(2, 60) * 10)
            case.penalty_summary = "没收违法所得" + (f"，罚款{case.fine:.0f}元" if case.fine else "，警告")
            closed = decided + _days(rng.randrange(5, 40))
            if closed <= today:
                case.closed_on = closed
        _save(case, creator)
        if case.decided_on:
            _save(
                ConfiscatedGoods(
                    case=case,
                    kind=ConfiscatedGoods.Kind.FAILED_FOOD,
                    description=sample.sample_name,
                    quantity=Decimal(rng.randrange(2, 40)),
                    unit=ConfiscatedGoods.Unit.KG,
                ),
                creator,
            )
        disposal.case = case
    completed = report + _days(rng.randrange(35, 85))
    if completed <= today and disposal.withdrawn_on and (disposal.case is None or disposal.case.decided_on):
        # Completed once every step is done, the penalty included.
        steps = [completed, disposal.recalled_on, disposal.case.decided_on if disposal.case else None]
        disposal.completed_on = max(day for day in steps if day)
        disposal.notes = "已督促经营者下架、退市不合格产品并查明进货来源，整改到位。"
    _save(disposal, creator, "登记核查处置步骤")
