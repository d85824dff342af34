"""Section 1 (registry, stock): each value below was counted by hand from the records listed.

Township 甲镇 at 2025-12-31 (the period end):
 1 P1 producer, 透明车间          10 SE1 小餐饮, 明厨亮灶 until 2026-05, 液化气, certificate 2024
 2 P2 producer, supervised by 县局  11 SW1 小作坊 registered 2025-01-01, 追溯, certificate 2025-03
 3 W1 wholesaler, 阳光仓储          12 ST1 小摊点 cancelled 2025-12-31 (not active), certificate 2019
 4 R1 supermarket, 追溯             13 M1 market with a rapid-test room
 5 R2 grocery, policy of 2024 only  14 R3 grocery registered 2026-01-01 (not yet)
 6 C1 large catering: 明厨亮灶, 油烟净化, 液化气, 追溯, insured all of 2025
 7 C2 small catering, 清洁能源       15 C3 medium catering registered 2025-12-31
 8 S1 school canteen, 明厨亮灶 switched on 2025-06-01
 9 E1 elderly canteen               16 R4 grocery, voided (never counted)
17 G1 government canteen, 明厨亮灶 switched on 2026-03-01 (after the period)
18 SS1 小经营店 cancelled 2026-01-01 (still active at the period end)
Township 乙镇: P3 producer; C4 small catering with 明厨亮灶.
"""

import datetime

from django.utils import timezone

from registry.models import Operator
from reports.figures import Period, Scope
from tests.base import CastTestCase
from tests.factories import (
    FoodTruckFactory,
    MobileChefFactory,
    OperatorFactory,
    VillageCoordinatorFactory,
    VillageFactory,
    WholesaleVehicleFactory,
)

from .figure_checks import FigureAssertions, changed_on, entered_on

D = datetime.date
C = Operator.Category
S = Operator.Subtype
YEAR = Period.year(2025)
LONG_AGO = D(2020, 1, 1)


def operator(township, category, subtype="", registered=LONG_AGO, entered=None, **fields):
    record = OperatorFactory(township=township, category=category, subtype=subtype, registered_on=registered, **fields)
    return entered_on(record, entered or registered)


class RegistryFiguresTests(FigureAssertions, CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        a, b = cls.township_a, cls.township_b
        operator(a, C.PRODUCER, transparent_workshop=True)
        operator(a, C.PRODUCER, name="县管食品厂", supervising_body="county", supervising_note="县局稽查大队")
        operator(a, C.WHOLESALE, sunshine_warehouse=True)
        operator(a, C.RETAIL, S.SUPERMARKET, trace_platform=True)
        operator(
            a,
            C.RETAIL,
            S.GROCERY,
            insurance_start=D(2024, 1, 1),
            insurance_end=D(2024, 12, 31),
            insurance_policy_no="P1",
        )
        operator(
            a,
            C.CATERING,
            S.LARGE,
            bright_kitchen=True,
            fume_purifier=True,
            uses_lpg=True,
            trace_platform=True,
            insurance_start=D(2025, 1, 1),
            insurance_end=D(2025, 12, 31),
            insurance_policy_no="P2",
        )
        operator(a, C.CATERING, S.SMALL_SCALE, clean_energy=True)
        changed_on(operator(a, C.CANTEEN, S.SCHOOL), D(2025, 6, 1), bright_kitchen=True)
        operator(a, C.CANTEEN, S.ELDERLY)
        changed_on(
            operator(a, C.SMALL, S.EATERY, bright_kitchen=True, uses_lpg=True, licence_issued_on=D(2024, 5, 1)),
            D(2026, 5, 1),
            bright_kitchen=False,
        )
        operator(a, C.SMALL, S.WORKSHOP, registered=D(2025, 1, 1), trace_platform=True, licence_issued_on=D(2025, 3, 1))
        operator(a, C.SMALL, S.STALL, status="cancelled", status_date=D(2025, 12, 31), licence_issued_on=D(2019, 6, 1))
        operator(a, C.MARKET, S.FARMERS_MARKET, rapid_test_room=True)
        operator(a, C.RETAIL, S.GROCERY, registered=D(2026, 1, 1))
        operator(a, C.CATERING, S.MEDIUM, registered=D(2025, 12, 31))
        operator(a, C.RETAIL, S.GROCERY).void(by=cls.inspector_a, reason="重复登记")
        changed_on(operator(a, C.CANTEEN, S.GOVERNMENT), D(2026, 3, 1), bright_kitchen=True)
        operator(a, C.SMALL, S.SHOP, status="cancelled", status_date=D(2026, 1, 1))
        operator(b, C.PRODUCER)
        operator(b, C.CATERING, S.SMALL_SCALE, bright_kitchen=True)

        MobileChefFactory(township=a, registered_on=D(2021, 1, 1))
        MobileChefFactory(township=a, registered_on=D(2025, 12, 31))
        MobileChefFactory(township=a, registered_on=D(2021, 1, 1), status="cancelled", status_date=D(2025, 6, 1))
        MobileChefFactory(township=b, registered_on=D(2026, 1, 2))
        FoodTruckFactory(township=a, gps_installed=True, camera_installed=True)
        FoodTruckFactory(township=a, gps_installed=True)
        truck = entered_on(FoodTruckFactory(township=a, gps_installed=True), D(2021, 1, 1))
        changed_on(truck, D(2026, 2, 1), camera_installed=True)
        WholesaleVehicleFactory(township=a)
        WholesaleVehicleFactory(township=a, registered_on=D(2026, 1, 5))
        cls.village_a.population = 2500
        cls.village_a.save()
        VillageFactory(township=a, name="甲二村", population=1500)
        VillageCoordinatorFactory(village=cls.village_a)
        VillageCoordinatorFactory(village=cls.village_a, left_on=D(2025, 12, 31))
        VillageCoordinatorFactory(village=cls.village_a, appointed_on=D(2026, 1, 1))
        VillageCoordinatorFactory(village=cls.village_b)

    def test_township_counts_at_the_period_end(self):
        self.assertFigures(
            Scope.township(self.township_a),
            YEAR,
            {
                "operators_total": 15,
                "producers": 2,
                "wholesalers": 1,
                "retailers": 2,
                "supermarkets": 1,
                "grocery_stores": 1,
                "caterers": 6,
                "caterers_public": 3,
                "caterers_large": 1,
                "caterers_medium": 1,
                "caterers_small": 1,
                "canteens_school": 1,
                "canteens_government": 1,
                "canteens_elderly": 1,
                "small_total": 3,
                "small_workshops": 1,
                "small_shops": 1,
                "small_stalls": 0,
                "small_eateries": 1,
                "markets": 1,
                "mobile_chefs": 2,
                "food_trucks": 3,
                "food_trucks_gps": 1,
                "wholesale_vehicles": 1,
                "villages": 2,
                "population": 4000,
                "village_coordinators": 1,
                "market_rapid_test_sites": 1,
            },
        )

    def test_flags_read_as_they_were_at_the_period_end(self):
        # 明厨亮灶 on 2025-12-31: C1, S1 (switched on in June) and SE1 (switched off only in 2026);
        # G1 switched on in 2026 does not count for 2025.
        self.assertFigures(
            Scope.township(self.township_a),
            YEAR,
            {
                "bright_kitchen": 3,
                "bright_kitchen_base": 7,
                "bright_kitchen_pct": 42.9,
                "transparent_workshop": 1,
                "transparent_workshop_pct": 50.0,
                "sunshine_warehouse": 1,
                "sunshine_warehouse_pct": 100.0,
                "trace_platform": 3,
                "trace_platform_base": 9,
                "trace_platform_pct": 33.3,
                "fume_purifiers": 2,
                "insured": 1,
                "lpg_users": 2,
                "small_certificates_issued": 3,
            },
        )

    def test_lists(self):
        self.assertFigures(
            Scope.township(self.township_a),
            YEAR,
            {
                "producers_supervised_by_county": [{"name": "县管食品厂", "supervising_note": "县局稽查大队"}],
                "new_registrations": [{"kind": "餐饮服务（社会餐饮）", "count": 1}, {"kind": "小作坊", "count": 1}],
            },
        )

    def test_today_reads_the_current_flags(self):
        # From today on the current records are the state: G1 now has 明厨亮灶, SE1 no longer.
        today = timezone.localdate()
        this_year = Period(D(today.year, 1, 1), today)
        self.assertFigures(Scope.township(self.township_a), this_year, {"bright_kitchen": 3, "food_trucks_gps": 2})

    def test_the_county_is_the_sum_of_its_townships_and_ratios_are_recomputed(self):
        values = self.assertFigures(
            Scope.county(self.county),
            YEAR,
            {
                "operators_total": 17,
                "producers": 3,
                "caterers": 7,
                "bright_kitchen": 4,
                "bright_kitchen_base": 8,
                "bright_kitchen_pct": 50.0,
                "transparent_workshop_pct": 33.3,
                "sunshine_warehouse_pct": 100.0,
                "mobile_chefs": 2,
                "villages": 3,
                "village_coordinators": 2,
            },
        )
        self.assertEqual(values["operators_total"].by_township, {self.township_a.pk: 15, self.township_b.pk: 2})
        # 乙镇 has no wholesaler: no percentage rather than 0 % or 100 %.
        self.assertIsNone(values["sunshine_warehouse_pct"].share(self.township_b.pk))
        self.assertEqual(values["sunshine_warehouse_pct"].share_display(self.township_b.pk), "—")
        self.assertEqual(str(values["bright_kitchen_pct"].share(self.township_b.pk)), "100.0")

    def test_zero_denominator_gives_no_percentage(self):
        values = self.assertFigures(Scope.township(self.township_b), YEAR, {"sunshine_warehouse_pct": None})
        self.assertEqual(values["sunshine_warehouse_pct"].display, "—")
