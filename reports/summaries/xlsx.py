"""The summary's appendix as an Excel workbook (openpyxl, write-only).

Sheet 统计指标: one row per figure with its value as a number (the value `figures --json` gives),
unit, numerator, denominator and definition; a county's has one column per township beside the
total. A county's township comparison (表1) and the rows of the list figures get sheets of their
own. User text is always written as text, never as a formula (exports._cell).
"""

import io

from openpyxl import Workbook

from .. import figures as catalogue
from ..exports import _cell
from ..figures import RatioFigure
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
            _list_sheet(workbook, value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _append(sheet, values, *, bold=False):
    sheet.append([_cell(sheet, value, bold=bold) for value in values])


def _number(figure, value):
    """A value as a spreadsheet number: the same number `figures --json` prints; "—" for no value."""
    if value is None:
        return "—"
    if isinstance(figure, RatioFigure):
        return float(value)
    return value


def _figures_sheet(workbook, facts):
    sheet = workbook.create_sheet("统计指标")
    townships = facts.townships if facts.scope.is_county else []
    shares = facts.list_shares if townships else {}
    _append(sheet, [f"{facts.name}{facts.when}食品安全监管统计指标"], bold=True)
    _append(
        sheet,
        [f"统计期间：{facts.period.start:%Y-%m-%d}至{facts.period.end:%Y-%m-%d}；数据截至{facts.as_of}"],
    )
    headers = ["章节", "指标", "代码", "单位", *(t.name for t in townships), "合计" if townships else "数值"]
    _append(sheet, [*headers, "分子", "分母", "类型", "口径说明"], bold=True)
    for key, value in facts.values.items():
        figure = value.figure
        by_township = [
            _number(figure, shares[key].get(t.pk) if key in shares else value.share(t.pk)) for t in townships
        ]
        numerator = _number(figure, value.numerator.total) if value.numerator else None
        denominator = _number(figure, value.denominator.total) if value.denominator else None
        definition = figure.definition
        if isinstance(figure, RatioFigure):
            definition += f"（分子：{value.numerator.figure.label}；分母：{value.denominator.figure.label}）"
        _append(
            sheet,
            [
                catalogue.SECTIONS[figure.section],
                figure.label,
                key,
                figure.unit,
                *by_township,
                _number(figure, value.total),
                numerator,
                denominator,
                figure.nature_label,
                definition,
            ],
        )


def _table_sheet(workbook, title, table):
    sheet = workbook.create_sheet(title)
    _append(sheet, [table.caption], bold=True)
    _append(sheet, table.headers, bold=True)
    for row in table.rows:
        _append(sheet, [_numeric(run) for run in row])
    if table.note:
        _append(sheet, [table.note])


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


def _list_sheet(workbook, value):
    figure = value.figure
    sheet = workbook.create_sheet(figure.label[:31])
    _append(sheet, [f"{figure.label}：{figure.definition}"], bold=True)
    _append(sheet, [label for _, label in figure.columns], bold=True)
    for row in value.rows:
        _append(sheet, [row[key] for key, _ in figure.columns])
