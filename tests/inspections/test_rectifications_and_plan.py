import datetime

from django.urls import reverse
from django.utils import timezone

from inspections.models import Inspection, LevelChange, NegativeListEntry, Rectification, ScoreRecord
from inspections.selectors import inspection_plan
from registry.models import Operator
from tests.base import CastTestCase
from tests.factories import OperatorFactory
from tests.inspections.factories import InspectionFactory, RectificationFactory

D = datetime.date


class OverdueTests(CastTestCase):
    """hazards_listed / closed / overdue as figures.md §7 defines them, on fixed days."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.operator = OperatorFactory(township=cls.township_a)
        cls.open_late = RectificationFactory(operator=cls.operator, opened_on=D(2026, 3, 1), deadline=D(2026, 3, 15))
        cls.closed_late = RectificationFactory(
            operator=cls.operator,
            opened_on=D(2026, 3, 1),
            deadline=D(2026, 3, 15),
            status="closed",
            closed_on=D(2026, 4, 2),
        )
        cls.not_due = RectificationFactory(operator=cls.operator, opened_on=D(2026, 3, 20), deadline=D(2026, 4, 30))

    def test_overdue_on_a_fixed_day(self):
        self.assertEqual(set(Rectification.objects.overdue_on(D(2026, 3, 15))), set())
        self.assertEqual(set(Rectification.objects.overdue_on(D(2026, 3, 16))), {self.open_late, self.closed_late})
        self.assertEqual(set(Rectification.objects.overdue_on(D(2026, 4, 2))), {self.open_late})
        self.assertEqual(set(Rectification.objects.overdue_on(D(2026, 5, 1))), {self.open_late, self.not_due})

    def test_status_label(self):
        self.assertEqual(self.open_late.status_label(D(2026, 3, 10)), "待整改")
        self.assertEqual(self.open_late.status_label(D(2026, 3, 16)), "逾期")
        self.assertEqual(self.closed_late.status_label(D(2026, 5, 1)), "已销号")

    def test_overdue_filter_and_badge_in_the_list(self):
        today = timezone.localdate()
        late = RectificationFactory(
            operator=self.operator,
            opened_on=today - datetime.timedelta(days=20),
            deadline=today - datetime.timedelta(days=1),
            description="过期未改",
        )
        RectificationFactory(
            operator=self.operator, opened_on=today, deadline=today + datetime.timedelta(days=5), description="尚未到期"
        )
        self.login(self.inspector_a)
        response = self.client.get(reverse("inspections:rectification_list"), {"state": "overdue"})
        self.assertIn(late, response.context["object_list"])
        self.assertNotIn("尚未到期", response.content.decode())
        self.assertContains(response, "逾期")

    def test_overdue_is_flagged_on_the_operator_page(self):
        self.login(self.inspector_a)
        response = self.client.get(self.operator.get_absolute_url())
        self.assertContains(response, "逾期 2 项")


class RectificationActionTests(CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.operator = OperatorFactory(township=cls.township_a)

    def test_hazard_found_elsewhere_is_registered_reported_and_closed(self):
        today = timezone.localdate()
        self.login(self.inspector_a)
        response = self.client.post(
            reverse("inspections:rectification_create"),
            {
                "operator": self.operator.pk,
                "source": "hazard",
                "description": "燃气管道老化",
                "opened_on": today.isoformat(),
                "deadline": (today - datetime.timedelta(days=1)).isoformat(),
            },
        )
        self.assertContains(response, "整改期限不能早于下达日期")
        self.client.post(
            reverse("inspections:rectification_create"),
            {
                "operator": self.operator.pk,
                "source": "hazard",
                "description": "燃气管道老化",
                "opened_on": today.isoformat(),
                "deadline": (today + datetime.timedelta(days=7)).isoformat(),
            },
        )
        hazard = Rectification.objects.get()
        self.assertEqual(hazard.township, self.township_a)
        self.client.post(
            reverse("inspections:rectification_report", args=[hazard.pk]),
            {"day": today.isoformat(), "note": "已更换管道"},
        )
        hazard.refresh_from_db()
        self.assertEqual(hazard.status, "reported")
        response = self.client.post(
            reverse("inspections:rectification_close", args=[hazard.pk]),
            {"day": today.isoformat(), "note": "现场核实已整改"},
        )
        hazard.refresh_from_db()
        self.assertEqual((hazard.status, hazard.closed_on), ("closed", today))
        self.assertRedirects(response, hazard.get_absolute_url())
        # A closed item is not closed twice.
        self.assertEqual(self.client.get(reverse("inspections:rectification_close", args=[hazard.pk])).status_code, 404)

    def test_other_township_cannot_touch_it(self):
        hazard = RectificationFactory(operator=self.operator)
        self.login(self.inspector_b)
        for name in ("rectification_detail", "rectification_update", "rectification_close", "rectification_void"):
            with self.subTest(name):
                self.assertEqual(self.client.get(reverse(f"inspections:{name}", args=[hazard.pk])).status_code, 404)


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


class ScoreAndNegativeListPageTests(CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.operator = OperatorFactory(township=cls.township_a, name="多次违规店")
        OperatorFactory(township=cls.township_b, name="乙镇违规店")

    def test_manual_score_moves_levels_and_lists(self):
        self.login(self.inspector_a)
        today = timezone.localdate()
        self.client.post(
            reverse("inspections:scorerecord_create"),
            {
                "operator": self.operator.pk,
                "scored_on": today.isoformat(),
                "points": 24,
                "reason": "投诉核实：销售过期食品",
            },
        )
        self.operator.refresh_from_db()
        self.assertEqual(self.operator.credit_level, "C")
        self.assertTrue(LevelChange.objects.filter(operator=self.operator, level="credit").exists())
        printout = self.client.get(reverse("inspections:negativelistentry_print"))
        self.assertContains(printout, "多次违规店")
        ledger = self.client.get(reverse("inspections:score_ledger"), {"year": today.year})
        self.assertEqual([o.points for o in ledger.context["rows"]], [24])

    def test_removed_entries_leave_the_published_list(self):
        entry = NegativeListEntry.objects.create(
            township=self.township_a,
            operator=self.operator,
            listed_on=D(2026, 1, 1),
            reason="记分达到24分",
            removed_on=D(2026, 2, 1),
            removal_reason="整改到位",
        )
        self.assertFalse(NegativeListEntry.objects.current(D(2026, 3, 1)).exists())
        self.assertEqual(list(NegativeListEntry.objects.current(D(2026, 1, 15))), [entry])

    def test_zero_points_are_refused(self):
        self.login(self.inspector_a)
        response = self.client.post(
            reverse("inspections:scorerecord_create"),
            {
                "operator": self.operator.pk,
                "scored_on": "2026-01-01",
                "points": 0,
                "reason": "x",
            },
        )
        self.assertContains(response, "记分须大于0")
        self.assertFalse(ScoreRecord.objects.exists())


class OperatorHistoryTests(CastTestCase):
    def test_history_in_time_order_with_constant_queries(self):
        operator = OperatorFactory(township=self.township_a)
        InspectionFactory(operator=operator, inspected_on=D(2026, 1, 5))
        second = InspectionFactory(operator=operator, inspected_on=D(2026, 5, 5), result="fail")
        RectificationFactory(operator=operator, inspection=second, opened_on=D(2026, 5, 5), deadline=D(2026, 5, 20))
        voided = InspectionFactory(operator=operator, inspected_on=D(2026, 6, 1))
        voided.void(by=self.inspector_a, reason="重复")
        self.login(self.inspector_a)
        response = self.client.get(operator.get_absolute_url())
        content = response.content.decode()
        self.assertLess(content.index("2026-05-05"), content.index("2026-01-05"))
        self.assertNotIn("2026-06-01", content)
        queries = self._queries(operator)
        for _ in range(5):
            InspectionFactory(operator=operator, inspected_on=D(2026, 7, 1))
        with self.assertNumQueries(queries):
            self.client.get(operator.get_absolute_url())

    def _queries(self, operator):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            self.client.get(operator.get_absolute_url())
        return len(captured)


class InspectionKindsTests(CastTestCase):
    def test_on_site_excludes_online(self):
        operator = OperatorFactory(township=self.township_a)
        InspectionFactory(operator=operator)
        InspectionFactory(operator=operator, kind="online")
        self.assertEqual(Inspection.objects.on_site().count(), 1)
