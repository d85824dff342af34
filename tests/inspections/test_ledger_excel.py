"""Excel in and out of every ledger: templates, all-or-nothing imports with row errors, round trips."""

import datetime
import io
import tempfile
from decimal import Decimal

from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from inspections.models import Case, RapidTest, Sample, SampleDisposal
from inspections.sheets import LEDGER_SHEETS
from inspections.sheets.cases import CaseSheet
from inspections.sheets.sampling import SampleSheet
from tests.base import CastTestCase
from tests.factories import MobileChefFactory, OperatorFactory
from tests.inspections import factories as f

D = datetime.date
OWN_ROUND_TRIP = {"inspections", "rectifications", "scores"}


def filled_template(sheet_class, rows):
    """The ledger's own import template with `rows` (dicts by header) typed under its header."""
    workbook = load_workbook(io.BytesIO(sheet_class(township=None).template()))
    sheet = workbook.active
    headers = [column.header for column in sheet_class.columns]
    for row in rows:
        unknown = set(row) - set(headers)
        assert not unknown, unknown
        sheet.append([row.get(header) for header in headers])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


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


class ImportErrorTests(CastTestCase):
    """Every bad row is reported as 第N行，“列”列：原因, and nothing is saved."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.shop = OperatorFactory(township=cls.township_a, name="甲镇粮油店")
        OperatorFactory(township=cls.township_b, name="乙镇超市")
        cls.market = OperatorFactory(
            township=cls.township_a, name="甲镇农贸市场", category="market", subtype="farmers_market"
        )
        f.RapidTestItemFactory(name="农残")

    def errors(self, sheet_class, rows):
        result = sheet_class(township=self.township_a, user=self.inspector_a).read(filled_template(sheet_class, rows))
        return [str(error) for error in result.errors]

    def sample_row(self, **values):
        row = {
            "抽样单编号": "NCP-1",
            "抽样日期": "2026-04-02",
            "被抽样单位": "甲镇粮油店",
            "样品名称": "挂面",
            "食品类别": "粮食加工品",
            "抽样单位": "青山县市场监督管理局",
            "检验机构": "甘肃省食品检验研究院",
            "检验结论": "合格",
            "报告日期": "2026-04-20",
        }
        row.update(values)
        return row

    def test_sample_rows(self):
        rows = [
            self.sample_row(),
            self.sample_row(**{"抽样单编号": "NCP-2", "检验结论": "不合格"}),
            self.sample_row(**{"抽样单编号": "NCP-3", "被抽样单位": "乙镇超市"}),
            self.sample_row(),
            self.sample_row(**{"抽样单编号": "NCP-5", "下架/封存日期": "2026-04-21"}),
            self.sample_row(
                **{"抽样单编号": "NCP-6", "检验结论": "不合格", "不合格项目": "铅", "立案案件编号": "不存在的案件"}
            ),
            self.sample_row(**{"抽样单编号": "NCP-7", "报告日期": "2026-03-01"}),
            self.sample_row(**{"抽样单编号": "NCP-8", "食品类别": "奶茶"}),
        ]
        self.assertEqual(
            self.errors(SampleSheet, rows),
            [
                "第4行，“不合格项目”列：不合格批次须填写不合格项目。",
                "第5行，“被抽样单位”列：“乙镇超市”不是甲镇已登记的经营者",
                "第6行，“抽样单编号”列：与本表前面的行重复",
                "第7行：只有不合格批次需要核查处置。",
                "第8行，“立案案件编号”列：甲镇没有编号为“不存在的案件”的案件（请先导入案件台账）",
                "第9行，“报告日期”列：报告日期不能早于抽样日期。",
                "第10行，“食品类别”列：“奶茶”不在可选范围内（"
                + "、".join(label.split("（")[0] for _, label in Sample.FoodCategory.choices)
                + "）",
            ],
        )
        self.assertFalse(Sample.objects.exists())

    def test_operators_of_the_same_name_are_told_apart_by_licence(self):
        OperatorFactory(township=self.township_a, name="同名店", licence_no="JY-1")
        second = OperatorFactory(township=self.township_a, name="同名店", licence_no="JY-2")
        rows = [
            self.sample_row(**{"被抽样单位": "同名店"}),
            self.sample_row(**{"抽样单编号": "NCP-2", "被抽样单位": "同名店", "许可/登记证编号": "JY-9"}),
        ]
        self.assertEqual(
            self.errors(SampleSheet, rows),
            [
                "第3行，“被抽样单位”列：甲镇有2个“同名店”，请填写许可/登记证编号以区分",
                "第4行，“被抽样单位”列：甲镇没有许可/登记证编号为“JY-9”的经营者",
            ],
        )
        told_apart = self.sample_row(**{"被抽样单位": "同名店", "许可/登记证编号": "JY-2"})
        sheet = SampleSheet(township=self.township_a, user=self.inspector_a)
        result = sheet.read(filled_template(SampleSheet, [told_apart]))
        self.assertEqual(result.errors, [])
        sheet.save(result)
        self.assertEqual(Sample.objects.get().operator, second)

    def test_rapid_test_rows(self):
        base = {
            "检测日期": "2026-04-08",
            "检测地点": "甲镇农贸市场",
            "样品名称": "小白菜",
            "检测项目": "农残",
            "结果": "合格",
            "检测人": "张检测",
        }
        rows = [base, {**base, "结果": "不合格"}, {**base, "检测项目": "三聚氰胺"}]
        errors = self.errors(LEDGER_SHEETS["rapid_tests"], rows)
        self.assertEqual(errors[0], "第4行，“不合格处置”列：不合格须填写处置情况。")
        self.assertTrue(errors[1].startswith("第5行，“检测项目”列：“三聚氰胺”不是快检项目（可选：农残"))
        self.assertFalse(RapidTest.objects.exists())

    def test_case_rows(self):
        base = {"案件编号": "立-1", "当事人": "某药店", "案由": "销售过期药品", "立案日期": "2026-04-01"}
        rows = [
            {**base, "没收物品": "药品30板；过期食品（酸奶）12.5公斤"},
            {**base, "案件编号": "立-2", "没收物品": "一些药"},
            {**base, "案件编号": "立-3", "没收物品": "药品 3 吨"},
            {**base, "案件编号": "立-4", "罚款（元）": "-100", "处罚决定日期": "2026-05-01"},
            {**base, "案件编号": "立-5", "罚款（元）": "500"},
            {**base, "案件编号": "立-6", "结案日期": "2026-03-01"},
        ]
        self.assertEqual(
            self.errors(CaseSheet, rows),
            [
                "第4行，“没收物品”列：“一些药”应写成“种类（物品名称）数量单位”，如：过期食品（酸奶）12.5公斤",
                "第5行，“没收物品”列：“吨”不是计量单位（可选：公斤、板、盒、瓶、袋、箱、件、支、个、升、台）",
                "第6行，“罚款（元）”列：金额不能为负数。",
                "第7行，“处罚决定日期”列：有罚没款的案件须填写处罚决定日期。",
                "第8行，“结案日期”列：结案日期不能早于立案日期。",
            ],
        )
        self.assertFalse(Case.objects.exists())

    def test_banquet_and_complaint_rows(self):
        banquet = {
            "聚餐日期": "2026-04-26",
            "村": "甲一村",
            "举办者": "王五",
            "聚餐类型": "婚宴",
            "报告日期": "2026-04-20",
            "桌数": 20,
            "就餐人数": 200,
        }
        errors = self.errors(
            LEDGER_SHEETS["banquets"],
            [banquet, {**banquet, "村": "乙一村"}, {**banquet, "厨师": "无名氏"}, {**banquet, "桌数": "二十"}],
        )
        self.assertEqual(
            errors,
            [
                "第4行，“村”列：“乙一村”不是甲镇的行政村",
                "第5行，“厨师”列：“无名氏”不是本县已登记的流动厨师",
                "第6行，“桌数”列：“二十”不是数字",
            ],
        )
        complaint = {
            "受理日期": "2026-05-11",
            "类别": "投诉",
            "来源渠道": "12315平台",
            "被投诉举报对象": "流动摊贩",
            "反映问题": "三无食品",
        }
        errors = self.errors(LEDGER_SHEETS["complaints"], [complaint, {**complaint, "办结日期": "2026-05-20"}])
        self.assertEqual(errors, ["第4行，“办理结果”列：办结须选择办理结果。"])


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
        # The inspection, rectification and score sheets have round-trip tests of their own.
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
