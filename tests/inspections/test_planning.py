import datetime

from django.urls import reverse

from inspections.selectors import inspection_plan
from registry.models import Operator
from tests.base import CastTestCase
from tests.factories import OperatorFactory
from tests.inspections.factories import InspectionFactory

D = datetime.date


class PlanTests(CastTestCase):
    def test_due_and_overdue_by_risk_level(self):
        day = D(2026, 6, 30)
        never = OperatorFactory(township=self.township_a, risk_level="A", registered_on=D(2026, 1, 10), name="从未检查")
        fresh = OperatorFactory(township=self.township_a, risk_level="A", name="刚查过")
        high = OperatorFactory(township=self.township_a, risk_level="D", name="高风险")
        soon = OperatorFactory(township=self.township_a, risk_level="C", name="快到期")
        InspectionFactory(operator=fresh, inspected_on=D(2026, 6, 1))
        InspectionFactory(operator=high, inspected_on=D(2026, 2, 1))  # D: every 365 // 3 = 121 days
        InspectionFactory(operator=soon, inspected_on=D(2026, 1, 20))  # C: every 182 days → 07-21
        InspectionFactory(operator=fresh, inspected_on=D(2026, 6, 20), kind="online")  # not a visit
        cancelled = OperatorFactory(township=self.township_a, status="cancelled", status_date=D(2026, 3, 1))
        by_county = OperatorFactory(
            township=self.township_a, category="producer", subtype="", supervising_body="county"
        )
        rows = {r.operator: r for r in inspection_plan(Operator.objects.filter(township=self.township_a), day)}
        self.assertNotIn(cancelled, rows)
        self.assertNotIn(by_county, rows)
        self.assertEqual((rows[never].status, rows[never].next_due), ("overdue", D(2026, 1, 10)))
        self.assertEqual((rows[fresh].status, rows[fresh].done, rows[fresh].required), ("ok", 1, 1))
        self.assertEqual((rows[high].status, rows[high].next_due), ("overdue", D(2026, 6, 2)))
        self.assertEqual((rows[soon].status, rows[soon].next_due), ("due", D(2026, 7, 21)))

    def test_plan_page_is_scoped(self):
        OperatorFactory(township=self.township_a, name="甲的店")
        OperatorFactory(township=self.township_b, name="乙的店")
        self.login(self.inspector_a)
        response = self.client.get(reverse("inspections:inspection_plan"), {"status": "all"})
        self.assertContains(response, "甲的店")
        self.assertNotContains(response, "乙的店")
