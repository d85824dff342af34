"""The ledgers' sheets read offices' own headers (issue 13, item 4): 存在问题, 责令改正通知书文号…"""

from inspections.models import Inspection
from inspections.sheets import LEDGER_SHEETS
from inspections.sheets.inspections import InspectionSheet
from tests.base import CastTestCase
from tests.factories import OperatorFactory, inspector
from tests.registry.workbooks import xlsx

OFFICE_HEADER = [
    "序号",
    "检查时间",
    "被检查单位名称",
    "检查类别",
    "执法人员",
    "检查结论",
    "存在问题",
    "责令改正通知书文号",
]


class InspectionOfficeHeaderTests(CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.inspector_a.name = "王监管"
        cls.inspector_a.save()
        inspector(cls.township_a, username="colleague", name="李执法")
        cls.shop = OperatorFactory(township=cls.township_a, name="东街超市")
        cls.noodles = OperatorFactory(township=cls.township_a, name="红星面馆")

    def test_an_office_ledger_with_its_own_headers_and_merged_cells(self):
        rows = [
            ["2025年监督检查台账"],
            OFFICE_HEADER,
            [1, "2025-02-01", "东街超市", "日常检查", "王监管/李执法", "基本符合", "台账不全", "甲责改通〔2025〕3号"],
            [2, "2025-02-01", "红星面馆", "日常检查", "王监管，李执法", "符合", None, None],
            [3],
        ]
        sheet = InspectionSheet(township=self.township_a, user=self.inspector_a)
        # 检查时间 merged over both rows, as offices do for a day's round.
        result = sheet.read(xlsx(rows, merges=["A1:H1", "B3:B4"]))
        self.assertEqual([str(e) for e in result.error_lines], [])
        self.assertEqual(result.ignored_columns, [])
        sheet.save(result)
        first = Inspection.objects.get(operator=self.shop)
        self.assertEqual((first.result, first.findings), ("basic", "台账不全"))
        self.assertEqual(first.documents.get().number, "甲责改通〔2025〕3号")
        self.assertEqual({o.name for o in first.officers.all()}, {"王监管", "李执法"})
        second = Inspection.objects.get(operator=self.noodles)
        self.assertEqual((str(second.inspected_on), second.officers.count()), ("2025-02-01", 2))

    def test_other_officers_padded_to_line_up_are_one_person_each(self):
        self.assertEqual(Inspection(other_officers="张　三、李四/王五").other_officer_names, ["张三", "李四", "王五"])


class LedgerHeaderTests(CastTestCase):
    def test_every_ledger_template_header_is_still_read(self):
        for sheet_class in LEDGER_SHEETS.values():
            with self.subTest(sheet_class.__name__):
                sheet = sheet_class(township=None)
                for column in sheet_class.columns:
                    self.assertIs(sheet.match_header(column.header + ("*" if column.required else "")), column)
