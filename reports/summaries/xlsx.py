"""The summary's appendix as an Excel workbook (openpyxl, write-only).

Sheet 统计指标: one row per figure with its value as a number (the value `figures --json` gives),
unit, numerator, denominator and definition; a county's has one column per township beside the
total. A county's township comparison (表1) and the rows of the list figures get sheets of their
own, written by the same pieces as the statistics export (reports/exports.py): user text is
always text, never a formula.
"""

from openpyxl import Workbook

from registry.ledgers.xlsx import workbook_bytes

from ..exports import append_row, list_sheet, statistics_header, statistics_row
from .appendix import LISTED
from .document import Table


def render(facts, document) -> bytes:
    workbook = Workbook(write_only=True)
    _figures_sheet(workbook, facts)
    comparison = next(
        (block for section in document.sections for block in section.blocks if isinstance(block, Table)), None
    )
    if comparison is not None:
        _table_sheet(workbook, "各乡镇对比", comparison)
    for key in LISTED:
        value = facts.values[key]
        if value.rows:
            list_sheet(workbook, value)
    return workbook_bytes(workbook)


def _figures_sheet(workbook, facts):
    sheet = workbook.create_sheet("统计指标")
    townships = facts.townships if facts.scope.is_county else []
    shares = facts.list_shares if townships else {}
    append_row(sheet, [f"{facts.name}{facts.when}食品安全监管统计指标"], bold=True)
    append_row(
        sheet,
        [f"统计期间：{facts.period.start:%Y-%m-%d}至{facts.period.end:%Y-%m-%d}；数据截至{facts.as_of}"],
    )
    append_row(sheet, statistics_header(townships), bold=True)
    for key, value in facts.values.items():
        by_township = [shares[key].get(t.pk) if key in shares else value.share(t.pk) for t in townships]
        append_row(sheet, statistics_row(value, by_township))


def _table_sheet(workbook, title, table):
    sheet = workbook.create_sheet(title)
    append_row(sheet, [table.caption], bold=True)
    append_row(sheet, table.headers, bold=True)
    for row in table.rows:
        append_row(sheet, [_numeric(run) for run in row])
    if table.note:
        append_row(sheet, [table.note])


def _numeric(run):
    """A table cell's number as a number; text stays text."""
    if not run.key:
        return run.text
    try:
        return int(run.text)
    except ValueError:
        try:
            return float(run.text)
        except ValueError:
            return run.text
