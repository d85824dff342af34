import datetime
import io

from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from inspections.models import ChecklistTemplate, Inspection, InspectionDocument, Rectification, ScoreRecord
from inspections.services.inspections import record_inspection
from inspections.sheets.inspections import InspectionSheet
from tests.base import CastTestCase
from tests.factories import OperatorFactory, inspector
from tests.inspections.base import DAY, InspectionFormTestCase, RecordingTestCase
from tests.inspections.excel import workbook
from tests.inspections.factories import CampaignFactory, InspectionFactory, RectificationFactory

D = datetime.date


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
        # session, user, 2× permissions, township ids, rows, officers, documents, the access-log entry.
        with self.assertNumQueries(9):
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


INSPECTION_HEADER = [
    "检查日期",
    "被检查单位",
    "许可/登记证编号",
    "检查类型",
    "专项整治",
    "检查人员",
    "其他检查人员",
    "检查结果",
    "发现的问题",
    "本次记分",
    "责令改正通知书编号",
]


class InspectionImportTests(CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.inspector_a.name = "王监管"
        cls.inspector_a.save()
        cls.colleague = inspector(cls.township_a, username="colleague", name="李执法")
        cls.shop = OperatorFactory(township=cls.township_a, name="东街超市", licence_no="JY-1")
        OperatorFactory(township=cls.township_a, name="同名店", licence_no="JY-2")
        OperatorFactory(township=cls.township_a, name="同名店", licence_no="JY-3")
        OperatorFactory(township=cls.township_b, name="乙镇店")
        cls.campaign = CampaignFactory(
            county=cls.county, name="2025年春节专项", start_date="2025-01-15", end_date="2025-03-05"
        )

    def read(self, rows):
        return InspectionSheet(township=self.township_a, user=self.inspector_a).read(workbook(INSPECTION_HEADER, rows))

    def test_clean_rows_are_imported_with_documents_and_scores(self):
        rows = [
            [
                "2025-02-01",
                "东街超市",
                "",
                "专项检查",
                "2025年春节专项",
                "王监管、李执法",
                "",
                "基本符合",
                "台账不全",
                2,
                "甲责改通〔2025〕3号",
            ],
            ["2025/3/5", "同名店", "JY-3", "日常检查", "", "王监管", "张县局", "符合", "", "", ""],
        ]
        result = self.read(rows)
        self.assertEqual(result.errors, [])
        InspectionSheet(township=self.township_a, user=self.inspector_a).save(result)
        first = Inspection.objects.get(operator=self.shop)
        self.assertEqual((first.kind, first.campaign, first.result), ("special", self.campaign, "basic"))
        self.assertEqual(set(first.officers.all()), {self.inspector_a, self.colleague})
        self.assertEqual(first.documents.get().number, "甲责改通〔2025〕3号")
        self.assertEqual(ScoreRecord.objects.get().points, 2)

    def test_every_error_is_reported_and_nothing_saved(self):
        InspectionFactory(operator=self.shop, inspected_on="2025-01-10")
        rows = [
            ["2025-02-01", "东街超市", "", "日常检查", "", "王监管、李执法", "", "符合", "", "", ""],
            ["2025-02-01", "乙镇店", "", "日常检查", "", "王监管、李执法", "", "符合", "", "", ""],
            ["2025-02-02", "同名店", "", "日常检查", "", "王监管、李执法", "", "符合", "", "", ""],
            ["2025-02-03", "东街超市", "", "日常检查", "", "王监管", "", "符合", "", "", ""],
            ["2025-02-04", "东街超市", "", "日常检查", "", "王监管、赵某", "", "符合", "", "", ""],
            ["2025-02-05", "东街超市", "", "专项检查", "", "王监管、李执法", "", "符合", "", "", ""],
            ["2025-01-10", "东街超市", "", "日常检查", "", "王监管、李执法", "", "合格", "", "", ""],
            ["2025-01-10", "东街超市", "", "日常检查", "", "王监管、李执法", "", "符合", "", "-1", ""],
            ["2025-01-10", "东街超市", "", "日常检查", "", "王监管、李执法", "", "符合", "", "", ""],
            ["2025-02-01", "东街超市", "", "日常检查", "", "王监管、李执法", "", "符合", "", "", ""],
        ]
        messages = [str(e) for e in self.read(rows).errors]
        self.assertEqual(
            messages,
            [
                "第4行，“被检查单位”列：“乙镇店”不是甲镇已登记的经营者",
                "第5行，“被检查单位”列：甲镇有2个“同名店”，请填写许可/登记证编号以区分",
                "第6行，“检查人员”列：现场检查须有至少2名执法人员参加（当前1名），请补充检查人员。",
                "第7行，“检查人员”列：“赵某”不是本乡镇的执法人员账号；没有账号的人员请填在“其他检查人员”列",
                "第8行，“专项整治”列：专项检查须选择所属的专项整治。",
                "第9行，“检查结果”列：“合格”不在可选范围内（符合、基本符合、不符合）",
                "第10行，“本次记分”列：确保该值大于或等于0。",
                "第11行，“检查日期”列：该单位当天已有同类检查记录（重复导入？）",
                "第12行，“检查日期”列：该单位当天已有同类检查记录（重复导入？）",
            ],
        )
        self.assertEqual(Inspection.objects.count(), 1)

    def test_export_then_import_into_an_empty_township_round_trips(self):
        self.inspector_b.name = "王监管"
        self.inspector_b.save()
        colleague_b = inspector(self.township_b, username="colleague_b", name="李执法")
        source = InspectionFactory(
            operator=self.shop,
            inspected_on=datetime.date(2025, 2, 1),
            kind="special",
            campaign=self.campaign,
            result="fail",
            findings="过期食品",
            points_deducted=6,
            other_officers="张县局",
        )
        source.officers.set([self.inspector_a, self.colleague])
        InspectionDocument.objects.create(
            inspection=source, kind="correction_order", number="甲责改通〔2026〕1号", issued_on=source.inspected_on
        )
        self.login(self.inspector_a)
        exported = self.client.get(reverse("inspections:inspection_export")).content
        target_shop = OperatorFactory(township=self.township_b, name="东街超市", licence_no="JY-B1")
        # Numbers are unique: the copy in B gets its own.
        InspectionDocument.objects.update(number="old-number")
        wb = load_workbook(io.BytesIO(exported))
        ws = wb.active
        headers = [c.value for c in ws[2]]
        ws.cell(row=3, column=headers.index("许可/登记证编号") + 1, value="JY-B1")
        buffer = io.BytesIO()
        wb.save(buffer)
        buffer.seek(0)
        result = InspectionSheet(township=self.township_b).read(buffer)
        self.assertEqual(result.errors, [])
        InspectionSheet(township=self.township_b).save(result)
        copy = Inspection.objects.get(operator=target_shop)
        fields = ("inspected_on", "kind", "campaign_id", "result", "findings", "points_deducted", "other_officers")
        self.assertEqual([getattr(copy, f) for f in fields], [getattr(source, f) for f in fields])
        self.assertEqual({o.name for o in copy.officers.all()}, {"王监管", "李执法"})
        self.assertIn(colleague_b, copy.officers.all())
        self.assertEqual(copy.documents.get().number, "甲责改通〔2026〕1号")
