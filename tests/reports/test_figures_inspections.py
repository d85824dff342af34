"""Section 2 (inspections, scoring, rectification): values counted by hand from the records below.

甲镇, 2025. Operators: O1 grocery (no village), O2 restaurant, O3 and O4 school canteens,
O5 shop in 甲一村, O6 grocery cancelled 2025-06-01.
Inspections (officers):
 i1  O1 2025-01-01 routine (2), correction order      i7  O3 2025-09-10 routine (2)
 i2  O1 2025-12-31 双随机 (3), score notice            i8  O4 2025-04-01 routine (2)
 i3  O2 2024-12-31 routine (2) — before the period    i9  O5 2025-04-15 rural campaign (2)
 i4  O2 2026-01-01 routine (2) — after the period     i10 O6 2025-03-01 routine (2)
 i5  O2 2025-05-05 网上巡查 (1)                         i11 O1 2025-07-07 routine, voided
 i6  O3 2025-03-10 routine (2), opinion               i12 O1 2025-05-01 rural campaign (2), O1 has no village
乙镇: one school canteen inspected twice in spring and once in autumn 2025.
"""

import datetime

from inspections.models import Inspection, InspectionDocument, NegativeListEntry, ScoreRecord
from registry.models import Operator
from reports.figures import Period, Scope
from tests.base import CastTestCase
from tests.factories import OperatorFactory
from tests.inspections.factories import CampaignFactory, InspectionFactory, RectificationFactory

from .figure_checks import FigureAssertions, changed_on, entered_on

D = datetime.date
YEAR = Period.year(2025)
RURAL = "rural"


def inspect(operator, day, officers=2, **fields):
    names = "、".join(["张三", "李四", "王五", "赵六"][:officers])
    return InspectionFactory(operator=operator, inspected_on=day, other_officers=names, **fields)


def document(inspection, kind, day):
    return InspectionDocument.objects.create(inspection=inspection, kind=kind, issued_on=day)


class InspectionFiguresTests(FigureAssertions, CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        a, b = cls.township_a, cls.township_b
        grocery = {"category": Operator.Category.RETAIL, "subtype": Operator.Subtype.GROCERY}
        school = {"category": Operator.Category.CANTEEN, "subtype": Operator.Subtype.SCHOOL}
        cls.o1 = entered_on(OperatorFactory(township=a, name="O1", **grocery), D(2020, 1, 1))
        cls.o2 = OperatorFactory(
            township=a, name="O2", category=Operator.Category.CATERING, subtype=Operator.Subtype.SMALL_SCALE
        )
        cls.o3 = OperatorFactory(township=a, name="O3", village=cls.village_a, **school)
        cls.o4 = OperatorFactory(township=a, name="O4", **school)
        cls.o5 = OperatorFactory(township=a, name="O5", village=cls.village_a, **grocery)
        cls.o6 = OperatorFactory(township=a, name="O6", status="cancelled", status_date=D(2025, 6, 1), **grocery)
        rural = CampaignFactory(
            county=cls.county,
            name="农村假冒伪劣食品整治",
            theme=RURAL,
            start_date=D(2025, 4, 1),
            end_date=D(2025, 6, 30),
        )
        CampaignFactory(
            county=cls.county, township=a, name="甲镇九月整治", start_date=D(2025, 9, 1), end_date=D(2025, 9, 30)
        )
        CampaignFactory(
            county=cls.county, township=b, name="乙镇整治", start_date=D(2025, 3, 1), end_date=D(2025, 3, 31)
        )
        CampaignFactory(county=cls.county, name="2024年整治", start_date=D(2024, 3, 1), end_date=D(2024, 3, 31))

        i1 = inspect(cls.o1, D(2025, 1, 1))
        document(i1, InspectionDocument.Kind.CORRECTION_ORDER, D(2025, 1, 1))
        i2 = inspect(cls.o1, D(2025, 12, 31), officers=3, kind=Inspection.Kind.RANDOM)
        document(i2, InspectionDocument.Kind.SCORE_NOTICE, D(2025, 12, 31))
        i3 = inspect(cls.o2, D(2024, 12, 31))
        document(i3, InspectionDocument.Kind.CORRECTION_ORDER, D(2024, 12, 31))
        i4 = inspect(cls.o2, D(2026, 1, 1))
        document(i4, InspectionDocument.Kind.SCORE_NOTICE, D(2026, 1, 1))
        inspect(cls.o2, D(2025, 5, 5), officers=1, kind=Inspection.Kind.ONLINE)
        i6 = inspect(cls.o3, D(2025, 3, 10))
        document(i6, InspectionDocument.Kind.OPINION, D(2025, 3, 10))
        inspect(cls.o3, D(2025, 9, 10))
        inspect(cls.o4, D(2025, 4, 1))
        inspect(cls.o5, D(2025, 4, 15), kind=Inspection.Kind.SPECIAL, campaign=rural)
        inspect(cls.o6, D(2025, 3, 1))
        i11 = inspect(cls.o1, D(2025, 7, 7))
        document(i11, InspectionDocument.Kind.OPINION, D(2025, 7, 7))
        i11.void(by=cls.inspector_a, reason="重复录入")
        inspect(cls.o1, D(2025, 5, 1), kind=Inspection.Kind.SPECIAL, campaign=rural)

        school_b = OperatorFactory(township=b, name="乙校", **school)
        for day in (D(2025, 3, 1), D(2025, 5, 1), D(2025, 10, 1)):
            inspect(school_b, day)

        RectificationFactory(
            operator=cls.o1, opened_on=D(2025, 1, 1), deadline=D(2025, 1, 15), status="closed", closed_on=D(2025, 1, 10)
        )
        RectificationFactory(
            operator=cls.o1,
            opened_on=D(2024, 12, 1),
            deadline=D(2024, 12, 20),
            status="closed",
            closed_on=D(2025, 2, 1),
        )
        RectificationFactory(operator=cls.o2, opened_on=D(2025, 11, 1), deadline=D(2025, 11, 30))
        RectificationFactory(operator=cls.o2, opened_on=D(2025, 12, 15), deadline=D(2026, 1, 15))
        RectificationFactory(
            operator=cls.o3, opened_on=D(2025, 6, 1), deadline=D(2025, 6, 30), status="closed", closed_on=D(2026, 1, 5)
        )
        RectificationFactory(operator=cls.o3, opened_on=D(2025, 3, 1), deadline=D(2025, 3, 5)).void(
            by=cls.inspector_a, reason="录错"
        )
        RectificationFactory(operator=cls.o4, opened_on=D(2025, 12, 31), deadline=D(2025, 12, 31))

        score = {"township": a, "reason": "检查发现问题"}
        ScoreRecord.objects.create(operator=cls.o1, scored_on=D(2025, 12, 31), points=4, **score)
        ScoreRecord.objects.create(operator=cls.o1, scored_on=D(2025, 3, 1), points=2, **score)
        ScoreRecord.objects.create(operator=cls.o2, scored_on=D(2024, 12, 31), points=6, **score)
        ScoreRecord.objects.create(operator=cls.o2, scored_on=D(2025, 6, 1), points=9, **score).void(
            by=cls.inspector_a, reason="录错"
        )
        changed_on(cls.o1, D(2026, 2, 1), credit_level="B", risk_level="C")

        listing = {"township": a, "reason": "累计记分达到24分"}
        NegativeListEntry.objects.create(operator=cls.o2, listed_on=D(2025, 6, 1), **listing)
        NegativeListEntry.objects.create(
            operator=cls.o1, listed_on=D(2024, 1, 1), removed_on=D(2025, 12, 31), removal_reason="整改到位", **listing
        )
        NegativeListEntry.objects.create(operator=cls.o3, listed_on=D(2026, 1, 1), **listing)

    def test_inspections_and_documents(self):
        self.assertFigures(
            Scope.township(self.township_a),
            YEAR,
            {
                "inspections": 8,
                "operators_inspected": 4,
                "operators_total": 5,
                "inspection_coverage_pct": 80.0,
                "officer_turnouts": 17,
                "score_notices": 1,
                "correction_orders": 1,
                "inspection_opinions": 1,
                "online_inspections": 1,
                "random_checks": 1,
                "schools_inspected": 2,
                "rural_shops_inspected": 1,
            },
        )

    def test_fewest_inspections_of_a_school_canteen_in_a_term(self):
        # 甲镇: O4 had none in the autumn term; 乙镇's school had 2 in spring and 1 in autumn.
        self.assertFigures(Scope.township(self.township_a), YEAR, {"school_inspections_min_per_term": 0})
        self.assertFigures(Scope.township(self.township_b), YEAR, {"school_inspections_min_per_term": 1})
        self.assertFigures(Scope.county(self.county), YEAR, {"school_inspections_min_per_term": 0})

    def test_hazards(self):
        self.assertFigures(
            Scope.township(self.township_a),
            YEAR,
            {"hazards_listed": 5, "hazards_closed": 2, "hazards_overdue": 2},
        )

    def test_campaigns_scores_and_the_negative_list(self):
        self.assertFigures(
            Scope.township(self.township_a),
            YEAR,
            {
                "campaigns": [
                    {
                        "pk": self.campaign_pk("农村假冒伪劣食品整治"),
                        "name": "农村假冒伪劣食品整治",
                        "start_date": "2025-04-01",
                        "end_date": "2025-06-30",
                        "inspection_count": 2,
                    },
                    {
                        "pk": self.campaign_pk("甲镇九月整治"),
                        "name": "甲镇九月整治",
                        "start_date": "2025-09-01",
                        "end_date": "2025-09-30",
                        "inspection_count": 0,
                    },
                ],
                "score_ledger": [
                    {
                        "operator": "O1",
                        "township": "甲镇",
                        "points": 6,
                        "scores": 2,
                        "credit_level": "A",
                        "risk_level": "B",
                    }
                ],
                "negative_list": [{"operator": "O2", "listed_on": "2025-06-01", "reason": "累计记分达到24分"}],
            },
        )

    def test_the_county_adds_its_townships(self):
        values = self.assertFigures(Scope.county(self.county), YEAR, {"inspections": 11, "officer_turnouts": 23})
        self.assertEqual(values["inspections"].by_township, {self.township_a.pk: 8, self.township_b.pk: 3})

    def campaign_pk(self, name):
        from inspections.models import Campaign

        return Campaign.objects.get(name=name).pk
