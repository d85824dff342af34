"""The tables of a summary: the county's township comparison, and the statistics appendix (附表).

The appendix lists every figure of the catalogue with its value, unit, numerator and denominator
and definition; a county's has one column per township beside the county's total. List figures
(campaigns, events, confiscated goods…) get a table of their rows. Every number links to its
drill-down.
"""

import datetime
from decimal import Decimal

from .. import figures as catalogue
from ..figures import RatioFigure, display_number
from .document import Run, Section, Table

# The county's per-township comparison (表1): additive figures, plus two rates recomputed per township.
COMPARISON = (
    "operators_total",
    "inspections",
    "inspection_coverage_pct",
    "hazards_listed",
    "samples",
    "samples_failed",
    "samples_pass_pct",
    "rapid_tests",
    "cases_filed",
    "fines_total",
    "complaints",
)
COMPARISON_HEADERS = {
    "operators_total": "经营单位",
    "inspections": "现场检查",
    "inspection_coverage_pct": "检查覆盖率",
    "hazards_listed": "整改隐患",
    "samples": "监督抽检",
    "samples_failed": "抽检不合格",
    "samples_pass_pct": "抽检合格率",
    "rapid_tests": "快检",
    "cases_filed": "立案",
    "fines_total": "罚没款",
    "complaints": "投诉举报",
}
# List figures whose rows the appendix prints (the score ledger has a row per operator: its
# number is in 附表1 and its rows on the drill-down page).
LISTED = (
    "leading_group",
    "producers_supervised_by_county",
    "new_registrations",
    "campaigns",
    "negative_list",
    "rapid_tests_by_item",
    "cases_by_domain",
    "confiscated",
    "publicity_by_theme",
    "events_assured",
)


def township_comparison(f) -> Table | None:
    """表1: one row per township, the county's total last (sums of the townships; rates recomputed)."""
    if not f.scope.is_county or len(f.townships) < 2:
        return None
    headers = ["乡镇", *(f"{COMPARISON_HEADERS[key]}（{f.values[key].figure.unit}）" for key in COMPARISON)]
    rows = []
    for township in f.townships:
        cells = [Run(township.name)]
        for key in COMPARISON:
            value = f.values[key]
            cells.append(Run(value.share_display(township.pk), key=key, url=value.share_url(township.pk)))
        rows.append(cells)
    total = [Run(f"{f.name}合计")]
    total += [Run(f.values[key].display, key=key, url=f.values[key].url) for key in COMPARISON]
    rows.append(total)
    return Table(
        caption=f"表1 {f.name}各乡镇主要工作指标对比（{f.when}）",
        headers=headers,
        rows=rows,
        note="注：合计为各乡镇之和；覆盖率、合格率按合计的分子、分母重新计算。",
        style="comparison",
    )


def appendix_sections(f, charts=()) -> list[Section]:
    sections = [_figures_section(f)]
    if f.scope.is_county:
        sections.append(_definitions_section(f))
    lists = [_list_table(f, key) for key in LISTED if f.rows(key)]
    if lists:
        sections.append(Section(heading=f"附表{len(sections) + 1} 名单和分项情况", blocks=lists))
    if charts:
        sections.append(Section(heading="附图 统计图", blocks=list(charts)))
    return sections


def _figures_section(f) -> Section:
    heading = f"附表1 {f.name}{f.when}食品安全监管统计指标"
    by_section: dict[int, list] = {}
    for value in f.values.values():
        by_section.setdefault(value.figure.section, []).append(value)
    shares = f.list_shares if f.scope.is_county else {}
    tables = []
    for number, title in catalogue.SECTIONS.items():
        values = by_section.get(number, [])
        if f.scope.is_county:
            headers = ["指标", "单位", *(t.name for t in f.townships), "合计"]
            rows = [_county_row(f, value, shares.get(value.key)) for value in values]
            tables.append(Table(caption=title, headers=headers, rows=rows, wide=True, style="county"))
        else:
            headers = ["指标", "数值", "单位", "分子／分母", "口径说明"]
            rows = [_township_row(value) for value in values]
            tables.append(Table(caption=title, headers=headers, rows=rows, style="figures"))
    return Section(heading=heading, blocks=tables)


def _parts(value) -> str:
    if value.numerator is None:
        return ""
    return f"{value.numerator.display}／{value.denominator.display}"


def _township_row(value) -> list[Run]:
    figure = value.figure
    return [
        Run(figure.label),
        Run(value.display, key=value.key, url=value.url),
        Run(figure.unit),
        Run(_parts(value)),
        Run(_definition(value)),
    ]


def _definition(value) -> str:
    figure = value.figure
    if isinstance(figure, RatioFigure):
        return f"{figure.definition}（分子：{value.numerator.figure.label}；分母：{value.denominator.figure.label}）"
    return figure.definition


def _county_row(f, value, list_share) -> list[Run]:
    cells = [Run(value.figure.label), Run(value.figure.unit)]
    for township in f.townships:
        if list_share is not None:
            number = list_share.get(township.pk)
            text = display_number(number) if number is not None else "—"
        else:
            text = value.share_display(township.pk)
        cells.append(Run(text, key=value.key, url=value.share_url(township.pk)))
    cells.append(Run(value.display, key=value.key, url=value.url))
    return cells


def _definitions_section(f) -> Section:
    rows = [
        [Run(value.figure.label), Run(value.figure.unit), Run(_parts(value)), Run(_definition(value))]
        for value in f.values.values()
    ]
    table = Table(
        caption="各项指标的口径（“分子／分母”为全县合计）",
        headers=["指标", "单位", "分子／分母", "口径说明"],
        rows=rows,
        style="definitions",
    )
    return Section(heading="附表2 统计指标口径说明", blocks=[table])


def _list_table(f, key) -> Table:
    value = f.values[key]
    figure = value.figure
    rows = []
    for row in value.rows:
        cells = []
        for column, _ in figure.columns:
            item = row[column]
            if isinstance(item, int | Decimal) and not isinstance(item, bool):
                cells.append(Run(display_number(item), key=key, url=value.url))
            else:
                cells.append(Run(_cell_text(item)))
        rows.append(cells)
    return Table(
        caption=f"{figure.label}（{display_number(value.total)}{figure.unit}）",
        headers=[label for _, label in figure.columns],
        rows=rows,
        note=figure.definition,
    )


def _cell_text(item) -> str:
    if item is None:
        return ""
    if isinstance(item, datetime.date):
        return f"{item:%Y-%m-%d}"
    return str(item)
