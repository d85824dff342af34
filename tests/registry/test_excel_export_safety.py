"""Every .xlsx we write keeps user text as text: never a live formula (issue 12, item 5)."""

import io
import zipfile

from django.urls import reverse
from openpyxl import Workbook, load_workbook

from inspections.sheets import LEDGER_SHEETS
from registry.ledgers.xlsx import workbook_bytes
from registry.models import Operator
from registry.sheets import SHEETS, OperatorSheet
from tests.base import CastTestCase
from tests.factories import OperatorFactory, TownshipFactory, VillageFactory

DANGEROUS = [
    '=HYPERLINK("http://evil.example/x","点击")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1)",
    "\t=1+1",
    "\r=1+1",
    "#N/A",
]


def sheet_xml(content):
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.read("xl/worksheets/sheet1.xml").decode()


class SharedWriterTests(CastTestCase):
    def test_formula_like_text_is_written_as_text_with_a_quote_prefix(self):
        wb = Workbook()
        for text in DANGEROUS:
            OperatorSheet(township=None).write_row(wb.active, [text])
        wb.active.append(["=1+1"])  # even a cell written past the sheet's own writer
        content = workbook_bytes(wb)
        self.assertNotIn("<f>", sheet_xml(content))
        cells = [row[0] for row in load_workbook(io.BytesIO(content)).active.iter_rows()]
        # A line end is written as LF whatever the user's system typed.
        self.assertEqual([c.value for c in cells], [*(t.replace("\r", "\n") for t in DANGEROUS), "=1+1"])
        self.assertEqual({c.data_type for c in cells}, {"s"})
        self.assertTrue(all(c.quotePrefix for c in cells))

    def test_characters_excel_cannot_hold_do_not_break_an_export(self):
        wb = Workbook()
        sheet = OperatorSheet(township=None)
        sheet.write_row(wb.active, ["店\x01名\x1f", 3, None])
        self.assertEqual([c.value for c in load_workbook(io.BytesIO(workbook_bytes(wb))).active[1]][:2], ["店名", 3])


class OperatorExportTests(CastTestCase):
    def test_export_then_import_gives_the_same_text(self):
        for n, text in enumerate(DANGEROUS):
            OperatorFactory(township=self.township_a, name=f"{text}{n}", notes=text, licence_no="")
        self.login(self.inspector_a)
        content = self.client.get(reverse("registry:operator_export")).content
        self.assertNotIn("<f>", sheet_xml(content))
        names = [c.value for c in load_workbook(io.BytesIO(content)).active["A"][2:]]
        self.assertEqual(sorted(names), sorted(f"{t}{n}".replace("\r", "\n") for n, t in enumerate(DANGEROUS)))

        empty = TownshipFactory(county=self.county, name="丙镇")
        VillageFactory(township=empty, name="甲一村")
        result = OperatorSheet(township=empty).read(io.BytesIO(content))
        self.assertEqual([str(e) for e in result.error_lines], [])
        OperatorSheet(township=empty).save(result)
        # Text keeps its leading and trailing characters apart from the blanks an import trims.
        expected = sorted((f"{t}{n}".strip(), t.strip()) for n, t in enumerate(DANGEROUS))
        self.assertEqual(sorted(Operator.objects.filter(township=empty).values_list("name", "notes")), expected)

    def test_every_template_and_export_goes_through_the_shared_writer(self):
        self.login(self.inspector_a)
        for sheet_class in [*SHEETS.values(), *LEDGER_SHEETS.values()]:
            with self.subTest(sheet_class.__name__):
                app = sheet_class.model._meta.app_label
                name = sheet_class.model._meta.model_name
                for role in ("template", "export"):
                    content = self.client.get(reverse(f"{app}:{name}_{role}")).content
                    self.assertNotIn("<f>", sheet_xml(content))


class FigureExportTests(CastTestCase):
    """The statistics workbook and the drill-down lists are written by the same rules."""

    def test_drill_down_list_keeps_an_operator_name_as_text(self):
        OperatorFactory(township=self.township_a, name='=HYPERLINK("http://evil.example/x","点击")\x07')
        self.login(self.inspector_a)
        response = self.client.get(reverse("reports:figure_export", args=["operators_total"]))
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("<f>", sheet_xml(response.content))
        cells = [cell for row in load_workbook(io.BytesIO(response.content)).active.iter_rows() for cell in row]
        (name,) = [c for c in cells if str(c.value).startswith("=HYPERLINK")]
        self.assertEqual((name.value, name.data_type, name.quotePrefix), (DANGEROUS[0], "s", True))
        response = self.client.get(reverse("reports:figures_xlsx"))
        self.assertNotIn("<f>", sheet_xml(response.content))
