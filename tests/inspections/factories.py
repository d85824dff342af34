"""Factories of the ledgers: valid records, and only what a test needs."""

import datetime
from decimal import Decimal

import factory

from inspections.models import (
    Banquet,
    Campaign,
    Case,
    Complaint,
    ConfiscatedGoods,
    Inspection,
    Interview,
    Lecture,
    MajorEvent,
    ManualDistribution,
    PublicityEvent,
    RapidTest,
    RapidTestItem,
    Rectification,
    Sample,
    SampleDisposal,
    StudySession,
    Training,
)
from tests.factories import CountyFactory, OperatorFactory, TownshipFactory, VillageFactory


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    county = factory.SubFactory(CountyFactory)
    name = factory.Sequence(lambda n: f"专项整治{n}")
    start_date = datetime.date(2026, 1, 1)
    end_date = datetime.date(2026, 12, 31)


class InspectionFactory(factory.django.DjangoModelFactory):
    """A saved inspection without checklist or officers: for lists and figures, not for the rules."""

    class Meta:
        model = Inspection

    operator = factory.SubFactory(OperatorFactory)
    township = factory.SelfAttribute("operator.township")
    inspected_on = datetime.date(2026, 3, 1)
    kind = Inspection.Kind.ROUTINE
    result = Inspection.Result.PASS


class RectificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Rectification

    operator = factory.SubFactory(OperatorFactory)
    township = factory.SelfAttribute("operator.township")
    description = factory.Sequence(lambda n: f"问题{n}")
    opened_on = datetime.date(2026, 3, 1)
    deadline = datetime.date(2026, 3, 15)


class SampleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sample

    operator = factory.SubFactory(OperatorFactory)
    township = factory.SelfAttribute("operator.township")
    batch_no = factory.Sequence(lambda n: f"NCP2662079900{n:04d}")
    sampled_on = datetime.date(2026, 3, 2)
    sample_name = "挂面"
    food_category = Sample.FoodCategory.GRAIN
    sampling_body = "青山县市场监督管理局"
    testing_agency = "甘肃省食品检验研究院"
    result = Sample.Result.PASS
    report_date = datetime.date(2026, 3, 20)
    report_no = factory.Sequence(lambda n: f"SP2026{n:05d}")

    class Params:
        failed = factory.Trait(
            result=Sample.Result.FAIL,
            failing_item="脱氢乙酸及其钠盐",
            standard_value="不得使用",
            measured_value="0.126 g/kg",
        )
        pending = factory.Trait(result="", report_date=None, report_no="")


class SampleDisposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SampleDisposal

    sample = factory.SubFactory(SampleFactory, failed=True)
    township = factory.SelfAttribute("sample.township")


class RapidTestItemFactory(factory.django.DjangoModelFactory):
    """The standard items come from a data migration; get_or_create keeps tests independent of it."""

    class Meta:
        model = RapidTestItem
        django_get_or_create = ("name",)

    name = "农残"


class RapidTestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RapidTest

    operator = factory.SubFactory(OperatorFactory)
    township = factory.SelfAttribute("operator.township")
    tested_on = datetime.date(2026, 4, 8)
    sample_name = "小白菜"
    item = factory.SubFactory(RapidTestItemFactory)
    result = RapidTest.Result.PASS
    tester = "张检测"

    class Params:
        failed = factory.Trait(result=RapidTest.Result.FAIL, disposal="现场销毁5公斤")


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    township = factory.SubFactory(TownshipFactory)
    case_no = factory.Sequence(lambda n: f"青市监立〔2026〕{n}号")
    party = "某某药店"
    cause = "销售超过有效期的药品"
    filed_on = datetime.date(2026, 4, 1)


class ConfiscatedGoodsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConfiscatedGoods

    case = factory.SubFactory(CaseFactory)
    kind = ConfiscatedGoods.Kind.EXPIRED_FOOD
    quantity = Decimal("10")
    unit = ConfiscatedGoods.Unit.KG


class ComplaintFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Complaint

    township = factory.SubFactory(TownshipFactory)
    kind = Complaint.Kind.COMPLAINT
    channel = Complaint.Channel.HOTLINE_12315
    received_on = datetime.date(2026, 5, 11)
    subject = "流动摊贩"
    summary = "销售“三无”食品"


class BanquetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Banquet

    village = factory.SubFactory(VillageFactory)
    township = factory.SelfAttribute("village.township")
    host = "王五"
    occasion = Banquet.Occasion.WEDDING
    reported_on = datetime.date(2026, 4, 20)
    held_on = datetime.date(2026, 4, 26)
    tables = 20
    guests = 200


class ActivityFactory(factory.django.DjangoModelFactory):
    township = factory.SubFactory(TownshipFactory)
    held_on = datetime.date(2026, 4, 15)


class TrainingFactory(ActivityFactory):
    class Meta:
        model = Training

    topic = "餐饮服务食品安全操作规范培训"
    audience = Training.Audience.CATERING
    attendees = 40


class InterviewFactory(ActivityFactory):
    class Meta:
        model = Interview

    topic = "春节前集体约谈"
    interviewees = 12


class PublicityEventFactory(ActivityFactory):
    class Meta:
        model = PublicityEvent

    theme = PublicityEvent.Theme.SAFETY_WEEK
    materials = 500
    consultations = 80


class LectureFactory(ActivityFactory):
    class Meta:
        model = Lecture

    kind = Lecture.Kind.SCHOOL
    topic = "校园食品安全"
    venue = "甲镇中心小学"
    audience = 300


class ManualDistributionFactory(ActivityFactory):
    class Meta:
        model = ManualDistribution

    title = "《餐饮服务单位食品安全自律手册》"
    copies = 200


class StudySessionFactory(ActivityFactory):
    class Meta:
        model = StudySession

    topic = "集中学习《食品安全法》"
    attendees = 9


class MajorEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MajorEvent

    township = factory.SubFactory(TownshipFactory)
    name = "2026年高考考点食品安全保障"
    start_date = datetime.date(2026, 6, 7)
    end_date = datetime.date(2026, 6, 9)
