"""The figures as Excel: the statistics workbook and each drill-down list (openpyxl, write-only)."""

import datetime
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Font

from registry.ledgers.xlsx import workbook_bytes, write_only_cell
from registry.models import Township

from . import figures as catalogue
from .figures import Scope
from .figures.base import ListFigure, RatioFigure
from .figures.columns import table

BOLD = Font(bold=True)


def _cell(sheet, value, *, bold=False):
    if isinstance(value, Decimal):
        value = float(value) if value != value.to_integral_value() else int(value)
    cell = write_only_cell(sheet, value)  # user text is text: "=HYPERLINK(…)" never becomes a formula
    if isinstance(value, datetime.date):
        cell.number_format = "yyyy-mm-dd"
    if bold:
        cell.font = BOLD
    return cell


def append_row(sheet, values, *, bold=False):
    sheet.append([_cell(sheet, value, bold=bold) for value in values])


def figure_records(figure, scope, period) -> bytes:
    """The records behind a figure, one row each, under the figure's title and definition."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(figure.label[:31])
    value = catalogue.values(scope, period, [figure.key])[figure.key]
    append_row(sheet, [f"{figure.label}（{scope.label}，{period.label}）"], bold=True)
    append_row(sheet, [f"数值：{value.display}{figure.unit}", f"口径：{figure.definition}"])
    if isinstance(figure, ListFigure):
        append_row(sheet, [label for _, label in figure.columns], bold=True)
        for row in value.rows:
            append_row(sheet, [row[key] for key, _ in figure.columns])
        append_row(sheet, [])
    headers, rows = table(figure.records(scope, period))
    append_row(sheet, headers, bold=True)
    for _, cells in rows:
        append_row(sheet, cells)
    return workbook_bytes(workbook)


def figures_workbook(scope, period) -> bytes:
    """One row per figure; a county gets one column per township beside the total.

    List figures get a sheet of their own with their rows.
    """
    values = catalogue.values(scope, period)
    townships = list(Township.objects.filter(pk__in=scope.township_ids).order_by("pk")) if scope.is_county else []
    list_shares = _list_shares(values, townships, period)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("统计指标")
    append_row(sheet, [f"{scope.label}食品安全监管统计指标（{period.label}）"], bold=True)
    append_row(
        sheet, [f"统计期间：{period.start:%Y-%m-%d}至{period.end:%Y-%m-%d}；导出于{datetime.date.today():%Y-%m-%d}"]
    )
    append_row(sheet, statistics_header(townships), bold=True)
    for key, value in values.items():
        shares = [list_shares.get((key, t.pk), value.share(t.pk)) for t in townships]
        append_row(sheet, statistics_row(value, shares))
    for value in values.values():
        if isinstance(value.figure, ListFigure):
            list_sheet(workbook, value)
    return workbook_bytes(workbook)


def statistics_header(townships) -> list:
    """The header of the statistics sheet: a county's townships have a column each beside the total."""
    places = [t.name for t in townships]
    return [
        "章节",
        "指标",
        "代码",
        "单位",
        *places,
        "合计" if townships else "数值",
        "分子",
        "分母",
        "类型",
        "口径说明",
    ]


def statistics_row(value, shares) -> list:
    """One figure's row of the statistics sheet; `shares` are the townships' numbers, in header order."""
    figure = value.figure
    definition = figure.definition
    if isinstance(figure, RatioFigure):
        definition += f"（分子：{value.numerator.figure.label}；分母：{value.denominator.figure.label}）"
    return [
        catalogue.SECTIONS[figure.section],
        figure.label,
        figure.key,
        figure.unit,
        *(sheet_number(figure, share) for share in shares),
        sheet_number(figure, value.total),
        sheet_number(figure, value.numerator.total) if value.numerator else None,
        sheet_number(figure, value.denominator.total) if value.denominator else None,
        figure.nature_label,
        definition,
    ]


def _list_shares(values, townships, period) -> dict:
    """Each township's number for the list figures (their rows are not split by township)."""
    shares = {}
    for key, value in values.items():
        if isinstance(value.figure, ListFigure) and townships:
            for township in townships:
                rows = value.figure.row_list(Scope((township.pk,)), period)
                shares[(key, township.pk)] = value.figure.number(rows)
    return shares


def sheet_number(figure, value):
    """A value as a spreadsheet number: the number `figures --json` prints; "—" for no value."""
    if value is None:
        return "—"
    if isinstance(figure, RatioFigure):
        return float(value)
    return value


def list_sheet(workbook, value):
    """A list figure's rows on a sheet of their own."""
    figure = value.figure
    sheet = workbook.create_sheet(figure.label[:31])
    append_row(sheet, [f"{figure.label}：{figure.definition}"], bold=True)
    append_row(sheet, [label for _, label in figure.columns], bold=True)
    for row in value.rows:
        append_row(sheet, [row[key] for key, _ in figure.columns])
