"""Excel in and out of every ledger at once: templates, round trips, the import_ledger command.

Each ledger's row errors are tested next to the ledger (test_sampling.py, test_cases.py, …).
"""

import datetime
import io
import tempfile
from decimal import Decimal

from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from inspections.models import Inspection, RapidTest, Rectification, Sample, SampleDisposal, ScoreRecord
from inspections.sheets import LEDGER_SHEETS
from inspections.sheets.activities import InterviewSheet
from inspections.sheets.inspections import InspectionSheet
from inspections.sheets.scoring import ScoreRecordSheet
from tests.base import CastTestCase
from tests.factories import MobileChefFactory, OperatorFactory
from tests.inspections import factories as f
from tests.inspections.excel import filled_template, workbook

D = datetime.date

OWN_ROUND_TRIP = {"inspections", "rectifications", "scores", "negative_list"}


class TemplateTests(CastTestCase):
    def test_every_kind_has_a_template_that_reads_back_empty(self):
        self.login(self.inspector_a)
        for kind, sheet_class in LEDGER_SHEETS.items():
            with self.subTest(kind):
                name = sheet_class.model._meta.model_name
                response = self.client.get(reverse(f"inspections:{name}_template"))
                header = [c.value for c in load_workbook(io.BytesIO(response.content)).active[2]]
                self.assertEqual(header, [c.header + ("*" if c.required else "") for c in sheet_class.columns])
                result = sheet_class(township=self.township_a).read(io.BytesIO(response.content))
                self.assertEqual([str(e) for e in result.errors], ["表头：表格中没有数据行"])

    def test_the_kinds_import_ledger_takes(self):
        expected = {"samples", "rapid_tests", "cases", "trainings", "interviews", "publicity", "lectures"}
        expected |= {"manuals", "study_sessions", "complaints", "banquets", "events"}
        self.assertLessEqual(expected, set(LEDGER_SHEETS))


class RoundTripTests(CastTestCase):
    """Export a township's ledgers, void the originals, import the file: the same ledgers again."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        a = cls.township_a
        shop = OperatorFactory(township=a, name="甲镇粮油店", village=cls.village_a)
        eatery = OperatorFactory(township=a, name="甲镇面馆", category="catering", subtype="small_scale")
        market = OperatorFactory(township=a, name="甲镇农贸市场", category="market", subtype="farmers_market")
        chef = MobileChefFactory(township=a, name="刘师傅")
        case = f.CaseFactory(
            township=a,
            operator=shop,
            party="",
            source="sampling",
            filed_on=D(2026, 4, 25),
            decided_on=D(2026, 5, 20),
            decision_no="青市监罚〔2026〕3号",
            fine=Decimal("5000"),
            confiscated_money=Decimal("120.50"),
            individual_penalised=True,
            individual_name="李四",
            individual_fine=Decimal("8000"),
            closed_on=D(2026, 6, 1),
        )
        f.ConfiscatedGoodsFactory(case=case, kind="failed_food", description="挂面", quantity=Decimal("12.5"))
        f.ConfiscatedGoodsFactory(case=case, kind="drug", quantity=30, unit="board")
        f.CaseFactory(township=a, transferred_to_police=True, transferred_on=D(2026, 4, 3))
        sample = f.SampleFactory(operator=shop, failed=True, manufacturer="某食品厂", lot="20260301")
        f.SampleDisposalFactory(
            sample=sample, withdrawn_on=D(2026, 3, 21), withdrawn_note="封存12袋", case=case, completed_on=D(2026, 6, 1)
        )
        f.SampleFactory(operator=eatery, pending=True, sample_name="凉皮", food_category="catering")
        f.RapidTestFactory(operator=market, vendor="3号摊位", measured_value="抑制率12%")
        f.RapidTestFactory(
            operator=market, failed=True, retest_result="fail", item=f.RapidTestItemFactory(name="瘦肉精")
        )
        f.TrainingFactory(township=a, place="镇会议室", lecturer="县局")
        interview = f.InterviewFactory(township=a, persons="张三、李四", requirements="立即整改")
        interview.operators.set([shop, eatery])
        f.PublicityEventFactory(township=a, title="食品安全宣传周", place="镇文化广场")
        f.LectureFactory(township=a, kind="public", lecturer="县疾控中心")
        f.ManualDistributionFactory(township=a, recipients="全镇餐饮服务单位")
        f.StudySessionFactory(township=a, village=cls.village_a)
        f.StudySessionFactory(township=a)
        f.ComplaintFactory(
            township=a,
            kind="report",
            operator=eatery,
            subject="",
            village=cls.village_a,
            ticket_no="12315-0001",
            closed_on=D(2026, 5, 20),
            outcome="case_filed",
            case=case,
            outcome_note="已立案",
        )
        f.BanquetFactory(
            village=cls.village_a, chef=chef, commitment_signed=True, inspected=True, inspection_note="已留样"
        )
        event = f.MajorEventFactory(township=a, place="镇中学", diners=300, officers=12, notes="驻点保障")
        event.operators.set([eatery])

    def test_every_ledger_round_trips(self):
        self.login(self.inspector_a)
        # The inspection, rectification, score and negative-list sheets have round-trip tests of their own.
        for kind, sheet_class in LEDGER_SHEETS.items():
            if kind in OWN_ROUND_TRIP:
                continue
            model = sheet_class.model
            with self.subTest(kind):
                originals = list(model.objects.all())  # in the order the export lists them
                self.assertTrue(originals)
                response = self.client.get(reverse(f"inspections:{model._meta.model_name}_export"))
                for record in originals:
                    if model is Sample:
                        SampleDisposal.objects.filter(sample=record).update(case=None)
                    record.void(by=self.inspector_a, reason="重新导入")
                result = sheet_class(township=self.township_a, user=self.inspector_a).read(io.BytesIO(response.content))
                self.assertEqual(result.errors, [])
                sheet_class(township=self.township_a, user=self.inspector_a).save(result)
                copies = list(model.objects.valid().order_by("pk"))
                self.assertEqual(len(copies), len(originals))
                reader = sheet_class(township=None)
                for original, copy in zip(originals, copies, strict=True):
                    original.refresh_from_db()
                    if model is Sample and hasattr(original, "disposal"):
                        original.disposal.refresh_from_db()
                    for column in sheet_class.columns:
                        if model is Sample and column.attr == "case_ref":
                            continue  # unlinked above so the cases could be voided and re-imported
                        self.assertEqual(
                            reader.value_of(original, column), reader.value_of(copy, column), column.header
                        )
                self.assertEqual(copies[0].created_by, self.inspector_a)
                self.assertEqual(copies[0].history.first().history_change_reason, "Excel导入")


class ImportCommandTests(CastTestCase):
    def test_dry_run_checks_then_the_import_saves(self):
        f.RapidTestItemFactory(name="农残")
        OperatorFactory(township=self.township_a, name="甲镇农贸市场", category="market", subtype="farmers_market")
        row = {
            "检测日期": "2026-04-08",
            "检测地点": "甲镇农贸市场",
            "样品名称": "韭菜",
            "检测项目": "农残",
            "结果": "合格",
            "检测人": "张检测",
        }
        with tempfile.NamedTemporaryFile(suffix=".xlsx") as handle:
            handle.write(filled_template(LEDGER_SHEETS["rapid_tests"], [row, row]).getvalue())
            handle.flush()
            out = io.StringIO()
            call_command("import_ledger", "rapid_tests", handle.name, "--township", "town-a", "--dry-run", stdout=out)
            self.assertEqual(out.getvalue().strip(), "检查通过：2 行可以导入到甲镇（--dry-run，未保存）。")
            self.assertFalse(RapidTest.objects.exists())
            call_command("import_ledger", "rapid_tests", handle.name, "--township", "town-a", stdout=io.StringIO())
            self.assertEqual(RapidTest.objects.filter(township=self.township_a).count(), 2)

    def test_errors_stop_the_command(self):
        row = {"培训主题": "餐饮培训", "日期": "2026-04-08", "培训对象": "外星人", "参训人数（人次）": "30"}
        with tempfile.NamedTemporaryFile(suffix=".xlsx") as handle:
            handle.write(filled_template(LEDGER_SHEETS["trainings"], [row]).getvalue())
            handle.flush()
            err = io.StringIO()
            with self.assertRaisesMessage(CommandError, "发现 1 处错误，未导入任何数据。"):
                call_command("import_ledger", "trainings", handle.name, "--township", "town-a", stderr=err)
            self.assertIn("第3行，“培训对象”列：“外星人”不在可选范围内", err.getvalue())


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


class ExportedLedgersImportBackTests(CastTestCase):
    """What an office's own exported files hold must import back: same-named operators, follow-ups
    listed above the inspections they verify, scores given at an inspection."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        a = cls.township_a
        cls.first = OperatorFactory(township=a, name="甲镇面馆", licence_no="JY16207990000101")
        cls.second = OperatorFactory(township=a, name="甲镇面馆", licence_no="JY16207990000102")
        cls.shop = OperatorFactory(township=a, name="甲镇粮油店")

    def read(self, sheet_class, content):
        return sheet_class(township=self.township_a, user=self.inspector_a).read(io.BytesIO(content))

    def export(self, url_name):
        self.login(self.inspector_a)
        return self.client.get(reverse(f"inspections:{url_name}_export")).content

    def test_a_cell_listing_operators_names_a_shared_name_with_its_licence(self):
        interview = f.InterviewFactory(township=self.township_a, interviewees=2)
        interview.operators.set([self.second, self.shop])
        content = self.export("interview")
        cell = load_workbook(io.BytesIO(content)).active["D3"].value
        self.assertEqual(set(cell.split("、")), {"甲镇面馆（JY16207990000102）", "甲镇粮油店"})

        interview.void(by=self.inspector_a, reason="重新导入")
        result = self.read(InterviewSheet, content)
        self.assertEqual(result.errors, [])
        self.assertEqual(set(result.records[0].import_operators), {self.second, self.shop})

        by_name_alone = filled_template(
            InterviewSheet,
            [{"日期": "2026-04-01", "约谈事由": "整改", "被约谈单位": "甲镇面馆", "约谈人数（人次）": 1}],
        )
        errors = [str(e) for e in InterviewSheet(township=self.township_a).read(by_name_alone).errors]
        self.assertEqual(
            errors,
            [
                "第3行，“被约谈单位”列：以下名称不是本乡镇唯一登记的经营者：甲镇面馆（同名单位请写作“名称（许可/登记证编号）”）"
            ],
        )

    def test_a_follow_up_listed_above_its_inspection_imports_and_verifies_it(self):
        rows = [
            {
                "检查日期": "2026-05-20",
                "被检查单位": "甲镇粮油店",
                "检查类型": "复查",
                "检查人员": self.inspector_a.name,
                "其他检查人员": "李四",
                "检查结果": "符合",
            },
            {
                "检查日期": "2026-05-06",
                "被检查单位": "甲镇粮油店",
                "检查类型": "日常检查",
                "检查人员": self.inspector_a.name,
                "其他检查人员": "李四",
                "检查结果": "基本符合",
            },
        ]
        sheet = InspectionSheet(township=self.township_a, user=self.inspector_a)
        result = sheet.read(filled_template(InspectionSheet, rows))
        self.assertEqual([str(e) for e in result.errors], [])
        sheet.save(result)
        follow_up = Inspection.objects.get(kind=Inspection.Kind.FOLLOW_UP)
        self.assertEqual(follow_up.follows, Inspection.objects.get(kind=Inspection.Kind.ROUTINE))

    def test_a_score_given_at_an_inspection_is_not_given_twice(self):
        inspection = f.InspectionFactory(operator=self.shop, inspected_on=D(2026, 3, 5))
        for given, day, points in ((inspection, D(2026, 3, 5), 4), (None, D(2026, 4, 1), 2)):
            ScoreRecord.objects.create(
                township=self.township_a, operator=self.shop, inspection=given, scored_on=day, points=points, reason="x"
            )
        content = self.export("scorerecord")
        self.assertEqual(
            [row[5] for row in load_workbook(io.BytesIO(content)).active.iter_rows(min_row=3, values_only=True)],
            [None, datetime.datetime(2026, 3, 5)],
        )
        ScoreRecord.objects.filter(inspection=None).delete()
        sheet = ScoreRecordSheet(township=self.township_a, user=self.inspector_a)
        result = sheet.read(io.BytesIO(content))
        self.assertEqual(result.errors, [])
        sheet.save(result)
        self.assertEqual(
            sorted(ScoreRecord.objects.values_list("scored_on", "points", "inspection")),
            [(D(2026, 3, 5), 4, inspection.pk), (D(2026, 4, 1), 2, None)],
        )

        row = {
            "记分日期": "2026-03-05",
            "经营者": "甲镇粮油店",
            "记分": 6,
            "记分事由": "x",
            "所属检查日期": "2026-03-05",
        }
        errors = [str(e) for e in sheet.read(filled_template(ScoreRecordSheet, [row])).errors]
        self.assertEqual(errors, ["第3行，“记分”列：该次检查已记4分，与本行的6分不符"])
        row["所属检查日期"] = "2026-03-06"
        errors = [str(e) for e in sheet.read(filled_template(ScoreRecordSheet, [row])).errors]
        self.assertEqual(errors, ["第3行，“所属检查日期”列：该单位2026-03-06没有检查记录（请先导入监督检查台账）"])
