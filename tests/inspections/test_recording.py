import datetime

from django.core.exceptions import ValidationError

from inspections.models import (
    ChecklistTemplate,
    Inspection,
    InspectionDocument,
    ItemOutcome,
    LevelChange,
    NegativeListEntry,
    Rectification,
    ScoreRecord,
)
from inspections.services.checklists import ItemEntry, checklist_for
from inspections.services.inspections import record_inspection
from registry.models import Operator
from tests.base import CastTestCase
from tests.factories import OperatorFactory, inspector

DAY = datetime.date(2026, 3, 2)


class RecordingTestCase(CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.colleague_a = inspector(cls.township_a, username="colleague_a", name="李执法")
        cls.restaurant = OperatorFactory(
            township=cls.township_a,
            name="红星面馆",
            category="catering",
            subtype="small_scale",
            legal_representative="王红",
            risk_level="B",
            credit_level="A",
        )
        cls.template = checklist_for(cls.restaurant, DAY)
        items = list(cls.template.items.all())
        cls.key_items = [i for i in items if i.is_key]
        cls.general_items = [i for i in items if not i.is_key]

    def entries(self, failed=(), corrected=(), not_applicable=()):
        return [
            ItemEntry(
                item=item,
                outcome=ItemOutcome.FAIL
                if item in failed
                else (ItemOutcome.NOT_APPLICABLE if item in not_applicable else ItemOutcome.PASS),
                corrected_on_site=item in corrected,
            )
            for item in self.template.items.all()
        ]

    def record(self, *, failed=(), corrected=(), officers=None, day=DAY, **kwargs):
        inspection = Inspection(
            operator=self.restaurant,
            inspected_on=day,
            kind=kwargs.pop("kind", "routine"),
            result=kwargs.pop("result", ""),
            override_reason=kwargs.pop("override_reason", ""),
        )
        return record_inspection(
            inspection=inspection,
            officers=officers if officers is not None else [self.inspector_a, self.colleague_a],
            items=self.entries(failed, corrected),
            by=self.inspector_a,
            rectification_deadline=kwargs.pop("deadline", day + datetime.timedelta(days=15)),
            **kwargs,
        )


class TwoOfficerRuleTests(RecordingTestCase):
    def test_on_site_inspection_needs_two_officers(self):
        with self.assertRaises(ValidationError) as caught:
            self.record(officers=[self.inspector_a])
        self.assertIn("至少2名执法人员", caught.exception.message_dict["officers"][0])
        self.assertFalse(Inspection.objects.exists())

    def test_an_officer_without_account_counts(self):
        inspection = Inspection(operator=self.restaurant, inspected_on=DAY, other_officers="张县局")
        record_inspection(inspection=inspection, officers=[self.inspector_a], items=self.entries(), by=self.inspector_a)
        self.assertEqual(inspection.other_officer_names, ["张县局"])

    def test_online_check_needs_one(self):
        inspection = Inspection(operator=self.restaurant, inspected_on=DAY, kind="online", result="pass")
        record_inspection(inspection=inspection, officers=[self.inspector_a], items=[], by=self.inspector_a)
        self.assertFalse(inspection.documents.exists())  # no result record is posted for an online check

    def test_officer_of_another_township_is_refused(self):
        with self.assertRaises(ValidationError) as caught:
            self.record(officers=[self.inspector_a, self.inspector_b])
        self.assertIn("不负责该乡镇", caught.exception.message_dict["officers"][0])


class SuggestedResultTests(RecordingTestCase):
    def judge(self, failed=(), not_applicable=()):
        entries = self.entries(failed, not_applicable=not_applicable)
        return self.template.judge((e.item.is_key, e.outcome) for e in entries)

    def test_nothing_failed_is_compliant(self):
        self.assertEqual(self.judge(), "pass")

    def test_any_failed_key_item_is_non_compliant(self):
        self.assertEqual(self.judge(failed=self.key_items[:1]), "fail")

    def test_a_few_general_failures_are_basically_compliant(self):
        self.assertEqual(self.judge(failed=self.general_items[:2]), "basic")

    def test_general_pass_rate_below_70_percent_is_non_compliant(self):
        self.assertEqual(self.judge(failed=self.general_items[:4]), "fail")  # 7/11 = 64 %

    def test_not_applicable_items_are_left_out_of_the_rate(self):
        # 3 failed of 11 general = 73 %; with 2 passing items n/a, 3 of 9 = 67 %.
        self.assertEqual(self.judge(failed=self.general_items[:3]), "basic")
        self.assertEqual(self.judge(failed=self.general_items[:3], not_applicable=self.general_items[3:5]), "fail")

    def test_the_2016_catering_rule_allows_one_key_failure(self):
        ChecklistTemplate.objects.filter(pk=self.template.pk).update(max_key_failures_for_basic=1)
        self.template.refresh_from_db()
        self.assertEqual(self.judge(failed=self.key_items[:1]), "basic")
        self.assertEqual(self.judge(failed=self.key_items[:2]), "fail")

    def test_result_defaults_to_the_suggestion_and_overriding_needs_a_reason(self):
        inspection = self.record(failed=self.general_items[:1])
        self.assertEqual((inspection.result, inspection.suggested_result), ("basic", "basic"))
        with self.assertRaises(ValidationError) as caught:
            self.record(failed=self.general_items[:1], result="pass")
        self.assertIn("请说明理由", caught.exception.message_dict["override_reason"][0])
        inspection = self.record(failed=self.general_items[:1], result="pass", override_reason="现场已当即整改")
        self.assertEqual((inspection.result, inspection.suggested_result), ("pass", "basic"))


class FailedItemsTests(RecordingTestCase):
    def test_failed_key_item_opens_a_rectification_and_documents(self):
        inspection = self.record(
            failed=[self.key_items[0], self.general_items[0]],
            corrected=[self.general_items[0]],
            documents={InspectionDocument.Kind.CORRECTION_ORDER: ""},
        )
        self.assertEqual(inspection.result, "fail")
        rectification = Rectification.objects.get()
        self.assertEqual(rectification.item_result.item, self.key_items[0])
        self.assertEqual(rectification.deadline, DAY + datetime.timedelta(days=15))
        self.assertEqual(rectification.responsible_person, "王红")
        documents = {d.kind: d.number for d in inspection.documents.all()}
        self.assertEqual(
            documents,
            {
                "result_record": "甲检记〔2026〕1号",
                "correction_order": "甲责改通〔2026〕1号",
                "score_notice": "甲记分告〔2026〕1号",
            },
        )
        self.assertEqual(inspection.points_deducted, self.key_items[0].points + self.general_items[0].points)

    def test_rectification_needs_a_deadline(self):
        with self.assertRaises(ValidationError) as caught:
            self.record(failed=self.key_items[:1], deadline=None)
        self.assertIn("整改期限", caught.exception.message_dict["rectification_deadline"][0])

    def test_follow_up_closes_the_rectification(self):
        first = self.record(failed=self.key_items[:1])
        rectification = Rectification.objects.get()
        inspection = Inspection(
            operator=self.restaurant, inspected_on=DAY + datetime.timedelta(days=10), kind="follow_up", follows=first
        )
        follow_up = record_inspection(
            inspection=inspection,
            officers=[self.inspector_a, self.colleague_a],
            items=self.entries(),
            by=self.inspector_a,
            closes=[rectification],
        )
        rectification.refresh_from_db()
        self.assertEqual(rectification.status, "closed")
        self.assertEqual(rectification.verified_by, follow_up)
        self.assertEqual(rectification.closed_on, DAY + datetime.timedelta(days=10))


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
