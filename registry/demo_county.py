"""County-scale demo data for the benchmarks (`seed_demo --scale county`): the registry part.

One county of 15 townships (红桥镇 and 柳湾镇 among them, with the normal demo's user names),
~220 villages with their population, 12,000 active and ~3,000 cancelled operators registered over
twenty years, chefs, trucks, vehicles, coordinators and leading groups. `factor` shrinks every
count (tests load a tiny county); the same seed gives the same data. The rows are written by
`BulkWriter` (COPY on PostgreSQL) with their audit trail; the ledgers follow in
`inspections/demo/county.py`.
"""

import datetime
import math
import zoneinfo
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from .demo import (
    AREA_CODE,
    COUNTY_CODE,
    CRAFTS,
    DEMO_PASSWORD,
    DISHES,
    GIVEN,
    LEADING_GROUPS,
    MIX,
    SNACKS,
    SURNAMES,
    WORDS,
    C,
    L,
    S,
    _credit_code,
    _id_number,
    _licence_no,
    _person,
    _phone,
    _risk_level,
)
from .models import (
    County,
    FoodTruck,
    LeadingGroupMember,
    MobileChef,
    Operator,
    Township,
    User,
    Village,
    VillageCoordinator,
    WholesaleVehicle,
)
from .roles import ADMIN, AUDITOR, INSPECTOR, LEADER, OFFICE_HEAD

TZ = zoneinfo.ZoneInfo("Asia/Shanghai")

TOWNSHIPS = [
    ("hongqiao", "红桥镇"),
    ("liuwan", "柳湾镇"),
    ("shimen", "石门镇"),
    ("longquan", "龙泉镇"),
    ("baiyang", "白杨镇"),
    ("huanghua", "黄花乡"),
    ("xinji", "新集镇"),
    ("majiapu", "马家堡镇"),
    ("sancha", "三岔镇"),
    ("qingshui", "清水镇"),
    ("dazhuang", "大庄乡"),
    ("ankou", "安口镇"),
    ("gucheng", "古城镇"),
    ("nanchuan", "南川乡"),
    ("dongpo", "东坡镇"),
]
VILLAGE_STEMS = [
    "东庄",
    "西湾",
    "南寨",
    "北滩",
    "杨家庄",
    "李家沟",
    "上坝",
    "下坝",
    "新民",
    "永丰",
    "河东",
    "河西",
    "马营",
    "高台",
    "王家庄",
    "双泉",
    "新华",
    "团结",
    "红星",
    "胜利",
    "前进",
    "光明",
    "和平",
    "张家湾",
    "刘家川",
    "赵家塬",
    "陈家岔",
    "大坪",
    "小坪",
    "柳林",
    "杏树",
    "榆树",
    "槐树",
    "石桥",
    "泉头",
    "沟门",
    "川口",
    "梁峁",
    "塬上",
    "西川",
    "东川",
    "中庄",
    "后沟",
    "前湾",
    "水磨",
    "油坊",
    "庙湾",
    "寺沟",
    "车道",
    "堡子",
]
ACTIVE_PER_TOWNSHIP = 800  # 15 × 800 = 12,000 active operators
CANCELLED_PER_TOWNSHIP = 200  # ~3,000 cancelled, most of them within the five years
INSPECTORS_PER_TOWNSHIP = 3


@dataclass(eq=False)
class Op:
    """What the ledger seeders need to know of an operator (its row is written at the end)."""

    row: dict
    id: int
    township_id: int
    village_id: int
    category: str
    subtype: str
    registered_on: datetime.date
    cancelled_on: datetime.date | None
    county_supervised: bool
    trace_platform: bool
    risk_level: str
    credit_level: str
    name: str
    legal_representative: str
    changes: list = field(default_factory=list)  # (day, by, cause) of level changes

    def active_on(self, day):
        return self.registered_on <= day and (self.cancelled_on is None or self.cancelled_on > day)


@dataclass
class CountyCast:
    county: County
    townships: list
    villages: dict  # township id → [Village]
    users: dict
    inspectors: dict  # township id → [User]
    operators: dict  # township id → [Op]
    chefs: dict  # township id → [chef id]


def moment(day: datetime.date, seq: int) -> datetime.datetime:
    """When a record of `day` was entered: office hours, spread by its id (no random draw)."""
    return datetime.datetime(day.year, day.month, day.day, 9 + seq % 8, seq % 60, seq % 59, tzinfo=TZ)


def scaled(count, factor):
    return max(1, math.ceil(count * factor))


def seed_county_registry(writer, rng, today, factor=1.0) -> CountyCast:
    county = County.objects.create(code=COUNTY_CODE, name="青山县", bureau_name="青山县市场监督管理局")
    townships, villages = [], {}
    for code, name in TOWNSHIPS:
        township = Township.objects.create(
            county=county,
            code=code,
            name=name,
            office_name=f"{name.removesuffix('镇').removesuffix('乡')}市场监督管理所",
        )
        townships.append(township)
        stems = rng.sample(VILLAGE_STEMS, 13 + rng.randrange(0, 3))
        names = [f"{name[:-1]}村"] + [f"{stem}村" for stem in stems if f"{stem}村" != f"{name[:-1]}村"]
        villages[township.pk] = []
        for name_ in names:
            village = Village(id=writer.next_id(Village), township=township, name=name_)
            village.population = rng.randrange(600, 4600)
            row = {"id": village.pk, "township_id": township.pk, "name": name_, "population": village.population}
            writer.add(Village, row, at=moment(datetime.date(2021, 1, 4), village.pk))
            villages[township.pk].append(village)
    users, inspectors = _seed_users(county, townships)
    cast = CountyCast(county, townships, villages, users, inspectors, {}, {})
    serial = 0
    for township in townships:
        creator = inspectors[township.pk][0]
        ops, serial = _seed_operators(writer, rng, township, villages[township.pk], creator, today, factor, serial)
        cast.operators[township.pk] = ops
        cast.chefs[township.pk] = _seed_small_registries(writer, rng, township, villages[township.pk], creator, ops)
    _seed_leading_groups(county, townships, users["admin"])
    return cast


def write_operators(writer, cast):
    """Operators with their final levels: created as registered, each level change in the audit trail."""
    for ops in cast.operators.values():
        for op in ops:
            state = dict(op.row)
            writer.add_history(Operator, state, "+", state["created_at"], state["created_by_id"])
            for day, by, cause, level, new in op.changes:
                state = dict(state, **{level: new}, updated_at=moment(day, op.id))
                writer.add_history(Operator, state, "~", state["updated_at"], by, cause)
            writer.add(Operator, state, history=False)


def _seed_users(county, townships):
    """The normal demo's user names, and a third inspector per township; one password hash for all."""
    groups = {name: Group.objects.get(name=name) for name in (INSPECTOR, LEADER, ADMIN, OFFICE_HEAD, AUDITOR)}
    password = make_password(DEMO_PASSWORD)  # hashing once: a million PBKDF2 rounds per user is seconds
    specs = [
        ("admin", "系统管理员", [ADMIN], None, True),
        ("county_leader", "赵局长", [LEADER], None, False),
        ("auditor", "钱审计", [AUDITOR], None, False),
    ]
    for township in townships:
        specs += [
            (f"{township.code}_jgy1", f"{township.name[0]}所长", [INSPECTOR, OFFICE_HEAD], township, False),
            (f"{township.code}_jgy2", f"{township.name[0]}干事", [INSPECTOR], township, False),
            (f"{township.code}_jgy3", f"{township.name[:2]}监管员", [INSPECTOR], township, False),
            (f"{township.code}_leader", f"{township.name[:2]}镇长", [LEADER], township, False),
        ]
    users, inspectors = {}, {t.pk: [] for t in townships}
    number = 0
    for username, name, roles, township, superuser in specs:
        user = User(username=username, name=name, password=password, is_staff=superuser, is_superuser=superuser)
        user.county = county if township is None else None
        if INSPECTOR in roles:
            number += 1
            user.enforcement_id = f"62079900{number:04d}"
        users[username] = user
    User.objects.bulk_create(users.values())
    memberships, places = [], []
    for username, _, roles, township, _ in specs:
        user = users[username]
        memberships += [User.groups.through(user_id=user.pk, group_id=groups[role].pk) for role in roles]
        if township is not None:
            places.append(User.townships.through(user_id=user.pk, township_id=township.pk))
            if INSPECTOR in roles:
                inspectors[township.pk].append(user)
    User.groups.through.objects.bulk_create(memberships)
    User.townships.through.objects.bulk_create(places)
    return users, inspectors


def _seed_operators(writer, rng, township, villages, creator, today, factor, serial):
    weights = [count for _, _, count, _, _ in MIX]
    active = scaled(ACTIVE_PER_TOWNSHIP, factor)
    cancelled = scaled(CANCELLED_PER_TOWNSHIP, factor)
    ops = []
    markets = []
    for index in range(2 + (township.code == "hongqiao")):
        serial += 1
        village = villages[index % len(villages)]
        row = _operator_row(writer, rng, township, village, creator, serial, C.MARKET, S.FARMERS_MARKET, L.MARKET, None)
        row.update(
            name=f"{township.name[:2]}{['农贸市场', '集贸市场', '综合市场'][index]}",
            subtype=S.FARMERS_MARKET if index == 0 else S.TRADING_MARKET,
            licence_no=f"SCKB{AREA_CODE}{serial:06d}",
            rapid_test_room=index == 0,
            registered_on=datetime.date(2008 + index, 3, 1),
            risk_level="C",
        )
        markets.append(row)
    for n in range(active + cancelled):
        serial += 1
        category, subtype, _, patterns, licence_kind = rng.choices(MIX, weights)[0]
        village = rng.choice(villages)
        row = _operator_row(writer, rng, township, village, creator, serial, category, subtype, licence_kind, patterns)
        if category == C.RETAIL and subtype == S.GROCERY and rng.random() < 0.2:
            row["market_id"] = rng.choice(markets)["id"]
        if n >= active:
            # Cancelled (注销): most of them within the five years the ledgers cover.
            earliest = max(row["registered_on"] + datetime.timedelta(days=90), datetime.date(2021, 6, 1))
            if earliest < today:
                row["status"] = Operator.Status.CANCELLED
                row["status_date"] = earliest + datetime.timedelta(days=rng.randrange(0, (today - earliest).days))
        elif rng.random() < 0.04:
            row["status"] = Operator.Status.SUSPENDED
            row["status_date"] = min(today, row["registered_on"] + datetime.timedelta(days=rng.randrange(30, 900)))
        ops.append(row)
    result = []
    for row in markets + ops:
        result.append(
            Op(
                row=row,
                id=row["id"],
                township_id=township.pk,
                village_id=row["village_id"],
                category=row["category"],
                subtype=row["subtype"],
                registered_on=row["registered_on"],
                cancelled_on=row.get("status_date") if row.get("status") == Operator.Status.CANCELLED else None,
                county_supervised=row.get("supervising_body") == Operator.SupervisingBody.COUNTY,
                trace_platform=row["trace_platform"],
                risk_level=row["risk_level"],
                credit_level=row["credit_level"],
                name=row["name"],
                legal_representative=row["legal_representative"],
            )
        )
    return result, serial


def _operator_row(writer, rng, township, village, creator, serial, category, subtype, licence_kind, patterns):
    name = (
        rng.choice(patterns).format(
            place=village.name.removesuffix("村"),
            township=township.name,
            word=rng.choice(WORDS),
            surname=rng.choice(SURNAMES),
            given=rng.choice(GIVEN),
            dish=rng.choice(DISHES),
            craft=rng.choice(CRAFTS),
            snack=rng.choice(SNACKS),
        )
        if patterns
        else ""
    )
    is_company = category in (C.PRODUCER, C.WHOLESALE) or subtype in (S.SUPERMARKET, S.LARGE)
    is_caterer = category in (C.CATERING, C.CANTEEN) or subtype == S.EATERY
    # Registered over twenty years, a steady trickle of new ones within the five.
    registered_on = datetime.date(2006, 1, 1) + datetime.timedelta(days=rng.randrange(0, 365 * 20 + 300))
    row = {
        "id": None,
        "township_id": township.pk,
        "village_id": village.pk,
        "name": name,
        "category": category,
        "subtype": subtype,
        "credit_code": _credit_code(rng, not is_company) if category != C.CANTEEN and rng.random() < 0.9 else "",
        "licence_kind": licence_kind,
        "licence_no": _licence_no(licence_kind, serial) if licence_kind != L.MARKET else "",
        "licence_issued_on": registered_on,
        "licence_expires_on": registered_on + datetime.timedelta(days=5 * 365 - 1),
        "legal_representative": _person(rng),
        "phone": _phone(rng),
        "address": f"{township.name}{village.name}{rng.randrange(1, 12)}社{rng.randrange(1, 90)}号",
        "registered_on": registered_on,
        "risk_level": _risk_level(rng, category, subtype),
        "credit_level": rng.choices(["A", "B", "C"], weights=[80, 17, 3])[0],
        "bright_kitchen": is_caterer and rng.random() < 0.85,
        "transparent_workshop": category == C.PRODUCER and rng.random() < 0.7,
        "sunshine_warehouse": category == C.WHOLESALE and rng.random() < 0.6,
        "trace_platform": (category in (C.CATERING, C.RETAIL, C.CANTEEN, C.WHOLESALE) and rng.random() < 0.75)
        or (subtype == S.WORKSHOP and rng.random() < 0.5),
        "fume_purifier": is_caterer and rng.random() < 0.6,
        "clean_energy": is_caterer and rng.random() < 0.4,
        "uses_lpg": is_caterer and rng.random() < 0.5,
        "created_by_id": creator.pk,
    }
    row["id"] = writer.next_id(Operator)
    row["created_at"] = moment(max(registered_on, datetime.date(2021, 1, 4)), row["id"])
    if category == C.PRODUCER and rng.random() < 0.35:
        row["supervising_body"] = Operator.SupervisingBody.COUNTY
        row["supervising_note"] = "县局稽查大队"
    if rng.random() < 0.45:
        start = datetime.date(2026, rng.randrange(1, 7), rng.randrange(1, 28))
        row["insurance_policy_no"] = f"PICC{serial:08d}"
        row["insurance_start"] = start
        row["insurance_end"] = start.replace(year=start.year + 1) - datetime.timedelta(days=1)
    return row


def _seed_small_registries(writer, rng, township, villages, creator, ops):
    """Coordinators, chefs, trucks and wholesale vehicles; returns the chefs' ids."""
    plates = "ABCDEFG"

    def add(model, day, **row):
        writer.add(
            model, dict(row, township_id=township.pk, created_by_id=creator.pk, created_at=moment(day, len(row)))
        )

    for village in villages:
        for role in ["coordinator"] + (["informant"] if rng.random() < 0.5 else []):
            day = datetime.date(rng.choice([2019, 2020, 2021]), 3, 1)
            writer.add(
                VillageCoordinator,
                {
                    "village_id": village.pk,
                    "name": _person(rng),
                    "role": role,
                    "phone": _phone(rng),
                    "appointed_on": day,
                    "created_by_id": creator.pk,
                    "created_at": moment(max(day, datetime.date(2021, 1, 4)), village.pk),
                },
            )
    chefs = []
    for _ in range(30 + rng.randrange(0, 20)):
        registered = datetime.date(2016, 1, 1) + datetime.timedelta(days=rng.randrange(0, 3900))
        expires = datetime.date(2025, 6, 1) + datetime.timedelta(days=rng.randrange(0, 720))
        row = {
            "township_id": township.pk,
            "village_id": rng.choice(villages).pk,
            "name": _person(rng),
            "id_number": _id_number(rng),
            "phone": _phone(rng),
            "health_certificate_no": f"JK{rng.randrange(10**7, 10**8)}",
            "health_certificate_expires_on": expires,
            "training_certificate_no": f"PX{rng.randrange(10**6, 10**7)}",
            "training_certificate_expires_on": expires + datetime.timedelta(days=365),
            "registered_on": registered,
            "created_by_id": creator.pk,
        }
        row["created_at"] = moment(max(registered, datetime.date(2021, 1, 4)), len(chefs))
        chefs.append(writer.add(MobileChef, row))
    for index in range(10 + rng.randrange(0, 8)):
        add(
            FoodTruck,
            datetime.date(2021, 1, 4),
            plate_no=f"甘G·{rng.choice(plates)}{rng.randrange(10000, 99999)}",
            owner=_person(rng),
            phone=_phone(rng),
            goods=rng.choice(["烤肠、饮料", "煎饼果子", "凉皮、凉面", "麻辣烫", "烤红薯"]),
            area=f"{township.name}集市及周边",
            gps_installed=index % 4 != 3,
            camera_installed=index % 4 != 3,
            registered_on=datetime.date(2019, 1, 1) + datetime.timedelta(days=rng.randrange(0, 2700)),
        )
    wholesalers = [op.id for op in ops if op.category == C.WHOLESALE]
    for _ in range(8 + rng.randrange(0, 6)):
        add(
            WholesaleVehicle,
            datetime.date(2021, 1, 4),
            plate_no=f"甘G·{rng.choice(plates)}{rng.randrange(10000, 99999)}",
            operator_id=rng.choice(wholesalers) if wholesalers else None,
            driver=_person(rng),
            phone=_phone(rng),
            vehicle_type=rng.choice(["厢式货车", "冷藏车", "轻型货车"]),
            registered_on=datetime.date(2018, 1, 1) + datetime.timedelta(days=rng.randrange(0, 3000)),
        )
    return chefs


def _seed_leading_groups(county, townships, creator):
    by_code = {t.code: t for t in townships}
    for code, members in LEADING_GROUPS.items():
        for role, position, name in members:
            LeadingGroupMember.objects.create(
                county=county,
                township=by_code.get(code),
                name=name,
                position=position,
                role=role,
                appointed_on=datetime.date(2021, 3, 1),
                created_by=creator,
            )
