"""The files of a summary (build_report): the PDF, the Word file and the Excel appendix say the same
thing, and their numbers are the ones `figures --json` gives."""

import io
import json
import re
import tempfile
from pathlib import Path

from django.core.management import call_command
from django.test import TestCase
from docx import Document as WordDocument
from openpyxl import load_workbook
from pypdf import PdfReader

from reports import figures as catalogue
from tests.factories import CountyFactory, TownshipFactory
from tests.reports.summary_data import registry, year_of_records

YEAR = 2025


def shown(key, value) -> str:
    """How a value of `figures --json` is printed: 86.8 for a rate, 4000 for 4000.0, a list's length."""
    figure = catalogue.FIGURES[key]
    if isinstance(value, list):
        return str(len(value))
    if value is None:
        return "—"
    if figure.kind == "percent":
        return f"{value:.1f}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


class SummaryFilesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        county = CountyFactory()
        cls.township = TownshipFactory(county=county, code="jiazhen", name="甲镇")
        village, operators = registry(cls.township)
        year_of_records(cls.township, village, operators, YEAR - 1)
        year_of_records(cls.township, village, operators, YEAR, scale=2)
        out = io.StringIO()
        call_command(
            "figures", "--township", "jiazhen", "--from", f"{YEAR}-01-01", "--to", f"{YEAR}-12-31", "--json", stdout=out
        )
        cls.expected = json.loads(out.getvalue())
        cls.folder = Path(tempfile.mkdtemp())
        cls.files = {}
        for format in ("pdf", "docx", "xlsx", "html"):
            path = cls.folder / f"summary.{format}"
            call_command(
                "build_report",
                kind="annual",
                year=YEAR,
                township="jiazhen",
                format=format,
                output=str(path),
                stdout=io.StringIO(),
            )
            cls.files[format] = path
        reader = PdfReader(cls.files["pdf"])
        cls.pdf_pages = [page.extract_text() for page in reader.pages]
        cls.pdf_text = "\n".join(cls.pdf_pages)
        cls.pdf_fonts = {
            str(font["/BaseFont"])
            for page in reader.pages
            for font in page["/Resources"]["/Font"].values()
            if "/BaseFont" in font
        }

    def test_pdf_names_the_township_and_year_and_prints_every_figure_of_figures_json(self):
        text = squeezed(self.pdf_text)
        self.assertIn("甲镇2025年食品安全工作总结", text)
        self.assertIn("甲镇市场监督管理所", text)
        for key, value in self.expected.items():
            figure = catalogue.FIGURES[key]
            row = squeezed(f"{figure.label}{shown(key, value)}{figure.unit}")
            self.assertIn(row, text, key)
        self.assertIn("共检查食品生产经营单位7户次（比上年增加3户次，同比增长75.0%）", text)

    def test_pdf_has_no_placeholder_and_real_chinese_in_an_embedded_cjk_font(self):
        for marker in ("*", "XX", "None", "{{"):
            self.assertNotIn(marker, self.pdf_text)
        self.assertGreater(len(re.findall(r"[\u4e00-\u9fff]", self.pdf_text)), 2000)
        self.assertTrue(any("Noto-Serif-CJK-SC" in font for font in self.pdf_fonts), self.pdf_fonts)

    def test_pdf_pages_are_numbered_like_an_official_document(self):
        for number, page in enumerate(self.pdf_pages, 1):
            self.assertIn(f"— {number} —", page)
        self.assertGreater(len(self.pdf_pages), 5)

    def test_pdf_appendix_tables_repeat_their_header_on_every_page(self):
        header = "指标数值单位分子／分母口径说明"
        continued = [page for page in self.pdf_pages if squeezed(page).startswith(header)]
        self.assertGreaterEqual(len(continued), 2)  # pages that begin inside a table, with its header

    def test_pdf_draws_its_charts_with_text_as_text(self):
        self.assertIn("图1各月现场监督检查户次", squeezed(self.pdf_text))
        self.assertIn("监督抽检结果（按食品类别，批次）", self.pdf_text)
        self.assertIn("粮食加工品", self.pdf_text)  # a chart's axis label, extracted as text

    def test_docx_holds_the_same_text_and_tables(self):
        word = WordDocument(self.files["docx"])
        paragraphs = [p.text for p in word.paragraphs if p.text]
        self.assertEqual(paragraphs[0], "甲镇2025年食品安全工作总结")
        text = "\n".join(paragraphs)
        pdf = re.sub(r"—\d+—", "", squeezed(self.pdf_text))  # a paragraph may run across a page number
        for paragraph in paragraphs[1:40]:
            self.assertIn(squeezed(paragraph), pdf)
        self.assertIn("（一）强化组织领导，夯实基层监管工作基础。", text)
        cells = {cell.text for table in word.tables for row in table.rows for cell in row.cells}
        self.assertIn("食品生产经营单位", cells)
        self.assertGreaterEqual(len(word.tables), 5)
        east_asian = word.styles["Normal"].element.rPr.rFonts.get(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia"
        )
        self.assertEqual(east_asian, "仿宋_GB2312")

    def test_xlsx_values_equal_figures_json(self):
        sheet = load_workbook(self.files["xlsx"], read_only=True)["统计指标"]
        rows = list(sheet.iter_rows(values_only=True))
        header = rows[2]
        key_column, value_column = header.index("代码"), header.index("数值")
        values = {row[key_column]: row[value_column] for row in rows[3:]}
        self.assertEqual(values.keys(), self.expected.keys())
        for key, value in self.expected.items():
            if isinstance(value, list):
                self.assertEqual(values[key], len(value), key)
            elif value is None:
                self.assertEqual(values[key], "—", key)
            else:
                self.assertEqual(values[key], value, key)

    def test_html_is_the_same_document_standing_alone(self):
        page = self.files["html"].read_text(encoding="utf-8")
        self.assertIn("<style>", page)
        self.assertIn("甲镇2025年食品安全工作总结", page)
        self.assertNotIn("<a ", page)  # the file is for reading, not a page of the app
