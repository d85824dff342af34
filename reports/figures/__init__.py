"""The one catalogue of named figures (figures.md): every number a report or dashboard prints.

Each figure has a key, a Chinese label, a unit, a definition in words, and the records it
counts (`records(scope, period)`, the drill-down). Sections live in their own modules; this
package gathers them into `FIGURES` and evaluates them together (`values`), so the dashboard,
the summaries, the Excel statistics and the drill-down lists read the same numbers.
"""

from . import activities, enforcement, inspections, registry, sampling
from .base import (
    FLOW,
    STOCK,
    Breakdown,
    Figure,
    Period,
    RatioFigure,
    Scope,
    Value,
    display_number,
    drill_down_url,
    evaluate,
    evaluate_periods,
    query_string,
)

SECTIONS = {
    1: "一、监管对象（存量，截至期末）",
    2: "二、监督检查、记分和整改",
    3: "三、抽检和快检",
    4: "四、稽查执法",
    5: "五、主体责任、培训宣传和社会共治",
}


def _catalogue() -> dict[str, Figure]:
    figures: dict[str, Figure] = {}
    for module in (registry, inspections, sampling, enforcement, activities):
        for figure in module.FIGURES:
            if figure.key in figures:
                raise ValueError(f"figure {figure.key} is defined twice")
            figures[figure.key] = figure
    return dict(sorted(figures.items(), key=lambda item: item[1].section))


FIGURES = _catalogue()


def values(scope: Scope, period: Period, keys=None, breakdowns=None) -> dict[str, Value]:
    """Values of the figures named by `keys` (every figure when None) for the scope and period,
    with the parts of the `breakdowns` asked for ({figure key: breakdown}, see `base.Breakdown`).

    One SQL query per source of records and per list figure, whatever the number of records.
    """
    return evaluate(FIGURES, keys if keys is not None else FIGURES.keys(), scope, period, breakdowns)


def values_compared(scope: Scope, period: Period, keys, breakdowns=None, earlier_breakdowns=None):
    """`values` for the period and for the same period a year earlier: (now, then), sharing the
    queries of the sources whose records do not depend on the period."""
    now, then = evaluate_periods(
        FIGURES, keys, scope, [(period, breakdowns), (period.previous_year(), earlier_breakdowns)]
    )
    return now, then


__all__ = [
    "FIGURES",
    "FLOW",
    "SECTIONS",
    "STOCK",
    "Breakdown",
    "Figure",
    "Period",
    "RatioFigure",
    "Scope",
    "Value",
    "display_number",
    "drill_down_url",
    "query_string",
    "values",
    "values_compared",
]
