"""Demo activities: trainings, 约谈, publicity, lectures, manuals, study sessions, major events."""

import datetime

from ..models import Interview, Lecture, MajorEvent, ManualDistribution, PublicityEvent, Sample, StudySession, Training
from .common import YEAR_START, C, S, _day, _days, _inspectors, _operators, _save

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
