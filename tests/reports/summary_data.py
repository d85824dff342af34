"""A township's year of records for the summary tests: a little of every ledger, dated in `year`.

`scale` multiplies the activity so that two townships (or two years) differ; `sampling=False`
leaves out every sampling and rapid-test record, for the rule that a year without them has no
sampling sentence.
"""

import datetime
from decimal import Decimal

from inspections.models import Case, Inspection, Lecture, PublicityEvent
from registry.models import LeadingGroupMember, Operator
from tests.factories import MobileChefFactory, OperatorFactory, VillageCoordinatorFactory, VillageFactory
from tests.inspections import factories as ledgers

C, S = Operator.Category, Operator.Subtype


def registry(township, *, registered=datetime.date(2020, 1, 1)):
    """Operators of several categories, a village with a coordinator, a chef, the leading group."""
    village = VillageFactory(township=township, name=f"{township.name}一村", population=2000)
    operators = [
        OperatorFactory(township=township, village=village, category=C.PRODUCER, subtype="", registered_on=registered),
        OperatorFactory(
            township=township, village=village, category=C.RETAIL, subtype=S.GROCERY, registered_on=registered
        ),
        OperatorFactory(
            township=township, category=C.CATERING, subtype=S.MEDIUM, registered_on=registered, bright_kitchen=True
        ),
        OperatorFactory(township=township, category=C.CANTEEN, subtype=S.SCHOOL, registered_on=registered),
        OperatorFactory(township=township, category=C.SMALL, subtype=S.WORKSHOP, registered_on=registered),
    ]
    VillageCoordinatorFactory(village=village, appointed_on=registered)
    MobileChefFactory(township=township, registered_on=registered)
    for role, position, name in (
        (LeadingGroupMember.Role.LEADER, "镇长", f"{township.name[0]}镇长"),
        (LeadingGroupMember.Role.DEPUTY, "分管副镇长", f"{township.name[0]}副镇长"),
        (LeadingGroupMember.Role.MEMBER, "派出所所长", f"{township.name[0]}所长"),
    ):
        LeadingGroupMember.objects.create(
            county=township.county,
            township=township,
            role=role,
            position=position,
            name=name,
            appointed_on=registered,
        )
    return village, operators


def year_of_records(township, village, operators, year, *, scale=1, sampling=True):
    def day(month, d=10):
        return datetime.date(year, month, d)

    shop, school = operators[1], operators[3]
    campaign = ledgers.CampaignFactory(
        county=township.county,
        township=township,
        name=f"{year}年春季校园食品安全专项检查",
        start_date=day(3, 1),
        end_date=day(4, 30),
    )
    for index in range(3 * scale):
        ledgers.InspectionFactory(
            operator=operators[index % len(operators)],
            inspected_on=day(3 + index % 6),
            other_officers="王一、李二",
            campaign=campaign if index == 0 else None,
        )
    ledgers.InspectionFactory(operator=school, inspected_on=day(9), other_officers="王一、李二")
    ledgers.InspectionFactory(operator=shop, inspected_on=day(5), kind=Inspection.Kind.ONLINE, other_officers="王一")
    ledgers.RectificationFactory(operator=shop, opened_on=day(3), deadline=day(3, 20))
    if sampling:
        ledgers.SampleFactory(operator=shop, sampled_on=day(4))
        ledgers.SampleFactory(operator=shop, sampled_on=day(5), failed=True)
        ledgers.RapidTestFactory(operator=shop, tested_on=day(6))
    case = ledgers.CaseFactory(
        township=township,
        filed_on=day(4),
        decided_on=day(6),
        closed_on=day(7),
        fine=Decimal("2000.00") * scale,
        domain=Case.Domain.FOOD,
    )
    ledgers.ConfiscatedGoodsFactory(case=case, quantity=Decimal("12.5"))
    ledgers.ComplaintFactory(township=township, received_on=day(5))
    ledgers.BanquetFactory(village=village, held_on=day(4, 26), reported_on=day(4, 20), guests=150 * scale)
    ledgers.TrainingFactory(township=township, held_on=day(4), attendees=30 * scale)
    ledgers.InterviewFactory(township=township, held_on=day(4), interviewees=10)
    ledgers.PublicityEventFactory(township=township, held_on=day(3, 15), theme=PublicityEvent.Theme.CONSUMER_DAY)
    ledgers.LectureFactory(township=township, held_on=day(5), kind=Lecture.Kind.SCHOOL)
    ledgers.ManualDistributionFactory(township=township, held_on=day(3))
    ledgers.StudySessionFactory(township=township, held_on=day(3))
    ledgers.MajorEventFactory(
        township=township, name=f"{township.name}{year}年民俗文化节", start_date=day(5, 8), end_date=day(5, 8)
    )
