"""Deterministic demo data for the registry: one county, two townships, ~300 operators.

Everything is drawn from one `random.Random(seed)`, and every date from fixed years, so the
same seed gives the same data on any machine and any day.
"""

import datetime
import random
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

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
from .validators import CREDIT_CODE_CHARSET, credit_code_check_digit, id_card_check_digit

# Meets the password rules (10+ characters, three kinds); demo accounts are not made to change it.
DEMO_PASSWORD = "Foodsafe2026"
COUNTY_CODE = "qingshan"
AREA_CODE = "620799"

TOWNSHIPS = [
    (
        "hongqiao",
        "红桥镇",
        "红桥市场监督管理所",
        [
            "红桥村",
            "东庄村",
            "西湾村",
            "南寨村",
            "北滩村",
            "杨家庄村",
            "李家沟村",
            "上坝村",
            "下坝村",
            "新民村",
            "永丰村",
        ],
    ),
    (
        "liuwan",
        "柳湾镇",
        "柳湾市场监督管理所",
        ["柳湾村", "河东村", "河西村", "马营村", "高台村", "王家庄村", "双泉村", "新华村", "团结村"],
    ),
]

SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程魏苏吕丁任沈姚卢"
GIVEN = "建国明华军平志强秀英丽娟伟芳敏静磊洋勇艳杰涛超霞刚桂兰文斌海燕红梅玉兰春生福贵"

# (category, subtype, how many per township, name pattern, licence kind)
C, S, L = Operator.Category, Operator.Subtype, Operator.LicenceKind
MIX = [
    (C.PRODUCER, "", 3, ["{place}{word}食品有限公司", "{place}{word}农产品加工有限公司"], L.PRODUCTION),
    (C.WHOLESALE, "", 5, ["{place}{word}食品批发部", "{surname}记粮油批发部", "{place}副食品批发商行"], L.BUSINESS),
    (C.RETAIL, S.SUPERMARKET, 4, ["{place}{word}超市", "{word}购物广场{place}店"], L.BUSINESS),
    (
        C.RETAIL,
        S.GROCERY,
        28,
        ["{place}{surname}记食杂店", "{surname}{given}便民商店", "{place}{word}综合商店"],
        L.BUSINESS,
    ),
    (C.RETAIL, S.RETAIL_OTHER, 3, ["{place}{word}茶叶店", "{surname}记烟酒副食"], L.PREPACKAGED_FILING),
    (C.CATERING, S.LARGE, 1, ["{place}{word}大酒店"], L.BUSINESS),
    (C.CATERING, S.MEDIUM, 6, ["{word}农家乐", "{place}{word}饭庄", "{surname}家{word}餐厅"], L.BUSINESS),
    (C.CATERING, S.SMALL_SCALE, 22, ["{surname}记{dish}馆", "{place}{dish}店", "{word}{dish}坊"], L.BUSINESS),
    (C.CANTEEN, S.SCHOOL, 6, ["{place}小学食堂", "{place}中心幼儿园食堂", "{place}中学食堂"], L.BUSINESS),
    (
        C.CANTEEN,
        S.GOVERNMENT,
        4,
        ["{township}人民政府机关食堂", "{township}卫生院食堂", "{township}派出所食堂"],
        L.BUSINESS,
    ),
    (C.CANTEEN, S.ELDERLY, 2, ["{township}敬老院食堂", "{place}互助老人幸福院食堂"], L.BUSINESS),
    (C.CANTEEN, S.ENTERPRISE, 1, ["{place}{word}公司职工食堂"], L.BUSINESS),
    (C.SMALL, S.WORKSHOP, 10, ["{surname}记{craft}作坊", "{place}{craft}加工坊"], L.SMALL_WORKSHOP),
    (C.SMALL, S.SHOP, 22, ["{surname}{given}小卖部", "{place}{surname}记小商店"], L.SMALL_BUSINESS),
    (C.SMALL, S.STALL, 14, ["{surname}{given}{snack}摊", "{place}{snack}摊点"], L.STALL_CARD),
    (C.SMALL, S.EATERY, 12, ["{surname}记{dish}小吃", "{place}{dish}小馆"], L.SMALL_BUSINESS),
]
WORDS = ["祥和", "丰源", "金穗", "福满", "康乐", "鑫达", "绿野", "兴隆", "惠民", "聚鑫", "顺发", "天润", "瑞丰", "和美"]
DISHES = ["牛肉面", "凉皮", "羊肉泡馍", "砂锅", "饺子", "炒面", "麻辣烫", "面片", "包子", "米粉"]
CRAFTS = ["豆腐", "挂面", "醋", "酿皮", "油坊", "粉条", "馍馍", "糕点"]
SNACKS = ["烤红薯", "凉粉", "油饼", "烧烤", "煎饼", "酿皮", "炒粉", "水果"]


@dataclass
class DemoCast:
    county: County
    townships: list
    users: dict


def _credit_code(rng, individual):
    prefix = "92" if individual else "91"
    body = prefix + AREA_CODE + "".join(rng.choice(CREDIT_CODE_CHARSET) for _ in range(9))
    return body + credit_code_check_digit(body)


def _id_number(rng):
    birth = datetime.date(1960, 1, 1) + datetime.timedelta(days=rng.randrange(0, 365 * 40))
    body = AREA_CODE + birth.strftime("%Y%m%d") + f"{rng.randrange(0, 1000):03d}"
    return body + id_card_check_digit(body)


def _phone(rng):
    return rng.choice(["139", "138", "137", "150", "151", "189", "180", "177"]) + f"{rng.randrange(0, 10**8):08d}"


def _person(rng):
    return rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice([1, 2])))


def _date(rng, start_year, end):
    start = datetime.date(start_year, 1, 1)
    return start + datetime.timedelta(days=rng.randrange(0, (end - start).days))


def seed_registry(rng: random.Random, today: datetime.date) -> DemoCast:
    county = County.objects.create(code=COUNTY_CODE, name="青山县", bureau_name="青山县市场监督管理局")
    townships = []
    for code, name, office, village_names in TOWNSHIPS:
        township = Township.objects.create(county=county, code=code, name=name, office_name=office)
        villages = [
            Village.objects.create(township=township, name=v, population=rng.randrange(900, 4200))
            for v in village_names
        ]
        townships.append((township, villages))

    users = _seed_users(county, [t for t, _ in townships])
    inspector_of = {t.code: users[f"{t.code}_jgy1"] for t, _ in townships}

    serial = 0
    for township, villages in townships:
        creator = inspector_of[township.code]
        markets = []
        for index, market_name in enumerate(
            [f"{township.name[:2]}农贸市场", f"{township.name[:2]}集贸市场"][: 1 + (township.code == "hongqiao")]
        ):
            serial += 1
            markets.append(
                Operator.objects.create(
                    township=township,
                    village=villages[0],
                    name=market_name,
                    category=C.MARKET,
                    subtype=S.FARMERS_MARKET if index == 0 else S.TRADING_MARKET,
                    credit_code=_credit_code(rng, False),
                    licence_kind=L.MARKET,
                    licence_no=f"SCKB{AREA_CODE}{serial:05d}",
                    address=f"{township.name}{villages[0].name}街道",
                    legal_representative=_person(rng),
                    phone=_phone(rng),
                    registered_on=_date(rng, 2012, datetime.date(2016, 1, 1)),
                    rapid_test_room=index == 0,
                    risk_level="C",
                    created_by=creator,
                )
            )
        for category, subtype, count, patterns, licence_kind in MIX:
            for _ in range(count + rng.randrange(0, 2)):
                serial += 1
                _create_operator(
                    rng, township, villages, markets, creator, category, subtype, patterns, licence_kind, serial, today
                )
        _seed_small_registries(rng, township, villages, creator)
    _seed_leading_groups(county, [t for t, _ in townships], users["admin"])
    return DemoCast(county=county, townships=[t for t, _ in townships], users=users)


def _create_operator(
    rng, township, villages, markets, creator, category, subtype, patterns, licence_kind, serial, today
):
    village = rng.choice(villages)
    name = rng.choice(patterns).format(
        place=village.name.removesuffix("村"),
        township=township.name,
        word=rng.choice(WORDS),
        surname=rng.choice(SURNAMES),
        given=rng.choice(GIVEN),
        dish=rng.choice(DISHES),
        craft=rng.choice(CRAFTS),
        snack=rng.choice(SNACKS),
    )
    is_company = category in (C.PRODUCER, C.WHOLESALE) or subtype in (S.SUPERMARKET, S.LARGE)
    is_caterer = category in (C.CATERING, C.CANTEEN) or subtype == S.EATERY
    registered_on = _date(rng, 2014, datetime.date(2026, 10, 31))
    issued = registered_on
    operator = Operator(
        township=township,
        village=village,
        name=name,
        category=category,
        subtype=subtype,
        market=rng.choice(markets) if category == C.RETAIL and subtype == S.GROCERY and rng.random() < 0.2 else None,
        credit_code=_credit_code(rng, not is_company) if category != C.CANTEEN and rng.random() < 0.9 else "",
        licence_kind=licence_kind,
        licence_no=_licence_no(licence_kind, serial),
        licence_issued_on=issued,
        licence_expires_on=issued + datetime.timedelta(days=5 * 365 - 1),
        legal_representative=_person(rng),
        phone=_phone(rng),
        address=f"{township.name}{village.name}{rng.randrange(1, 12)}社{rng.randrange(1, 90)}号",
        registered_on=registered_on,
        risk_level=_risk_level(rng, category, subtype),
        credit_level=rng.choices(["A", "B", "C"], weights=[80, 17, 3])[0],
        bright_kitchen=is_caterer and rng.random() < 0.85,
        transparent_workshop=category == C.PRODUCER and rng.random() < 0.7,
        sunshine_warehouse=category == C.WHOLESALE and rng.random() < 0.6,
        trace_platform=(category in (C.CATERING, C.RETAIL, C.CANTEEN, C.WHOLESALE) and rng.random() < 0.75)
        or (subtype == S.WORKSHOP and rng.random() < 0.5),
        fume_purifier=is_caterer and rng.random() < 0.6,
        clean_energy=is_caterer and rng.random() < 0.4,
        uses_lpg=is_caterer and rng.random() < 0.5,
        created_by=creator,
    )
    if category == C.PRODUCER and rng.random() < 0.35:
        operator.supervising_body = Operator.SupervisingBody.COUNTY
        operator.supervising_note = "县局稽查大队"
    if rng.random() < 0.45:
        start = datetime.date(2026, rng.randrange(1, 7), rng.randrange(1, 28))
        operator.insurance_policy_no = f"PICC{serial:08d}"
        operator.insurance_start = start
        operator.insurance_end = start.replace(year=start.year + 1) - datetime.timedelta(days=1)
    roll = rng.random()
    if roll < 0.05:
        operator.status = Operator.Status.CANCELLED
        operator.status_date = min(today, registered_on + datetime.timedelta(days=rng.randrange(60, 2000)))
    elif roll < 0.09:
        operator.status = Operator.Status.SUSPENDED
        operator.status_date = min(today, registered_on + datetime.timedelta(days=rng.randrange(30, 900)))
    operator.save()


def _licence_no(kind, serial):
    return {
        L.PRODUCTION: f"SC1{AREA_CODE}{serial:07d}",
        L.BUSINESS: f"JY1{AREA_CODE}{serial:07d}",
        L.PREPACKAGED_FILING: f"YB1{AREA_CODE}{serial:07d}",
        L.SMALL_WORKSHOP: f"XZF{AREA_CODE}{serial:05d}",
        L.SMALL_BUSINESS: f"XJY{AREA_CODE}{serial:05d}",
        L.STALL_CARD: f"TD{AREA_CODE}{serial:05d}",
    }[kind]


def _risk_level(rng, category, subtype):
    if subtype in (S.SCHOOL, S.LARGE, S.ELDERLY) or category == C.PRODUCER:
        return rng.choice("CD")
    if category in (C.CATERING, C.CANTEEN, C.WHOLESALE) or subtype == S.WORKSHOP:
        return rng.choice("BBC")
    return rng.choice("AAB")


def _seed_small_registries(rng, township, villages, creator):
    for village in villages:
        VillageCoordinator.objects.create(
            village=village,
            name=_person(rng),
            role=VillageCoordinator.Role.COORDINATOR,
            phone=_phone(rng),
            appointed_on=datetime.date(rng.choice([2019, 2020, 2021]), 3, 1),
            created_by=creator,
        )
        if rng.random() < 0.5:
            VillageCoordinator.objects.create(
                village=village,
                name=_person(rng),
                role=VillageCoordinator.Role.INFORMANT,
                phone=_phone(rng),
                appointed_on=datetime.date(2022, 1, 1),
                created_by=creator,
            )
    for _ in range(14 + rng.randrange(0, 6)):
        registered = _date(rng, 2018, datetime.date(2026, 9, 30))
        expires = datetime.date(2026, 1, 1) + datetime.timedelta(days=rng.randrange(0, 540))
        MobileChef.objects.create(
            township=township,
            village=rng.choice(villages),
            name=_person(rng),
            id_number=_id_number(rng),
            phone=_phone(rng),
            health_certificate_no=f"JK{rng.randrange(10**7, 10**8)}",
            health_certificate_expires_on=expires,
            training_certificate_no=f"PX{rng.randrange(10**6, 10**7)}",
            training_certificate_expires_on=expires + datetime.timedelta(days=365),
            registered_on=registered,
            created_by=creator,
        )
    plates = "ABCDEFG"
    for index in range(5 + rng.randrange(0, 4)):
        FoodTruck.objects.create(
            township=township,
            plate_no=f"甘G·{rng.choice(plates)}{rng.randrange(10000, 99999)}",
            owner=_person(rng),
            phone=_phone(rng),
            goods=rng.choice(["烤肠、饮料", "煎饼果子", "凉皮、凉面", "麻辣烫", "烤红薯"]),
            area=f"{township.name}集市及周边",
            gps_installed=index % 4 != 3,
            camera_installed=index % 4 != 3,
            registered_on=_date(rng, 2020, datetime.date(2026, 6, 30)),
            created_by=creator,
        )
    wholesalers = list(Operator.objects.filter(township=township, category=C.WHOLESALE))
    for _ in range(4 + rng.randrange(0, 3)):
        WholesaleVehicle.objects.create(
            township=township,
            plate_no=f"甘G·{rng.choice(plates)}{rng.randrange(10000, 99999)}",
            operator=rng.choice(wholesalers) if wholesalers else None,
            driver=_person(rng),
            phone=_phone(rng),
            vehicle_type=rng.choice(["厢式货车", "冷藏车", "轻型货车"]),
            registered_on=_date(rng, 2019, datetime.date(2026, 6, 30)),
            created_by=creator,
        )


# Leading groups (食品安全领导小组): (role, position, name) per jurisdiction; fixed names, so adding
# them draws nothing from the shared random generator and the rest of the demo stays as it was.
LG = LeadingGroupMember.Role
LEADING_GROUPS = {
    "": [
        (LG.LEADER, "县长", "钱志远"),
        (LG.DEPUTY, "副县长", "孙丽华"),
        (LG.DEPUTY, "县市场监督管理局局长", "赵建军"),
        (LG.MEMBER, "县教育局局长", "周文斌"),
        (LG.MEMBER, "县公安局副局长", "吴海涛"),
        (LG.MEMBER, "县农业农村局局长", "郑春生"),
        (LG.MEMBER, "县卫生健康局局长", "冯玉兰"),
    ],
    "hongqiao": [
        (LG.LEADER, "镇长", "王建国"),
        (LG.DEPUTY, "分管副镇长", "李秀英"),
        (LG.DEPUTY, "红桥市场监督管理所所长", "张明华"),
        (LG.MEMBER, "镇派出所所长", "刘志强"),
        (LG.MEMBER, "镇中心学校校长", "陈丽娟"),
        (LG.MEMBER, "镇卫生院院长", "杨伟"),
        (LG.MEMBER, "红桥村委会主任", "黄福贵"),
    ],
    "liuwan": [
        (LG.LEADER, "镇长", "马军平"),
        (LG.DEPUTY, "分管副镇长", "胡艳"),
        (LG.DEPUTY, "柳湾市场监督管理所所长", "郭涛"),
        (LG.MEMBER, "镇综合行政执法队队长", "何磊"),
        (LG.MEMBER, "镇中心学校校长", "高桂兰"),
    ],
}


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
                appointed_on=datetime.date(2023, 3, 1),
                created_by=creator,
            )


def _seed_users(county, townships):
    groups = {name: Group.objects.get(name=name) for name in (INSPECTOR, LEADER, ADMIN, OFFICE_HEAD, AUDITOR)}
    users = {}

    # Hashed once for every account: a million PBKDF2 rounds per user took seconds of the demo's load.
    password = make_password(DEMO_PASSWORD)

    def make(username, name, group, *, townships=(), county=None, staff=False, superuser=False):
        user = User.objects.create(
            username=username,
            password=password,
            name=name,
            county=county,
            is_staff=staff or superuser,
            is_superuser=superuser,
        )
        if group:
            user.groups.add(groups[group])
        user.townships.set(townships)
        users[username] = user
        return user

    make("admin", "系统管理员", ADMIN, county=county, staff=True, superuser=True)
    make("county_leader", "赵局长", LEADER, county=county)
    make("auditor", "钱审计", AUDITOR, county=county)
    for township in townships:
        make(f"{township.code}_jgy1", f"{township.name[0]}所长", INSPECTOR, townships=[township])
        make(f"{township.code}_jgy2", f"{township.name[0]}干事", INSPECTOR, townships=[township])
        make(f"{township.code}_leader", f"{township.name[:2]}镇长", LEADER, townships=[township])
    for township in townships:
        users[f"{township.code}_jgy1"].groups.add(groups[OFFICE_HEAD])  # 所长: also finalises the summaries
    for index, user in enumerate(u for u in users.values() if u.groups.filter(name=INSPECTOR).exists()):
        user.enforcement_id = f"62079900{index + 1:04d}"
        user.save(update_fields=["enforcement_id"])
    return users
