"""Demo data of the sampling, rapid-test, case and activity ledgers: a realistic 2026 of each.

Each seeder is `seeder(rng, cast, today)`, draws only from `rng` and dates everything between
2026-01-01 and `today`, so the same seed gives the same ledgers. Records are created by an
inspector of their township, as if entered through the app (with an audit trail entry each).
Failed samples come with and without completed disposal (one per township is left overdue),
cases are open and closed, and some complaints are overdue.
"""

import datetime
from decimal import Decimal

from simple_history.utils import bulk_create_with_history

from registry.demo import SURNAMES, _person, _phone
from registry.models import MobileChef, Operator

from .models import (
    Banquet,
    Case,
    Complaint,
    ConfiscatedGoods,
    Interview,
    Lecture,
    MajorEvent,
    ManualDistribution,
    PublicityEvent,
    RapidTest,
    RapidTestItem,
    Sample,
    SampleDisposal,
    StudySession,
    Training,
)

YEAR_START = datetime.date(2026, 1, 1)
C, S = Operator.Category, Operator.Subtype
F = Sample.FoodCategory


def _days(n):
    return datetime.timedelta(days=n)


def _day(rng, start, end):
    """A day in [start, end]."""
    return start + _days(rng.randrange(0, (end - start).days + 1))


def _inspectors(cast, township):
    return [cast.users[f"{township.code}_jgy1"], cast.users[f"{township.code}_jgy2"]]


def _save(record, creator, reason=""):
    record.created_by = creator
    record._history_user = creator
    if reason:
        record._change_reason = reason
    record.save()
    return record


def _operators(township, today, *categories, subtypes=()):
    operators = Operator.objects.filter(township=township).active_on(today).order_by("pk")
    if categories:
        operators = operators.filter(category__in=categories)
    if subtypes:
        operators = operators.filter(subtype__in=subtypes)
    return list(operators)


class CaseNumbers:
    """青市监（红桥）立〔2026〕N号, numbered per township in the order cases are seeded."""

    def __init__(self, township):
        self.prefix = f"青市监（{township.name[:2]}）立〔2026〕"
        self.next = Case.objects.filter(township=township).count() + 1

    def __call__(self):
        number = f"{self.prefix}{self.next}号"
        self.next += 1
        return number


# --- 监督抽检 -----------------------------------------------------------------------------------

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


# --- 快检 ------------------------------------------------------------------------------------

RAPID_SAMPLES = {
    "农残": ["小白菜", "菠菜", "芹菜", "韭菜", "油麦菜", "黄瓜", "西红柿", "豇豆", "辣椒", "苹果", "葡萄", "生菜"],
    "注水肉": ["猪肉", "牛肉", "羊肉"],
    "亚硝酸盐": ["卤肉", "腊肉", "熏肠", "酸菜"],
    "瘦肉精": ["猪肉", "牛肉", "羊肉", "猪肝"],
    "面制品中的铝": ["油条", "油饼", "粉条", "凉皮"],
    "双氧水": ["鸡爪", "牛百叶", "豆腐皮", "海带丝"],
    "甲醛": ["鱿鱼", "虾仁", "牛百叶"],
    "二氧化硫": ["银耳", "黄花菜", "枸杞", "生姜"],
    "酸价": ["煎炸油"],
}
RAPID_WEIGHTS = {
    "农残": 50,
    "注水肉": 9,
    "亚硝酸盐": 7,
    "瘦肉精": 9,
    "面制品中的铝": 8,
    "双氧水": 6,
    "甲醛": 4,
    "二氧化硫": 5,
    "酸价": 2,
}


def seed_rapid_tests(rng, cast, today):
    """Market mornings every week or two (20–40 tests each), and monthly checks of school canteens."""
    items = {item.name: item for item in RapidTestItem.objects.filter(name__in=RAPID_WEIGHTS)}
    names, weights = list(RAPID_WEIGHTS), list(RAPID_WEIGHTS.values())
    for township in cast.townships:
        inspectors = _inspectors(cast, township)
        markets = _operators(township, today, C.MARKET)
        canteens = _operators(township, today, C.CANTEEN, subtypes=[S.SCHOOL])
        tests = []
        mornings = []
        for market in markets:
            day = datetime.date(2026, 1, 5) + _days(rng.randrange(0, 7))
            while day <= today:
                mornings.append((market, day, 20 + rng.randrange(0, 21)))
                day += _days(7 + rng.randrange(0, 8))
        for canteen in canteens:
            for month in range(3, today.month + 1):
                if month in (7, 8):
                    continue  # summer holiday
                mornings.append((canteen, datetime.date(2026, month, 1 + rng.randrange(0, 25)), 3))
        for place, day, count in mornings:
            if day > today:
                continue
            creator = rng.choice(inspectors)
            tester = rng.choice([creator.name, _person(rng)]) if place.category == C.MARKET else creator.name
            for _ in range(count):
                item_name = rng.choices(names, weights)[0]
                failed = rng.random() < (0.03 if item_name == "农残" else 0.008)
                sample = rng.choice(RAPID_SAMPLES[item_name])
                test = RapidTest(
                    township=township,
                    tested_on=day,
                    operator=place,
                    vendor=f"{rng.randrange(1, 61)}号摊位" if place.category == C.MARKET else "",
                    sample_name=sample,
                    item=items[item_name],
                    result=RapidTest.Result.FAIL if failed else RapidTest.Result.PASS,
                    measured_value=_rapid_value(rng, item_name, failed),
                    tester=tester,
                    created_by=creator,
                )
                if failed:
                    test.disposal = f"现场监督销毁{sample}{rng.randrange(2, 15)}公斤，责令摊主说明进货来源"
                    test.retest_result = rng.choice(["", RapidTest.Retest.FAIL])
                tests.append(test)
        bulk_create_with_history(tests, RapidTest, batch_size=500, default_change_reason="批量录入")
        # bulk_create leaves the audit trail's user empty; the tests were entered by their creators.
        RapidTest.history.filter(township_id=township.pk, history_user__isnull=True).update(
            history_user_id=inspectors[0].pk
        )


def _rapid_value(rng, item_name, failed):
    if item_name == "农残":
        return f"抑制率{rng.randrange(52, 86) if failed else rng.randrange(3, 40)}%"
    if item_name == "注水肉":
        return f"水分{rng.randrange(78, 84) if failed else rng.randrange(70, 77)}%"
    return "阳性" if failed else "阴性"


# --- 立案查处 --------------------------------------------------------------------------------------

# (domain, cause, party is an operator of these categories (or None: a named party), goods)
CASE_KINDS = [
    (
        Case.Domain.FOOD,
        "销售超过保质期的食品",
        (C.RETAIL, C.SMALL),
        (ConfiscatedGoods.Kind.EXPIRED_FOOD, "饮料、饼干", "kg"),
    ),
    (Case.Domain.FOOD, "未取得食品经营许可从事食品经营", (C.SMALL,), None),
    (
        Case.Domain.FOOD,
        "使用超过保质期的食品原料加工食品",
        (C.CATERING,),
        (ConfiscatedGoods.Kind.EXPIRED_FOOD, "调味料", "kg"),
    ),
    (
        Case.Domain.FOOD,
        "销售无标签的预包装食品",
        (C.RETAIL, C.WHOLESALE),
        (ConfiscatedGoods.Kind.UNLABELLED_FOOD, "散装糖果", "kg"),
    ),
    (
        Case.Domain.FOOD,
        "食品小作坊超出登记范围生产加工食品",
        (C.SMALL,),
        (ConfiscatedGoods.Kind.FAILED_FOOD, "酿皮", "kg"),
    ),
    (Case.Domain.DRUG, "销售超过有效期的药品", None, (ConfiscatedGoods.Kind.DRUG, "感冒胶囊、阿莫西林胶囊", "board")),
    (Case.Domain.DEVICE, "经营未经注册的医疗器械", None, (ConfiscatedGoods.Kind.DEVICE, "医用口罩", "box")),
    (Case.Domain.COSMETIC, "经营未备案的化妆品", None, (ConfiscatedGoods.Kind.COSMETIC, "美白面霜", "bottle")),
]
CLINICS = ["{place}卫生室", "{place}康民大药房", "{place}便民药店", "{place}百姓大药房"]


def seed_cases(rng, cast, today):
    """8–12 further cases per township: food, drugs, devices; open, decided and closed."""
    for township in cast.townships:
        inspectors = _inspectors(cast, township)
        numbers = CaseNumbers(township)
        villages = list(township.villages.order_by("pk"))
        count = 8 + rng.randrange(0, 5)
        for index, filed_on in enumerate(sorted(_day(rng, YEAR_START, today - _days(2)) for _ in range(count))):
            domain, cause, categories, goods = rng.choice(CASE_KINDS)
            case = Case(
                township=township,
                case_no=numbers(),
                domain=domain,
                source=rng.choice([Case.Source.INSPECTION, Case.Source.INSPECTION, Case.Source.COMPLAINT]),
                cause=cause,
                filed_on=filed_on,
            )
            if categories:
                case.operator = rng.choice(_operators(township, today, *categories))
            else:
                case.party = rng.choice(CLINICS).format(place=rng.choice(villages).name.removesuffix("村"))
            decided = filed_on + _days(rng.randrange(15, 70))
            if decided <= today:
                case.decided_on = decided
                case.decision_no = case.case_no.replace("立", "罚")
                case.fine = Decimal(rng.choice([2000, 5000, 10000, 20000, 50000]))
                case.confiscated_money = Decimal(rng.randrange(0, 300) * 10)
                case.penalty_summary = f"没收违法所得和违法经营的物品，罚款{case.fine:.0f}元"
                if index % 5 == 2:
                    case.individual_penalised = True
                    case.individual_name = _person(rng)
                    case.individual_fine = Decimal(rng.choice([5000, 8000, 12000]))
                    case.penalty_summary += f"；对主要负责人罚款{case.individual_fine:.0f}元"
                closed = decided + _days(rng.randrange(5, 30))
                if closed <= today:
                    case.closed_on = closed
            if index == 3:
                # Suspected crime: transferred to the police (移送公安) rather than penalised here.
                case = Case(
                    township=township,
                    case_no=case.case_no,
                    domain=Case.Domain.FOOD,
                    source=Case.Source.INSPECTION,
                    party=f"{_person(rng)}（流动摊贩）",
                    cause="销售含瘦肉精的牛肉（快检阳性，经定量检测确认）",
                    filed_on=filed_on,
                    penalty_summary="涉嫌犯罪，移送公安机关",
                    transferred_to_police=True,
                    transferred_on=min(today, filed_on + _days(rng.randrange(3, 10))),
                )
                goods = (ConfiscatedGoods.Kind.FAILED_FOOD, "牛肉", "kg")
            creator = rng.choice(inspectors)
            _save(case, creator)
            if goods and (case.decided_on or case.transferred_to_police):
                kind, description, unit = goods
                quantity = rng.randrange(3, 80) if unit == "kg" else rng.randrange(5, 120)
                _save(
                    ConfiscatedGoods(case=case, kind=kind, description=description, quantity=quantity, unit=unit),
                    creator,
                )


# --- 投诉举报 ------------------------------------------------------------------------------------

COMPLAINT_TOPICS = [
    (Complaint.Kind.COMPLAINT, (C.RETAIL,), "购买的{food}已超过保质期，要求退货并赔偿"),
    (Complaint.Kind.COMPLAINT, (C.CATERING,), "在该店就餐时饭菜中吃出异物，要求处理"),
    (Complaint.Kind.COMPLAINT, (C.CATERING,), "就餐后出现腹泻症状，怀疑食材不新鲜"),
    (Complaint.Kind.COMPLAINT, (C.RETAIL,), "购买的{food}包装破损、标签不清"),
    (Complaint.Kind.REPORT, (C.CATERING, C.SMALL), "后厨卫生脏乱，从业人员未戴口罩"),
    (Complaint.Kind.REPORT, (C.SMALL,), "小作坊无证生产，环境卫生差"),
    (Complaint.Kind.REPORT, None, "集市上流动摊贩销售“三无”食品"),
    (Complaint.Kind.REPORT, (C.RETAIL,), "商店向未成年人销售散装辣条，无生产日期"),
]
FOODS = ["面包", "酸奶", "火腿肠", "饮料", "月饼", "方便面", "饼干"]
CHANNELS = [("12315", 50), ("12345", 30), ("phone", 10), ("visit", 5), ("letter", 3), ("referral", 2)]


def seed_complaints(rng, cast, today):
    """20–30 complaints and reports per township; most closed on time, a few late, a few overdue."""
    channels, channel_weights = zip(*CHANNELS, strict=True)
    for township in cast.townships:
        inspectors = _inspectors(cast, township)
        villages = list(township.villages.order_by("pk"))
        count = 20 + rng.randrange(0, 11)
        received_days = sorted(_day(rng, YEAR_START, today) for _ in range(count))
        overdue_left = 2
        for serial, received_on in enumerate(received_days, start=1):
            kind, categories, summary = rng.choice(COMPLAINT_TOPICS)
            complaint = Complaint(
                township=township,
                kind=kind,
                channel=rng.choices(channels, channel_weights)[0],
                domain=Case.Domain.FOOD,
                received_on=received_on,
                summary=summary.format(food=rng.choice(FOODS)),
            )
            if complaint.channel in ("12315", "12345"):
                complaint.ticket_no = f"{complaint.channel}-{received_on:%Y%m%d}{serial:03d}"
            if categories:
                complaint.operator = rng.choice(_operators(township, today, *categories))
                complaint.village_id = complaint.operator.village_id
            else:
                complaint.subject = "流动摊贩"
                complaint.village = rng.choice(villages)
            deadline = complaint.compute_deadline()
            roll = rng.random()
            if overdue_left and deadline < today - _days(20) and roll < 0.25:
                overdue_left -= 1  # left open past its deadline
            else:
                closed = received_on + _days(rng.randrange(1, max(2, (deadline - received_on).days)))
                if roll > 0.85:
                    closed = deadline + _days(rng.randrange(1, 15))  # closed, but late
                if closed <= today:
                    complaint.closed_on = closed
                    complaint.outcome = _outcome(rng, kind)
                    complaint.outcome_note = {
                        "mediated": "经调解，经营者向消费者退货并赔偿，双方达成一致。",
                        "mediation_failed": "双方未能达成一致，终止调解，告知消费者可依法向人民法院起诉。",
                        "unfounded": "经现场核查，未发现举报所述问题。",
                        "not_filed": "经核查情节轻微并已当场改正，依法不予立案，已责令改正。",
                        "referred": "不属于本部门职责，已移交有关部门处理。",
                    }.get(complaint.outcome, "")
            _save(complaint, rng.choice(inspectors))


def _outcome(rng, kind):
    if kind == Complaint.Kind.COMPLAINT:
        return rng.choices(["mediated", "mediation_failed", "referred"], [80, 15, 5])[0]
    return rng.choices(["unfounded", "not_filed", "referred"], [45, 45, 10])[0]


# --- 农村集体聚餐 ------------------------------------------------------------------------------------

OCCASION_WEIGHTS = [
    ("wedding", 40),
    ("birthday", 15),
    ("funeral", 15),
    ("school", 10),
    ("baby", 10),
    ("housewarming", 10),
]


def seed_banquets(rng, cast, today):
    """60–90 banquets per township, busiest around the Spring Festival and in autumn."""
    occasions, occasion_weights = zip(*OCCASION_WEIGHTS, strict=True)
    month_weights = [16, 14, 6, 5, 8, 5, 3, 4, 8, 14, 9, 8]
    for township in cast.townships:
        inspectors = _inspectors(cast, township)
        villages = list(township.villages.order_by("pk"))
        chefs = list(MobileChef.objects.filter(township=township).active_on(today).order_by("pk"))
        count = 60 + rng.randrange(0, 31)
        for _ in range(count):
            month = rng.choices(range(1, 13), month_weights)[0]
            held_on = datetime.date(2026, month, 1) + _days(rng.randrange(0, 28))
            reported_on = held_on - _days(rng.randrange(2, 10))
            if reported_on > today:
                continue
            small = rng.random() < 0.1
            guests = rng.randrange(25, 48) if small else rng.randrange(60, 420)
            tables = max(1, round(guests / rng.choice([8, 10, 10, 12])))
            village = rng.choice(villages)
            banquet = Banquet(
                township=township,
                village=village,
                host=_person(rng),
                host_phone=_phone(rng),
                occasion=rng.choices(occasions, occasion_weights)[0],
                reported_on=reported_on,
                held_on=held_on,
                meals=rng.choice([1, 1, 2, 3]),
                place=f"{village.name}{rng.randrange(1, 9)}社举办者家中",
                tables=tables,
                guests=guests,
                chef=rng.choice(chefs) if chefs and rng.random() < 0.93 else None,
                commitment_signed=rng.random() < 0.92,
                samples_kept=rng.random() < 0.85,
            )
            if held_on <= today and rng.random() < 0.4:
                banquet.inspected = True
                banquet.inspection_note = rng.choice(
                    ["现场指导，加工场所整洁，生熟分开", "已留样，厨师持有效健康证", "提醒凉菜现做现吃，已整改"]
                )
            _save(banquet, rng.choice(inspectors))


# --- 活动台账 ------------------------------------------------------------------------------------

TRAININGS = [
    ("餐饮服务食品安全操作规范培训", "catering"),
    ("学校食堂从业人员食品安全知识培训", "canteens"),
    ("农村流动厨师食品安全培训", "chefs"),
    ("食品小作坊负责人食品安全培训", "small"),
    ("《食品安全法》及实施条例解读", "traders"),
    ("村级食品安全协管员业务培训", "coordinators"),
    ("春节期间食品安全工作部署培训", "traders"),
    ("进货查验记录制度培训", "traders"),
    ("食品生产企业主体责任落实培训", "producers"),
]
PUBLICITY = [
    ("consumer_day", "3·15国际消费者权益日宣传咨询活动", datetime.date(2026, 3, 15)),
    ("safety_week", "2026年食品安全宣传周集中宣传活动", datetime.date(2026, 6, 16)),
    ("school", "食品安全进校园宣传活动", datetime.date(2026, 9, 10)),
    ("festival", "春节期间食品安全宣传", datetime.date(2026, 2, 6)),
    ("festival", "中秋国庆期间食品安全宣传", datetime.date(2026, 9, 22)),
]


def seed_activities(rng, cast, today):
    """Trainings, 约谈, publicity, lectures, manuals, village study sessions and major events."""
    for township in cast.townships:
        inspectors = _inspectors(cast, township)
        villages = list(township.villages.order_by("pk"))
        town = township.name[:2]

        def save(record, inspectors=inspectors):
            return _save(record, rng.choice(inspectors))

        for topic, audience in rng.sample(TRAININGS, 7):
            save(
                Training(
                    township=township,
                    held_on=_day(rng, YEAR_START, today),
                    topic=topic,
                    audience=audience,
                    attendees=rng.randrange(20, 121),
                    place=rng.choice([f"{township.name}人民政府会议室", f"{town}市场监管所会议室", "镇文化活动中心"]),
                    lecturer=rng.choice([inspectors[0].name, "县局食品安全科", "县疾控中心专家"]),
                )
            )

        caterers = _operators(township, today, C.CATERING, C.CANTEEN)
        shops = _operators(township, today, C.RETAIL, C.SMALL)
        meetings = [
            (datetime.date(2026, 1, 20), "春节前食品生产经营单位集体约谈会", shops),
            (datetime.date(2026, 3, 2), "校园周边食品经营户集体约谈会", shops),
            (datetime.date(2026, 5, 12), "农村集体聚餐流动厨师集体约谈会", []),
            (datetime.date(2026, 9, 8), "中秋国庆前餐饮服务单位集体约谈会", caterers),
        ]
        for day, topic, pool in meetings:
            if day > today:
                continue
            chosen = rng.sample(pool, min(len(pool), rng.randrange(8, 20))) if pool else []
            interview = save(
                Interview(
                    township=township,
                    held_on=day,
                    kind=Interview.Kind.MEETING,
                    topic=topic,
                    persons="" if chosen else "全镇登记在册的流动厨师",
                    interviewees=len(chosen) + rng.randrange(3, 15),
                    requirements="落实食品安全主体责任，严格进货查验，建立健全台账。",
                )
            )
            interview.operators.set(chosen)
        for sample in Sample.objects.filter(township=township, result=Sample.Result.FAIL).order_by("pk")[:3]:
            interview = save(
                Interview(
                    township=township,
                    held_on=min(today, sample.report_date + _days(rng.randrange(2, 8))),
                    kind=Interview.Kind.INDIVIDUAL,
                    topic=f"监督抽检{sample.sample_name}不合格责任约谈",
                    persons=sample.operator.legal_representative,
                    interviewees=1 + rng.randrange(0, 2),
                    requirements="立即下架封存不合格产品，查明原因并提交整改报告。",
                )
            )
            interview.operators.set([sample.operator])

        events = list(PUBLICITY) + [
            ("market", f"{town}集市食品安全宣传", _day(rng, YEAR_START, today)) for _ in range(4)
        ]
        events += [
            ("village", f"食品安全进农村（{v.name}）", _day(rng, YEAR_START, today)) for v in rng.sample(villages, 3)
        ]
        for theme, title, day in events:
            if day > today:
                continue
            save(
                PublicityEvent(
                    township=township,
                    held_on=day,
                    theme=theme,
                    title=title,
                    place=rng.choice([f"{town}集贸市场", "镇文化广场", f"{rng.choice(villages).name}村委会"]),
                    materials=rng.randrange(20, 151) * 10,
                    consultations=rng.randrange(30, 301),
                )
            )

        schools = [o.name.removesuffix("食堂") for o in _operators(township, today, C.CANTEEN, subtypes=[S.SCHOOL])]
        for school in schools:
            for month in rng.sample([3, 4, 5, 9, 10, 11], 2):
                day = datetime.date(2026, month, 1) + _days(rng.randrange(0, 27))
                if day <= today:
                    save(
                        Lecture(
                            township=township,
                            held_on=day,
                            kind=Lecture.Kind.SCHOOL,
                            topic=rng.choice(["开学第一课：校园食品安全", "拒绝“三无”零食", "食品安全小卫士"]),
                            venue=school,
                            audience=rng.randrange(40, 400),
                            lecturer=rng.choice(inspectors).name,
                        )
                    )
        for topic in ("识别假冒伪劣食品", "农村集体聚餐食品安全", "老年人远离保健食品虚假宣传"):
            save(
                Lecture(
                    township=township,
                    held_on=_day(rng, YEAR_START, today),
                    kind=Lecture.Kind.PUBLIC,
                    topic=f"食品安全大讲堂：{topic}",
                    venue=rng.choice(["镇文化活动中心", f"{rng.choice(villages).name}村委会"]),
                    audience=rng.randrange(50, 200),
                    lecturer="县局食品安全科",
                )
            )

        for title, recipients in (
            ("《餐饮服务单位食品安全自律手册》", "全镇餐饮服务单位"),
            ("《食品小作坊、小经营店自律手册》", "“三小”经营户"),
            ("《农村集体聚餐食品安全指导手册》", "流动厨师及村级协管员"),
        ):
            save(
                ManualDistribution(
                    township=township,
                    held_on=_day(rng, YEAR_START, today),
                    title=title,
                    copies=rng.randrange(10, 51) * 10,
                    recipients=recipients,
                )
            )

        for village in villages:
            for _ in range(1 + rng.randrange(0, 2)):
                save(
                    StudySession(
                        township=township,
                        village=village,
                        held_on=_day(rng, YEAR_START, today),
                        topic=rng.choice(
                            ["集中学习《食品安全法》", "学习农村集体聚餐报告备案要求", "学习协管员职责和隐患报告流程"]
                        ),
                        attendees=rng.randrange(6, 16),
                    )
                )
        save(
            StudySession(
                township=township,
                held_on=datetime.date(2026, 4, 8),
                topic="全镇村干部食品安全知识集中学习",
                attendees=rng.randrange(30, 60),
            )
        )

        for name, start, length in (
            (f"2026年{town}春节社火文艺展演", datetime.date(2026, 2, 20), 3),
            ("2026年高考考点食品安全保障", datetime.date(2026, 6, 7), 3),
            (f"{town}第二届中国农民丰收节", datetime.date(2026, 9, 23), 1),
        ):
            if start > today:
                continue
            event = save(
                MajorEvent(
                    township=township,
                    name=name,
                    start_date=start,
                    end_date=start + _days(length - 1),
                    place=rng.choice(["镇文化广场", f"{town}中学", f"{rng.choice(villages).name}"]),
                    diners=rng.randrange(100, 2000),
                    officers=rng.randrange(6, 30),
                    notes="制定保障方案，对供餐单位开展现场检查和快检，全程驻点监督，未发生食品安全事故。",
                )
            )
            event.operators.set(rng.sample(caterers, min(len(caterers), rng.randrange(2, 6))))


SEEDERS = [seed_samples, seed_cases, seed_rapid_tests, seed_complaints, seed_banquets, seed_activities]
