"""Reading offices' real files: nothing they wrote is lost without a word (issue 13, item 4)."""

import datetime

from registry.ledgers.sheets import Column, LedgerSheet, parse_date
from registry.models import Operator
from registry.sheets import OperatorSheet
from registry.text import split_names
from tests.base import CastTestCase
from tests.registry.workbooks import save, with_cached_formula, xlsx

HEADER = ["序号", "名称", "业态类别", "细类", "所属村", "登记日期"]


def shop(n, village="甲一村", registered="2022-01-01"):
    return [n, f"店{n}", "食品零售", "食杂店", village, registered]


class SheetReadTestCase(CastTestCase):
    sheet_class = OperatorSheet

    def read(self, rows, **kwargs):
        return self.sheet_class(township=self.township_a, user=self.inspector_a).read(xlsx(rows, **kwargs))

    def messages(self, result):
        return [str(line) for line in result.error_lines]


class UnknownColumnTests(SheetReadTestCase):
    def test_status_written_as_a_synonym_is_read(self):
        rows = [
            ["名称", "业态类别", "细类", "登记日期", "状态", "状态变更日期", "是否明厨亮灶"],
            ["老店", "食品零售", "食杂店", "2020-01-01", "注销", "2023-05-01", "是"],
        ]
        result = self.read(rows)
        self.assertEqual(self.messages(result), [])
        (record,) = result.records
        self.assertEqual(record.status, Operator.Status.CANCELLED)
        self.assertTrue(record.bright_kitchen)

    def test_a_near_miss_header_with_data_is_an_error_naming_the_column_it_resembles(self):
        rows = [
            ["名称", "业态类别", "细类", "登记日期", "经营状况"],
            ["老店", "食品零售", "食杂店", "2020-01-01", "注销"],
        ]
        result = self.read(rows)
        self.assertFalse(result.ok)
        self.assertEqual(
            self.messages(result),
            ["第1行：E列“经营状况”不是本台账的列，其内容不会导入。是否应为“经营状态”？请把表头改为“经营状态”"],
        )

    def test_an_unrelated_column_with_data_is_listed_for_the_user_to_confirm(self):
        rows = [
            ["名称", "业态类别", "细类", "登记日期", "微信号", "空列"],
            ["老店", "食品零售", "食杂店", "2020-01-01", "laodian88", None],
        ]
        result = self.read(rows)
        self.assertTrue(result.ok)
        self.assertEqual([(c.letter, c.header) for c in result.ignored_columns], [("E", "微信号")])
        layout = {c.header: (c.field_header, c.status) for c in result.layout}
        self.assertEqual(layout["名称"], ("名称", "mapped"))
        self.assertEqual(layout["微信号"], ("", "ignored"))
        self.assertEqual(layout["空列"], ("", "empty"))
        self.assertEqual(result.missing_headers[:2], ["统一社会信用代码", "许可/登记证类型"])

    def test_two_columns_for_one_field_is_an_error(self):
        rows = [
            ["名称", "业态类别", "细类", "登记日期", "状态", "经营状态"],
            ["老店", "食品零售", "食杂店", "2020-01-01", "注销", "营业"],
        ]
        self.assertEqual(
            self.messages(self.read(rows))[0], "第1行：E列“状态”和F列“经营状态”都对应“经营状态”，请只保留一列"
        )


class MergedCellTests(SheetReadTestCase):
    def test_vertically_merged_village_fills_every_row(self):
        rows = [HEADER, shop(1), shop(2, village=None), shop(3, village=None), shop(4, village="甲一村")]
        result = self.read(rows, merges=["E2:E4"])
        self.assertEqual(self.messages(result), [])
        self.assertEqual([r.village for r in result.records], [self.village_a] * 4)

    def test_a_merged_cell_alone_does_not_make_a_data_row(self):
        rows = [HEADER, shop(1), [None] * 6, [None] * 6]
        result = self.read(rows, merges=["E2:E4"])
        self.assertEqual(self.messages(result), [])
        self.assertEqual(len(result.records), 1)

    def test_two_level_header_with_group_row(self):
        rows = [
            ["甲镇经营户台账"],
            ["序号", "基本信息", None, None, "许可证", None, "登记日期"],
            [None, "名称", "业态类别", "细类", "编号", "有效期至", None],
            [1, "面馆", "餐饮服务", "小型餐饮", "JY162", "2027-01-01", "2022-01-01"],
        ]
        merges = ["A1:G1", "A2:A3", "B2:D2", "E2:F2", "G2:G3"]
        result = self.read(rows, merges=merges)
        self.assertEqual(self.messages(result), [])
        (record,) = result.records
        self.assertEqual(result.header_row, 3)
        self.assertEqual((record.licence_no, record.licence_expires_on), ("JY162", datetime.date(2027, 1, 1)))
        self.assertEqual(record.registered_on, datetime.date(2022, 1, 1))


class CellTextTests(SheetReadTestCase):
    def test_full_width_digits_letters_and_spaces(self):
        rows = [
            ["名称", "业态类别", "细类", "许可/登记证编号", "登记日期", "明厨亮灶"],
            ["面馆\u3000", "餐饮服务", "小型餐饮", "ＪＹ１６２", "２０２２－０３－０５", "是"],
        ]
        result = self.read(rows)
        self.assertEqual(self.messages(result), [])
        (record,) = result.records
        self.assertEqual((record.name, record.licence_no), ("面馆", "JY162"))
        self.assertEqual(record.registered_on, datetime.date(2022, 3, 5))

    def test_dates_as_excel_serial_numbers_and_datetime_text(self):
        rows = [
            ["名称", "业态类别", "细类", "登记日期", "发证日期"],
            ["甲", "食品零售", "食杂店", 44621, "2022-03-05 00:00:00"],
        ]
        (record,) = self.read(rows).records
        self.assertEqual(record.registered_on, datetime.date(2022, 3, 1))
        self.assertEqual(record.licence_issued_on, datetime.date(2022, 3, 5))

    def test_parse_date_forms(self):
        self.assertEqual(parse_date(44621.0), datetime.date(2022, 3, 1))
        self.assertEqual(parse_date("44621"), datetime.date(2022, 3, 1))
        self.assertEqual(parse_date("2022-03-05 08:30"), datetime.date(2022, 3, 5))
        self.assertEqual(parse_date("2022.3.5"), datetime.date(2022, 3, 5))

    def test_officer_names_are_split_on_every_usual_separator(self):
        self.assertEqual(
            split_names("王红、李明/张三，赵四,钱五 孙六"), ["王红", "李明", "张三", "赵四", "钱五", "孙六"]
        )
        # A space that pads a two-character name to align it is part of the name.
        self.assertEqual(split_names("王\u3000红、李  明"), ["王红", "李明"])
        self.assertEqual(split_names(" ／ "), [])

    def test_a_row_with_only_a_row_number_is_not_a_data_row(self):
        rows = [HEADER, shop(1), [2], [3, None, None, None, None, None]]
        result = self.read(rows)
        self.assertEqual(self.messages(result), [])
        self.assertEqual(len(result.records), 1)


class ErrorReportTests(SheetReadTestCase):
    def test_one_cause_over_many_rows_is_reported_once(self):
        rows = [HEADER] + [
            shop(n, village="不存在村" if n in (2, 3, 6, 7, 8, 9, 10, 11) else "甲一村") for n in range(1, 13)
        ]
        result = self.read(rows)
        self.assertEqual(self.messages(result), ["第3、4、7–12行，“所属村”列：“不存在村”不是甲镇的行政村"])
        # The row-by-row list stays complete for whoever needs it.
        self.assertEqual(len(result.errors), 8)

    def test_the_message_names_the_sheet_it_read(self):
        result = self.read([["单位", "种类"], ["x", "y"]], title="经营户")
        self.assertEqual(
            self.messages(result),
            ["表头：在工作表“经营户”的前15行中找不到表头（须含列：名称、业态类别、登记日期）"],
        )

    def test_the_sheet_with_the_header_is_read_even_if_not_first(self):
        rows = [HEADER, shop(1)]
        result = self.read([["说明：请在第二个工作表填写"]], title="说明", sheets=[("经营户", rows)])
        self.assertEqual(self.messages(result), [])
        self.assertEqual(result.sheet_name, "经营户")
        self.assertEqual(len(result.records), 1)


class FormulaCellTests(SheetReadTestCase):
    def test_a_formula_is_read_as_the_value_excel_shows(self):
        from openpyxl import Workbook

        wb = Workbook()
        wb.active.append(["名称", "业态类别", "细类", "登记日期"])
        wb.active.append(["placeholder", "食品零售", "食杂店", "2022-01-01"])
        content = with_cached_formula(save(wb), "A2", 'CONCAT("红星","面馆")', "红星面馆")
        from tests.registry.workbooks import as_upload

        result = OperatorSheet(township=self.township_a).read(as_upload(content))
        self.assertEqual(self.messages(result), [])
        self.assertEqual(result.records[0].name, "红星面馆")

    def test_a_formula_never_calculated_is_an_error(self):
        rows = [
            ["名称", "业态类别", "细类", "登记日期"],
            ['=CONCAT("红星","面馆")', "食品零售", "食杂店", "2022-01-01"],
        ]
        self.assertEqual(
            self.messages(self.read(rows)),
            [
                "第2行，“名称”列：单元格是公式，但文件中没有它的计算结果。"
                "请用 Excel 打开并保存后再上传，或把公式转为数值"
            ],
        )

    def test_an_error_value_is_reported(self):
        rows = [["名称", "业态类别", "细类", "登记日期"], ["店", "食品零售", "食杂店", "#N/A"]]
        self.assertEqual(
            self.messages(self.read(rows)), ["第2行，“登记日期”列：单元格是错误值 #N/A，请改正公式或填写内容"]
        )


class ColumnApiTests(CastTestCase):
    def test_synonyms_are_declared_on_the_column_and_old_calls_still_work(self):
        column = Column("经营状态", "status", synonyms=("状态", "营业状态"))
        self.assertEqual(column.synonyms, ("状态", "营业状态"))
        legacy = Column("名称", "name", "text", True, None, 28, "")
        self.assertEqual((legacy.required, legacy.width, legacy.synonyms), (True, 28, ()))

    def test_no_two_columns_of_a_sheet_share_a_header_or_synonym(self):
        from inspections.sheets import LEDGER_SHEETS
        from registry.sheets import SHEETS

        for sheet_class in [*SHEETS.values(), *LEDGER_SHEETS.values()]:
            with self.subTest(sheet_class.__name__):
                self.assertTrue(issubclass(sheet_class, LedgerSheet))
                sheet_class.header_index()  # raises on a clash
