"""Demo rapid tests: market mornings and school canteens."""

import datetime

from simple_history.utils import bulk_create_with_history

from registry.demo import _person

from ..models import RapidTest, RapidTestItem
from .common import C, S, _days, _inspectors, _operators

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
