"""One set of rules for an inspection however it is written: recorded, edited or imported."""

from django.urls import reverse

from inspections.models import Inspection, LevelChange, ScoreRecord
from inspections.sheets.inspections import InspectionSheet
from tests.base import CastTestCase
from tests.factories import OperatorFactory, inspector
from tests.inspections.excel import workbook
from tests.inspections.factories import InspectionFactory
from tests.inspections.test_inspections import INSPECTION_HEADER


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

    def test_an_imported_inspection_is_recorded_by_the_service_as_a_past_one(self):
        row = [
            "2025-02-03",
            "东街超市",
            "",
            "日常检查",
            "",
            "王监管、李执法",
            "",
            "不符合",
            "台账不全",
            12,
            "甲责改通〔2025〕3号",
        ]
        sheet = InspectionSheet(township=self.township_a, user=self.inspector_a)
        result = sheet.read(workbook(INSPECTION_HEADER, [row]))
        self.assertEqual(result.errors, [])
        sheet.save(result)
        inspection = Inspection.objects.get()
        self.assertEqual((inspection.points_deducted, inspection.created_by), (12, self.inspector_a))
        self.assertEqual(inspection.officer_count, 2)
        score = ScoreRecord.objects.get()
        self.assertEqual((score.points, score.reason, score.created_by), (12, "台账不全", self.inspector_a))
        # The file's own numbers, none made up for a past inspection; its levels are the registry's.
        self.assertEqual([d.number for d in inspection.documents.all()], ["甲责改通〔2025〕3号"])
        self.shop.refresh_from_db()
        self.assertEqual(self.shop.credit_level, "A")
        self.assertFalse(LevelChange.objects.exists())
