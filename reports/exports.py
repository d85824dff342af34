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


def _append(sheet, values, *, bold=False):
    sheet.append([_cell(sheet, value, bold=bold) for value in values])


def figure_records(figure, scope, period) -> bytes:
    """The records behind a figure, one row each, under the figure's title and definition."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(figure.label[:31])
    value = catalogue.values(scope, period, [figure.key])[figure.key]
    _append(sheet, [f"{figure.label}（{scope.label}，{period.label}）"], bold=True)
    _append(sheet, [f"数值：{value.display}{figure.unit}", f"口径：{figure.definition}"])
    if isinstance(figure, ListFigure):
        _append(sheet, [label for _, label in figure.columns], bold=True)
        for row in value.rows:
            _append(sheet, [row[key] for key, _ in figure.columns])
        _append(sheet, [])
    headers, rows = table(figure.records(scope, period))
    _append(sheet, headers, bold=True)
    for _, cells in rows:
        _append(sheet, cells)
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
    _append(sheet, [f"{scope.label}食品安全监管统计指标（{period.label}）"], bold=True)
    _append(
        sheet, [f"统计期间：{period.start:%Y-%m-%d}至{period.end:%Y-%m-%d}；导出于{datetime.date.today():%Y-%m-%d}"]
    )
    headers = ["章节", "指标", "代码", "单位", *[t.name for t in townships], "合计" if townships else "数值"]
    _append(sheet, [*headers, "分子", "分母", "类型", "口径说明"], bold=True)
    for key, value in values.items():
        figure = value.figure
        shares = [_number(figure, list_shares.get((key, t.pk), value.share(t.pk))) for t in townships]
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
                *shares,
                _number(figure, value.total),
                numerator,
                denominator,
                figure.nature_label,
                definition,
            ],
        )
    for value in values.values():
        if isinstance(value.figure, ListFigure):
            _list_sheet(workbook, value)
    return workbook_bytes(workbook)


def _list_shares(values, townships, period) -> dict:
    """Each township's number for the list figures (their rows are not split by township)."""
    shares = {}
    for key, value in values.items():
        if isinstance(value.figure, ListFigure) and townships:
            for township in townships:
                rows = value.figure.row_list(Scope((township.pk,)), period)
                shares[(key, township.pk)] = value.figure.number(rows)
    return shares


def _number(figure, value):
    if value is None:
        return "—"
    if isinstance(figure, RatioFigure):
        return float(value)
    return value


def _list_sheet(workbook, value):
    figure = value.figure
    sheet = workbook.create_sheet(figure.label[:31])
    _append(sheet, [f"{figure.label}：{figure.definition}"], bold=True)
    _append(sheet, [label for _, label in figure.columns], bold=True)
    for row in value.rows:
        _append(sheet, [row[key] for key, _ in figure.columns])
