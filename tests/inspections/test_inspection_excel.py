import datetime
import io
import tempfile

from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from inspections.models import Inspection, InspectionDocument, Rectification, ScoreRecord
from inspections.sheets.inspections import InspectionSheet
from inspections.sheets.rectifications import RectificationSheet
from tests.base import CastTestCase
from tests.factories import OperatorFactory, inspector
from tests.inspections.factories import CampaignFactory, InspectionFactory, RectificationFactory

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


def workbook(header, rows):
    wb = Workbook()
    ws = wb.active
    ws.append(["2025年监督检查台账"])
    ws.append(header)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    return buffer


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
                "第6行，“检查人员”列：检查人员共1名，少于规定的2名",
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


class RectificationImportTests(CastTestCase):
    def test_round_trip_and_errors(self):
        shop = OperatorFactory(township=self.township_a, name="东街超市")
        RectificationFactory(operator=shop, description="冷柜温度不达标", responsible_person="王红")
        RectificationFactory(operator=shop, description="已改好", status="closed", closed_on="2026-03-10")
        self.login(self.inspector_a)
        exported = self.client.get(reverse("inspections:rectification_export")).content
        Rectification.objects.all().delete()
        result = RectificationSheet(township=self.township_a).read(io.BytesIO(exported))
        self.assertEqual(result.errors, [])
        RectificationSheet(township=self.township_a).save(result)
        self.assertEqual(
            set(Rectification.objects.values_list("description", "status", "responsible_person")),
            {("冷柜温度不达标", "open", "王红"), ("已改好", "closed", "")},
        )
        bad = workbook(
            ["被检查单位", "问题描述", "下达日期", "整改期限", "状态"],
            [
                ["东街超市", "x", "2026-03-10", "2026-03-01", ""],
                ["东街超市", "y", "2026-03-10", "2026-03-20", "已销号"],
            ],
        )
        messages = [str(e) for e in RectificationSheet(township=self.township_a).read(bad).errors]
        self.assertEqual(
            messages,
            [
                "第3行，“整改期限”列：整改期限不能早于下达日期。",
                "第4行，“销号日期”列：销号须填写销号日期。",
            ],
        )


class ImportLedgerCommandTests(CastTestCase):
    def test_dry_run_and_errors(self):
        OperatorFactory(township=self.township_a, name="东街超市")
        good = workbook(
            ["被检查单位", "问题描述", "下达日期", "整改期限"], [["东街超市", "x", "2026-03-01", "2026-03-09"]]
        )
        with tempfile.NamedTemporaryFile(suffix=".xlsx") as handle:
            handle.write(good.getvalue())
            handle.flush()
            out = io.StringIO()
            call_command("import_ledger", "rectifications", handle.name, township="town-a", dry_run=True, stdout=out)
            self.assertIn("检查通过：1 行", out.getvalue())
            self.assertFalse(Rectification.objects.exists())
            call_command("import_ledger", "rectifications", handle.name, township="town-a", stdout=out)
            self.assertEqual(Rectification.objects.count(), 1)
            err = io.StringIO()
            with self.assertRaisesMessage(CommandError, "未导入任何数据"):
                call_command("import_ledger", "inspections", handle.name, township="town-a", stderr=err)
            self.assertIn("找不到表头（须含列：检查日期、被检查单位、检查类型、检查结果）", err.getvalue())


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
