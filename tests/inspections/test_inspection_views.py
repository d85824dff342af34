import datetime
import io

from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from inspections.models import Inspection, Rectification, ScoreRecord
from inspections.services.checklists import checklist_for
from tests.base import CastTestCase
from tests.factories import OperatorFactory, inspector
from tests.inspections.factories import CampaignFactory, InspectionFactory


class InspectionFormTestCase(CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.colleague_a = inspector(
            cls.township_a, username="colleague_a", name="李执法", enforcement_id="620799000009"
        )
        cls.inspector_a.name, cls.inspector_a.enforcement_id = "王监管", "620799000008"
        cls.inspector_a.save()
        cls.restaurant = OperatorFactory(
            township=cls.township_a,
            name="红星面馆",
            category="catering",
            subtype="small_scale",
            legal_representative="王红",
        )
        cls.operator_b = OperatorFactory(township=cls.township_b, name="乙镇超市")
        cls.template = checklist_for(cls.restaurant, timezone.localdate())
        cls.items = list(cls.template.items.all())

    def post_data(self, *, failed=(), officers=None, **extra):
        today = timezone.localdate()
        data = {
            "operator": self.restaurant.pk,
            "inspected_on": today.isoformat(),
            "kind": "routine",
            "officers": [o.pk for o in (officers or [self.inspector_a, self.colleague_a])],
            "result": "",
            "rectification_deadline": (today + datetime.timedelta(days=15)).isoformat(),
            "responsible_person": "王红",
        }
        for item in self.items:
            data[f"outcome_{item.pk}"] = "fail" if item in failed else "pass"
            data[f"note_{item.pk}"] = "消毒柜未使用" if item in failed else ""
        data.update(extra)
        return data

    def create(self, data):
        return self.client.post(reverse("inspections:inspection_create") + f"?operator={self.restaurant.pk}", data)


class RecordInspectionTests(InspectionFormTestCase):
    def test_operator_picker_then_form(self):
        self.login(self.inspector_a)
        response = self.client.get(reverse("inspections:inspection_create"))
        self.assertEqual(list(response.context["form"].fields["operator"].queryset), [self.restaurant])
        response = self.client.get(reverse("inspections:inspection_create"), {"operator": self.restaurant.pk})
        self.assertContains(response, "餐饮服务监督检查要点表")
        self.assertEqual(len(response.context["checklist_form"].items), len(self.items))

    def test_a_failing_key_item_is_recorded_with_its_rectification(self):
        self.login(self.inspector_a)
        key = next(i for i in self.items if i.is_key)
        response = self.create(self.post_data(failed=[key], correction_order="on"))
        inspection = Inspection.objects.get()
        self.assertRedirects(response, inspection.get_absolute_url())
        self.assertEqual((inspection.result, inspection.points_deducted), ("fail", key.points))
        self.assertEqual(set(inspection.officers.all()), {self.inspector_a, self.colleague_a})
        rectification = Rectification.objects.get()
        self.assertIn("消毒柜未使用", rectification.description)
        detail = self.client.get(inspection.get_absolute_url())
        self.assertContains(detail, "责令改正通知书")
        self.assertContains(detail, "待整改")

    def test_one_officer_is_refused_and_nothing_is_lost(self):
        self.login(self.inspector_a)
        key = next(i for i in self.items if i.is_key)
        response = self.create(self.post_data(failed=[key], officers=[self.inspector_a], findings="后厨脏乱"))
        self.assertContains(response, "现场检查须有至少2名执法人员参加（当前1名）")
        self.assertContains(response, "后厨脏乱")
        self.assertContains(response, "消毒柜未使用")
        form = response.context["checklist_form"]
        self.assertEqual(form[f"outcome_{key.pk}"].value(), "fail")
        self.assertFalse(Inspection.objects.exists())

    def test_key_item_failure_needs_a_note(self):
        self.login(self.inspector_a)
        key = next(i for i in self.items if i.is_key)
        data = self.post_data(failed=[key])
        data[f"note_{key.pk}"] = ""
        response = self.create(data)
        self.assertContains(response, "重点项不符合，请写明具体问题")
        self.assertFalse(Inspection.objects.exists())

    def test_overriding_the_suggested_result_needs_a_reason(self):
        self.login(self.inspector_a)
        key = next(i for i in self.items if i.is_key)
        response = self.create(self.post_data(failed=[key], result="pass"))
        self.assertContains(response, "检查结果与按检查项目建议的结果（不符合）不同，请说明理由")

    def test_follow_up_closes_the_rectification(self):
        self.login(self.inspector_a)
        key = next(i for i in self.items if i.is_key)
        self.create(self.post_data(failed=[key]))
        first, rectification = Inspection.objects.get(), Rectification.objects.get()
        page = self.client.get(
            reverse("inspections:inspection_create"), {"operator": self.restaurant.pk, "follows": first.pk}
        )
        self.assertEqual(page.context["form"]["kind"].value(), "follow_up")
        self.assertEqual(list(page.context["follow_up_form"]["closes"].value()), [rectification.pk])
        self.create(self.post_data(kind="follow_up", follows=first.pk, closes=[rectification.pk]))
        rectification.refresh_from_db()
        self.assertEqual(rectification.status, "closed")
        self.assertEqual(rectification.verified_by.follows, first)

    def test_attachments_are_kept(self):
        self.login(self.inspector_a)
        photo = io.BytesIO(b"\x89PNG\r\n\x1a\n" + b"0" * 100)
        photo.name = "后厨.png"
        self.create(self.post_data(attachments=photo))
        attachment = Inspection.objects.get().attachments.get()
        self.assertTrue(attachment.file.name.endswith(".png"))
        self.assertEqual(attachment.uploaded_by, self.inspector_a)
        attachment.file.delete(save=False)


class InspectionAccessTests(InspectionFormTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.inspection_a = InspectionFactory(operator=cls.restaurant)
        cls.inspection_b = InspectionFactory(operator=cls.operator_b)

    def test_other_townships_inspections_are_404(self):
        self.login(self.inspector_a)
        for name in ("inspection_detail", "inspection_update", "inspection_void", "inspection_pdf"):
            with self.subTest(name):
                url = reverse(f"inspections:{name}", args=[self.inspection_b.pk])
                self.assertEqual(self.client.get(url).status_code, 404)
        response = self.client.get(reverse("inspections:inspection_create"), {"operator": self.operator_b.pk})
        self.assertEqual(response.status_code, 404)
        response = self.client.post(reverse("inspections:inspection_create"), {"operator": self.operator_b.pk})
        self.assertEqual(response.status_code, 404)

    def test_lists_and_exports_hold_only_own_township(self):
        self.login(self.inspector_a)
        listing = self.client.get(reverse("inspections:inspection_list"))
        self.assertEqual(list(listing.context["object_list"]), [self.inspection_a])
        export = self.client.get(reverse("inspections:inspection_export"), {"township": self.township_b.pk})
        self.assertNotIn("乙镇超市".encode(), export.content)

    def test_leader_reads_but_does_not_record(self):
        self.login(self.leader_a)
        self.assertEqual(self.client.get(reverse("inspections:inspection_create")).status_code, 403)
        self.assertEqual(self.client.get(self.inspection_a.get_absolute_url()).status_code, 200)
        response = self.client.post(
            reverse("inspections:inspection_void", args=[self.inspection_a.pk]), {"reason": "x"}
        )
        self.assertEqual(response.status_code, 403)

    def test_void_keeps_the_inspection_with_its_trail(self):
        self.login(self.inspector_a)
        ScoreRecord.objects.create(
            township=self.township_a,
            operator=self.restaurant,
            inspection=self.inspection_a,
            scored_on=self.inspection_a.inspected_on,
            points=6,
            reason="x",
        )
        self.client.post(reverse("inspections:inspection_void", args=[self.inspection_a.pk]), {"reason": "录错单位"})
        self.inspection_a.refresh_from_db()
        self.assertTrue(self.inspection_a.is_voided)
        self.assertTrue(ScoreRecord.objects.get().is_voided)
        detail = self.client.get(self.inspection_a.get_absolute_url())
        self.assertEqual(detail.context["audit_trail"][0].action, "作废")
        self.assertNotContains(self.client.get(reverse("inspections:inspection_list")), "红星面馆")

    def test_export_query_count_is_constant(self):
        for _ in range(10):
            InspectionFactory(operator=self.restaurant)
        self.login(self.inspector_a)
        # session, user, 2× permissions, township ids, rows, officers, documents.
        with self.assertNumQueries(8):
            self.client.get(reverse("inspections:inspection_export"))

    def test_list_query_count_is_constant(self):
        for _ in range(10):
            InspectionFactory(operator=self.restaurant)
        self.login(self.inspector_a)
        # session, user, 2× permissions, township ids, count, groups, campaign choices, rows.
        with self.assertNumQueries(9):
            self.client.get(reverse("inspections:inspection_list"))


class ResultRecordPdfTests(InspectionFormTestCase):
    def test_pdf_has_real_chinese_text(self):
        self.login(self.inspector_a)
        key = next(i for i in self.items if i.is_key)
        self.create(self.post_data(failed=[key], correction_order="on"))
        inspection = Inspection.objects.get()
        response = self.client.get(reverse("inspections:inspection_pdf", args=[inspection.pk]))
        self.assertEqual(response["Content-Type"], "application/pdf")
        text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
        for expected in (
            "食品生产经营监督检查结果记录表",
            "红星面馆",
            "不符合",
            "消毒柜未使用",
            "620799000008",
            "甲责改通〔",
            "甲检记〔",
        ):
            self.assertIn(expected, text)


class CampaignTests(InspectionFormTestCase):
    def test_campaign_page_counts_its_inspections(self):
        campaign = CampaignFactory(county=self.county, name="春节专项")
        InspectionFactory(operator=self.restaurant, kind="special", campaign=campaign, result="fail")
        InspectionFactory(operator=self.restaurant, kind="special", campaign=campaign)
        InspectionFactory(operator=self.operator_b, kind="special", campaign=campaign)
        InspectionFactory(operator=self.restaurant)
        self.login(self.inspector_a)
        response = self.client.get(campaign.get_absolute_url())
        summary = response.context["summary"]
        # Township A's inspector counts township A's part of a county-wide campaign.
        self.assertEqual((summary["total"], summary["operators"], summary["failed"]), (2, 1, 1))

    def test_township_campaigns_are_scoped(self):
        own = CampaignFactory(county=self.county, township=self.township_a)
        other = CampaignFactory(county=self.county, township=self.township_b)
        county_wide = CampaignFactory(county=self.county)
        self.login(self.inspector_a)
        listing = self.client.get(reverse("inspections:campaign_list"))
        self.assertEqual(set(listing.context["object_list"]), {own, county_wide})
        self.assertEqual(self.client.get(other.get_absolute_url()).status_code, 404)

    def test_special_inspection_needs_a_running_campaign(self):
        self.login(self.inspector_a)
        response = self.create(self.post_data(kind="special"))
        self.assertContains(response, "专项检查须选择所属的专项整治")
        old = CampaignFactory(
            county=self.county, start_date=datetime.date(2020, 1, 1), end_date=datetime.date(2020, 2, 1)
        )
        response = self.create(self.post_data(kind="special", campaign=old.pk))
        self.assertContains(response, "检查日期不在该专项整治的时间范围内")
