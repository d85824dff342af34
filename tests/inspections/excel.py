"""Workbooks for the Excel tests (a header and rows, or a ledger's own template filled in) and
the base of the tests of a ledger's import errors."""

import io

from openpyxl import Workbook, load_workbook

from tests.base import CastTestCase
from tests.factories import OperatorFactory
from tests.inspections import factories as f


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


class ImportErrorTestCase(CastTestCase):
    """Every bad row is reported as 第N行，“列”列：原因, and nothing is saved.

    Township A has a shop, a market and the rapid-test item 农残; township B a shop.
    """

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
