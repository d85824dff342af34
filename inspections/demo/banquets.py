"""Demo rural banquets."""

import datetime

from registry.demo import _person, _phone
from registry.models import MobileChef

from ..models import Banquet
from .common import _days, _inspectors, _save

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
