"""Rules every figure keeps: voided records never count, the query count does not grow with the data."""

import datetime
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from inspections.models import InspectionDocument, NegativeListEntry, ScoreRecord
from reports import figures as catalogue
from reports.figures import Period, Scope
from tests.base import CastTestCase
from tests.factories import (
    FoodTruckFactory,
    MobileChefFactory,
    OperatorFactory,
    VillageCoordinatorFactory,
    WholesaleVehicleFactory,
)
from tests.inspections.factories import (
    BanquetFactory,
    CampaignFactory,
    CaseFactory,
    ComplaintFactory,
    ConfiscatedGoodsFactory,
    InspectionFactory,
    InterviewFactory,
    LectureFactory,
    MajorEventFactory,
    ManualDistributionFactory,
    PublicityEventFactory,
    RapidTestFactory,
    RectificationFactory,
    SampleDisposalFactory,
    SampleFactory,
    StudySessionFactory,
    TrainingFactory,
)

D = datetime.date
YEAR = Period.year(2025)


def one_of_every_ledger(township, village, operator, county):
    """A record of every ledger dated inside 2025, each of which some figure counts."""
    day = {"held_on": D(2025, 5, 1)}
    inspection = InspectionFactory(operator=operator, inspected_on=D(2025, 5, 1), other_officers="张三、李四")
    document = InspectionDocument.objects.create(
        inspection=inspection, kind=InspectionDocument.Kind.SCORE_NOTICE, issued_on=D(2025, 5, 1)
    )
    sample = SampleFactory(operator=operator, sampled_on=D(2025, 5, 1), report_date=D(2025, 5, 20), failed=True)
    case = CaseFactory(
        township=township, operator=operator, filed_on=D(2025, 5, 1), decided_on=D(2025, 5, 2), fine=Decimal(100)
    )
    ConfiscatedGoodsFactory(case=case)
    records = [
        OperatorFactory(
            township=township,
            registered_on=D(2025, 5, 1),
            category="catering",
            subtype="small_scale",
            bright_kitchen=True,
        ),
        MobileChefFactory(township=township),
        FoodTruckFactory(township=township, gps_installed=True, camera_installed=True),
        WholesaleVehicleFactory(township=township),
        VillageCoordinatorFactory(village=village),
        inspection,
        RectificationFactory(operator=operator, opened_on=D(2025, 5, 1), deadline=D(2025, 5, 10)),
        CampaignFactory(county=county, start_date=D(2025, 5, 1), end_date=D(2025, 5, 31)),
        ScoreRecord.objects.create(township=township, operator=operator, scored_on=D(2025, 5, 1), points=2, reason="x"),
        NegativeListEntry.objects.create(township=township, operator=operator, listed_on=D(2025, 5, 1), reason="x"),
        SampleDisposalFactory(sample=sample, withdrawn_on=D(2025, 5, 21), case=case, completed_on=D(2025, 5, 22)),
        sample,
        RapidTestFactory(operator=operator, tested_on=D(2025, 5, 1)),
        case,
        TrainingFactory(township=township, **day),
        InterviewFactory(township=township, **day),
        PublicityEventFactory(township=township, **day),
        LectureFactory(township=township, **day),
        ManualDistributionFactory(township=township, **day),
        StudySessionFactory(township=township, **day),
        ComplaintFactory(township=township, received_on=D(2025, 5, 1)),
        BanquetFactory(village=village, reported_on=D(2025, 5, 1), held_on=D(2025, 5, 2), inspected=True),
        MajorEventFactory(township=township, start_date=D(2025, 5, 1), end_date=D(2025, 5, 1)),
    ]
    return records, document


def all_values(scope, period):
    return {key: value.json for key, value in catalogue.values(scope, period).items()}


class VoidedRecordsTests(CastTestCase):
    def test_a_voided_record_of_any_ledger_is_never_counted(self):
        operator = OperatorFactory(township=self.township_a)
        scope = Scope.township(self.township_a)
        before = all_values(scope, YEAR)
        records, _ = one_of_every_ledger(self.township_a, self.village_a, operator, self.county)
        counted = all_values(scope, YEAR)
        for key in (
            "operators_total",
            "bright_kitchen",
            "new_registrations",
            "mobile_chefs",
            "food_trucks_gps",
            "wholesale_vehicles",
            "village_coordinators",
            "inspections",
            "officer_turnouts",
            "score_notices",
            "hazards_listed",
            "campaigns",
            "score_ledger",
            "negative_list",
            "samples_failed",
            "failed_disposed",
            "rapid_tests",
            "cases_filed",
            "fines_total",
            "confiscated",
            "trainings",
            "interviews",
            "publicity_events",
            "school_lectures",
            "manuals_distributed",
            "staff_study_sessions",
            "complaints",
            "collective_dinners",
            "events_assured",
        ):
            self.assertNotEqual(counted[key], before[key], f"{key} does not count its ledger")
        for record in records:
            record.void(by=self.inspector_a, reason="录入错误")
        self.assertEqual(all_values(scope, YEAR), before)


class QueryCountTests(CastTestCase):
    def queries_for_all_figures(self, scope):
        with CaptureQueriesContext(connection) as queries:
            catalogue.values(scope, YEAR)
        return len(queries)

    def test_all_figures_take_the_same_queries_whatever_the_number_of_records(self):
        scope = Scope.county(self.county)
        operator = OperatorFactory(township=self.township_a)
        one_of_every_ledger(self.township_a, self.village_a, operator, self.county)
        few = self.queries_for_all_figures(scope)
        for township, village in ((self.township_a, self.village_a), (self.township_b, self.village_b)):
            for _ in range(3):
                one_of_every_ledger(township, village, OperatorFactory(township=township), self.county)
        self.assertEqual(self.queries_for_all_figures(scope), few)
        self.assertLessEqual(few, 40)
