"""Sections 3 and 4 (sampling, rapid tests, cases): values counted by hand from the records below.

甲镇 2025 (甲一村 2,500 residents). Samples:
 sm1 2025-01-01 合格           sm4 2025-12-31 待出结果
 sm2 2025-03-01 不合格: case filed 2025-04-01, penalty 2025-06-01, disposal completed 2025-05-01
 sm3 2025-11-01 不合格: case filed 2025-12-01 (no penalty yet), disposal completed 2026-01-10
 sm5 2024-12-31 合格 (before)  sm6 2025-02-01 不合格, voided
Rapid tests: 农残 合格, 农残 不合格, 亚硝酸盐 合格 (2025); 农残 2024; one voided.
Cases: c1 filed 2025-01-05, decided 2025-02-01 (5,000 fine + 200 confiscated money), closed 2025-03-01,
  goods 10 kg + 5.5 kg expired food, 3 板 drugs; c2 filed 2024-12-20, decided 2025-01-10 (1,000 +
  500 on a person), closed 2025-01-20; c3 (drugs) filed 2025-12-31, to police 2026-01-03; c4 filed
  2025-06-01, to police with no date; c5 filed 2025-05-01, 9,999 fine, voided; c6 filed 2025-11-01,
  decided 2026-01-05 (800).
"""

import datetime
from decimal import Decimal

from inspections.models import Case
from reports.figures import Period, Scope
from tests.base import CastTestCase
from tests.factories import OperatorFactory
from tests.inspections.factories import (
    CaseFactory,
    ConfiscatedGoodsFactory,
    RapidTestFactory,
    RapidTestItemFactory,
    SampleDisposalFactory,
    SampleFactory,
)

from .figure_checks import FigureAssertions

D = datetime.date
YEAR = Period.year(2025)


class SamplingFiguresTests(FigureAssertions, CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        a = cls.township_a
        cls.village_a.population = 2500
        cls.village_a.save()
        shop = OperatorFactory(township=a)
        sample = {"operator": shop}
        SampleFactory(sampled_on=D(2025, 1, 1), report_date=D(2025, 1, 20), **sample)
        sm2 = SampleFactory(sampled_on=D(2025, 3, 1), report_date=D(2025, 3, 20), failed=True, **sample)
        case2 = CaseFactory(
            township=a, operator=shop, filed_on=D(2025, 4, 1), decided_on=D(2025, 6, 1), fine=Decimal(300)
        )
        SampleDisposalFactory(sample=sm2, withdrawn_on=D(2025, 3, 25), case=case2, completed_on=D(2025, 5, 1))
        sm3 = SampleFactory(sampled_on=D(2025, 11, 1), report_date=D(2025, 11, 20), failed=True, **sample)
        case3 = CaseFactory(township=a, operator=shop, filed_on=D(2025, 12, 1))
        SampleDisposalFactory(sample=sm3, withdrawn_on=D(2025, 11, 25), case=case3, completed_on=D(2026, 1, 10))
        SampleFactory(sampled_on=D(2025, 12, 31), pending=True, **sample)
        SampleFactory(sampled_on=D(2024, 12, 31), report_date=D(2025, 1, 10), **sample)
        SampleFactory(sampled_on=D(2025, 2, 1), report_date=D(2025, 2, 20), failed=True, **sample).void(
            by=cls.inspector_a, reason="重复"
        )

        pesticide = RapidTestItemFactory(name="农残")
        nitrite = RapidTestItemFactory(name="亚硝酸盐")
        test = {"operator": shop, "tested_on": D(2025, 4, 8)}
        RapidTestFactory(item=pesticide, **test)
        RapidTestFactory(item=pesticide, failed=True, **test)
        RapidTestFactory(item=nitrite, **test)
        RapidTestFactory(item=pesticide, operator=shop, tested_on=D(2024, 4, 8))
        RapidTestFactory(item=nitrite, **test).void(by=cls.inspector_a, reason="重复")

    def test_sampling(self):
        self.assertFigures(
            Scope.township(self.township_a),
            YEAR,
            {
                "samples": 4,
                "samples_failed": 2,
                "samples_with_result": 3,
                "samples_passed": 1,
                "samples_pass_pct": 33.3,
                "population": 2500,
                "samples_per_thousand": 1.6,
                "failed_disposed": 1,
                "failed_disposed_pct": 50.0,
                "failed_case_filed": 2,
                "failed_case_pct": 100.0,
                "failed_penalised": 1,
                "failed_penalty_pct": 50.0,
            },
        )

    def test_a_township_without_samples_has_no_rates(self):
        self.assertFigures(
            Scope.township(self.township_b),
            YEAR,
            {"samples": 0, "samples_pass_pct": None, "failed_disposed_pct": None, "samples_per_thousand": 0.0},
        )

    def test_rapid_tests_by_item(self):
        self.assertFigures(
            Scope.township(self.township_a),
            YEAR,
            {
                "rapid_tests": 3,
                "rapid_tests_failed": 1,
                "rapid_tests_by_item": [
                    {"item": "农残", "tests": 2, "failed": 1},
                    {"item": "亚硝酸盐", "tests": 1, "failed": 0},
                ],
            },
        )


class EnforcementFiguresTests(FigureAssertions, CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        a, b = cls.township_a, cls.township_b
        c1 = CaseFactory(
            township=a,
            filed_on=D(2025, 1, 5),
            decided_on=D(2025, 2, 1),
            fine=Decimal("5000"),
            confiscated_money=Decimal("200"),
            closed_on=D(2025, 3, 1),
        )
        ConfiscatedGoodsFactory(case=c1, kind="expired_food", quantity=Decimal("10"), unit="kg")
        ConfiscatedGoodsFactory(case=c1, kind="expired_food", quantity=Decimal("5.5"), unit="kg")
        ConfiscatedGoodsFactory(case=c1, kind="drug", quantity=Decimal("3"), unit="board")
        CaseFactory(
            township=a,
            filed_on=D(2024, 12, 20),
            decided_on=D(2025, 1, 10),
            fine=Decimal("1000"),
            individual_penalised=True,
            individual_name="张某",
            individual_fine=Decimal("500"),
            closed_on=D(2025, 1, 20),
        )
        CaseFactory(
            township=a,
            domain=Case.Domain.DRUG,
            filed_on=D(2025, 12, 31),
            transferred_to_police=True,
            transferred_on=D(2026, 1, 3),
        )
        CaseFactory(township=a, filed_on=D(2025, 6, 1), transferred_to_police=True)
        CaseFactory(township=a, filed_on=D(2025, 5, 1), decided_on=D(2025, 5, 20), fine=Decimal("9999")).void(
            by=cls.inspector_a, reason="重复"
        )
        CaseFactory(township=a, filed_on=D(2025, 11, 1), decided_on=D(2026, 1, 5), fine=Decimal("800"))
        CaseFactory(township=b, filed_on=D(2025, 7, 1), decided_on=D(2025, 8, 1), fine=Decimal("2000.50"))

    def test_cases_and_penalties(self):
        self.assertFigures(
            Scope.township(self.township_a),
            YEAR,
            {
                "cases_filed": 4,
                "cases_closed": 2,
                "fines_total": 6700,
                "cases_to_police": 1,
                "individuals_penalised": 1,
                "cases_by_domain": [
                    {"domain": "食品", "filed": 3, "closed": 2},
                    {"domain": "药品", "filed": 1, "closed": 0},
                ],
                "confiscated": [
                    {"kind": "药品", "quantity": 3, "unit": "板"},
                    {"kind": "过期食品", "quantity": 15.5, "unit": "公斤"},
                ],
            },
        )

    def test_county_fines_add_up_to_the_fen(self):
        values = self.assertFigures(Scope.county(self.county), YEAR, {"cases_filed": 5, "fines_total": 8700.5})
        self.assertEqual(values["fines_total"].total, Decimal("8700.50"))
        self.assertEqual(values["fines_total"].display, "8700.5")
