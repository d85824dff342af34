"""Demo cases: food, drugs and devices; open, decided and closed."""

from decimal import Decimal

from registry.demo import _person

from ..models import Case, ConfiscatedGoods
from .common import YEAR_START, C, _day, _days, _inspectors, _operator_pools, _save


class CaseNumbers:
    """青市监（红桥）立〔2026〕N号, numbered per township in the order cases are seeded."""

    def __init__(self, township):
        self.prefix = f"青市监（{township.name[:2]}）立〔2026〕"
        self.next = Case.objects.filter(township=township).count() + 1

    def __call__(self):
        number = f"{self.prefix}{self.next}号"
        self.next += 1
        return number


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
    operators = _operator_pools(today)
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
                case.operator = rng.choice(operators(township, *categories))
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
