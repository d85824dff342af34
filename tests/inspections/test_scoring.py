import datetime
import io

from django.urls import reverse
from django.utils import timezone

from inspections.models import LevelChange, NegativeListEntry, Rectification, ScoreRecord
from registry.models import Operator
from tests.base import CastTestCase
from tests.factories import OperatorFactory
from tests.inspections.base import DAY, RecordingTestCase

D = datetime.date


class ScoringTests(RecordingTestCase):
    def test_points_accumulate_into_credit_risk_and_negative_list(self):
        key = self.key_items  # 6 points each
        self.record(failed=key[:1])  # 6 points
        self.restaurant.refresh_from_db()
        self.assertEqual((self.restaurant.credit_level, self.restaurant.risk_level), ("A", "B"))

        self.record(failed=key[:1], day=DAY + datetime.timedelta(days=30))  # 12: credit B, risk raised
        self.restaurant.refresh_from_db()
        self.assertEqual((self.restaurant.credit_level, self.restaurant.risk_level), ("B", "C"))
        changes = {(c.level, c.old, c.new, c.changed_on) for c in LevelChange.objects.all()}
        later = DAY + datetime.timedelta(days=30)
        self.assertEqual(changes, {("credit", "A", "B", later), ("risk", "B", "C", later)})
        self.assertIn("2026年累计记分12分", LevelChange.objects.first().cause)

        self.record(failed=key[:2], day=DAY + datetime.timedelta(days=60))  # 24: credit C, listed
        self.restaurant.refresh_from_db()
        self.assertEqual((self.restaurant.credit_level, self.restaurant.risk_level), ("C", "C"))
        self.assertEqual(
            NegativeListEntry.objects.current(DAY + datetime.timedelta(days=60)).get().operator, self.restaurant
        )
        self.assertEqual(ScoreRecord.objects.filter(operator=self.restaurant).in_year(2026).total(), 24)

    def test_points_of_last_year_do_not_count(self):
        self.record(failed=self.key_items[:1], day=datetime.date(2025, 12, 20))
        self.record(failed=self.key_items[:1], day=datetime.date(2026, 1, 5))
        self.restaurant.refresh_from_db()
        self.assertEqual(self.restaurant.credit_level, "A")

    def test_voiding_the_inspection_voids_its_score_and_rectifications(self):
        inspection = self.record(failed=self.key_items[:1])
        inspection.void(by=self.inspector_a, reason="录错了单位")
        self.assertTrue(ScoreRecord.objects.get().is_voided)
        self.assertTrue(Rectification.objects.get().is_voided)
        self.assertEqual(ScoreRecord.objects.filter(operator=self.restaurant).in_year(2026).total(), 0)
        self.assertEqual(Operator.objects.get(pk=self.restaurant.pk).history.count(), 1)


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


class ScoreExportTests(CastTestCase):
    def test_scores_round_trip(self):
        from inspections.sheets.scoring import ScoreRecordSheet

        shop = OperatorFactory(township=self.township_a, name="东街超市")
        ScoreRecord.objects.create(
            township=self.township_a, operator=shop, scored_on=datetime.date(2026, 3, 1), points=6, reason="过期食品"
        )
        self.login(self.inspector_a)
        exported = self.client.get(reverse("inspections:scorerecord_export"), {"date_from": "2026-01-01"}).content
        result = ScoreRecordSheet(township=self.township_a).read(io.BytesIO(exported))
        self.assertEqual(result.errors, [])
        self.assertEqual([(r.operator, r.points, r.reason) for r in result.records], [(shop, 6, "过期食品")])
        empty = self.client.get(reverse("inspections:scorerecord_export"), {"date_from": "2026-04-01"}).content
        self.assertEqual(ScoreRecordSheet(township=self.township_a).read(io.BytesIO(empty)).records, [])

    def test_the_negative_list_round_trips(self):
        from inspections.sheets.scoring import NegativeListSheet

        shop = OperatorFactory(township=self.township_a, name="东街超市")
        NegativeListEntry.objects.create(
            township=self.township_a,
            operator=shop,
            listed_on=datetime.date(2025, 3, 1),
            reason="年度累计记分达到24分",
            removed_on=datetime.date(2025, 9, 1),
            removal_reason="整改到位",
        )
        self.login(self.inspector_a)
        exported = self.client.get(reverse("inspections:negativelistentry_export")).content
        result = NegativeListSheet(township=self.township_a, user=self.inspector_a).read(io.BytesIO(exported))
        self.assertEqual(result.errors, [])
        NegativeListSheet(township=self.township_a, user=self.inspector_a).save(result)
        first, second = NegativeListEntry.objects.order_by("pk")
        self.assertEqual(
            [(e.operator, e.listed_on, e.reason, e.removed_on, e.removal_reason) for e in (first, second)],
            [(shop, datetime.date(2025, 3, 1), "年度累计记分达到24分", datetime.date(2025, 9, 1), "整改到位")] * 2,
        )
