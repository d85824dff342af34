"""One set of rules for an inspection however it is written: recorded, edited or imported."""

import datetime

from django.urls import reverse

from inspections.models import Inspection, LevelChange, ScoreRecord, ScoringPolicy
from inspections.sheets.inspections import InspectionSheet
from tests.base import CastTestCase
from tests.factories import OperatorFactory, inspector
from tests.inspections.excel import workbook
from tests.inspections.factories import InspectionFactory
from tests.inspections.test_inspections import INSPECTION_HEADER

D = datetime.date


class EditKeepsTheRulesTests(CastTestCase):
    def setUp(self):
        self.operator = OperatorFactory(township=self.township_a)
        self.inspection = InspectionFactory(operator=self.operator, other_officers="张县局", findings="原记录")
        self.inspection.officers.set([self.inspector_a])
        self.url = reverse("inspections:inspection_update", args=[self.inspection.pk])
        self.login(self.inspector_a)

    def test_an_on_site_inspection_edited_down_to_one_officer_is_refused(self):
        version = Inspection.objects.get(pk=self.inspection.pk).version
        response = self.client.post(self.url, {"other_officers": "", "findings": "改过的记录", "version": version})
        self.assertContains(response, "现场检查须有至少2名执法人员参加（当前1名），请补充检查人员。")
        self.assertContains(response, "改过的记录")
        inspection = Inspection.objects.get(pk=self.inspection.pk)
        self.assertEqual((inspection.other_officers, inspection.findings), ("张县局", "原记录"))

    def test_an_edit_that_keeps_the_rules_is_saved(self):
        version = Inspection.objects.get(pk=self.inspection.pk).version
        response = self.client.post(self.url, {"other_officers": "李县局", "findings": "补充", "version": version})
        self.assertRedirects(response, self.inspection.get_absolute_url())
        inspection = Inspection.objects.get(pk=self.inspection.pk)
        self.assertEqual((inspection.other_officers, inspection.officer_count), ("李县局", 2))


class ImportThroughTheRecordingServiceTests(CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.inspector_a.name = "王监管"
        cls.inspector_a.save()
        inspector(cls.township_a, username="colleague", name="李执法")
        cls.shop = OperatorFactory(township=cls.township_a, name="东街超市", credit_level="A")

    def read(self, rows):
        return InspectionSheet(township=self.township_a, user=self.inspector_a).read(workbook(INSPECTION_HEADER, rows))

    def test_the_officer_rule_of_the_form_in_its_words(self):
        row = ["2025-02-03", "东街超市", "", "日常检查", "", "王监管", "", "符合", "", "", ""]
        self.assertEqual(
            [str(e) for e in self.read([row]).errors],
            ["第3行，“检查人员”列：现场检查须有至少2名执法人员参加（当前1名），请补充检查人员。"],
        )

    def test_imported_points_move_the_credit_level_as_recorded_ones_do(self):
        policy = ScoringPolicy.objects.in_force(self.county.pk, D(2025, 2, 3))
        self.assertIsNotNone(policy, "the migrations seed the scoring policy")
        points = policy.credit_b_from
        row = ["2025-02-03", "东街超市", "", "日常检查", "", "王监管、李执法", "", "不符合", "台账不全", points, ""]
        sheet = InspectionSheet(township=self.township_a, user=self.inspector_a)
        result = sheet.read(workbook(INSPECTION_HEADER, [row]))
        self.assertEqual(result.errors, [])
        sheet.save(result)
        inspection = Inspection.objects.get()
        self.assertEqual((inspection.points_deducted, inspection.created_by), (points, self.inspector_a))
        self.assertEqual(ScoreRecord.objects.get().points, points)
        self.shop.refresh_from_db()
        self.assertEqual(self.shop.credit_level, "B")
        credit = LevelChange.objects.get(level=LevelChange.Level.CREDIT)
        self.assertEqual(credit.cause, f"2025年累计记分{points}分（本次{points}分）")
        # No document number is made up for a past inspection.
        self.assertFalse(inspection.documents.exists())
