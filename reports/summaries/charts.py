"""The summary's charts, drawn as SVG by matplotlib with the report's CJK font, text kept as text.

Each series is read from the very records a figure counts (`FIGURES[key].records`), grouped in
SQL, so a chart and the number printed beside it cannot disagree: the bars of "inspections by
month" add up to the `inspections` figure, the sampling bars to `samples`, the category bars
to `operators_total`.
"""

import contextlib
import io
import threading

from django.db.models import Count, Q
from django.db.models.functions import ExtractMonth

from inspections.models import Sample
from registry.models import Operator

from .. import figures as catalogue
from .document import Chart

FONT = "Noto Serif CJK SC"
INK = "#1f2d3d"
BLUE = "#2f6ea5"
RED = "#c0392b"
GREY = "#b8c2cc"
MM = 1 / 25.4  # inches per millimetre
# matplotlib's settings are global: charts are drawn one at a time, whatever the server's threads.
DRAWING = threading.Lock()


# -- series (SQL) -----------------------------------------------------------------------------------


def inspections_by_month(scope, period) -> list[tuple[str, int]]:
    """(month label, on-site inspections) for each month of the period, empty months included."""
    records = catalogue.FIGURES["inspections"].records(scope, period)
    counts = {
        (row["year"], row["month"]): row["n"]
        for row in records.order_by()
        .annotate(month=ExtractMonth("inspected_on"), year=_year("inspected_on"))
        .values("year", "month")
        .annotate(n=Count("pk"))
    }
    months = []
    year, month = period.start.year, period.start.month
    while (year, month) <= (period.end.year, period.end.month):
        months.append((f"{month}月", counts.get((year, month), 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _year(field):
    from django.db.models.functions import ExtractYear

    return ExtractYear(field)


def samples_by_category(scope, period) -> list[tuple[str, int, int, int]]:
    """(food category, passed, failed, awaiting result) over the batches `samples` counts."""
    records = catalogue.FIGURES["samples"].records(scope, period)
    rows = (
        records.order_by()
        .values("food_category")
        .annotate(
            passed=Count("pk", filter=Q(result=Sample.Result.PASS)),
            failed=Count("pk", filter=Q(result=Sample.Result.FAIL)),
            pending=Count("pk", filter=Q(result="")),
        )
    )
    series = [
        (Sample.FoodCategory(row["food_category"]).label, row["passed"], row["failed"], row["pending"]) for row in rows
    ]
    return sorted(series, key=lambda item: (-(item[1] + item[2] + item[3]), item[0]))


def operators_by_category(scope, period) -> list[tuple[str, int]]:
    """(category, active operators at the period end) over the operators `operators_total` counts."""
    records = catalogue.FIGURES["operators_total"].records(scope, period)
    rows = records.order_by().values("category").annotate(n=Count("pk"))
    labels = dict(Operator.Category.choices)
    order = list(labels)
    series = [(labels[row["category"]], row["n"]) for row in sorted(rows, key=lambda r: order.index(r["category"]))]
    return [item for item in series if item[1]]


# -- drawing ---------------------------------------------------------------------------------------


def charts_for(f) -> list[Chart]:
    """The charts with something to show, numbered 图1, 图2…"""
    drawn = []
    months = inspections_by_month(f.scope, f.period)
    if any(n for _, n in months):
        drawn.append(("各月现场监督检查户次", _month_bars(months)))
    samples = samples_by_category(f.scope, f.period)
    if samples:
        drawn.append(("监督抽检结果（按食品类别，批次）", _sample_bars(samples)))
    operators = operators_by_category(f.scope, f.period)
    if operators:
        drawn.append((f"食品生产经营单位构成（截至{f.as_of}，个）", _category_bars(operators)))
    return [Chart(caption=f"图{index} {title}", svg=svg) for index, (title, svg) in enumerate(drawn, 1)]


STYLE = {
    "font.family": FONT,
    "font.size": 9,
    "svg.fonttype": "none",  # text stays text, drawn by the PDF in the same font
    "svg.hashsalt": "foodsafe-summary",  # the same chart gives the same SVG
    "axes.edgecolor": GREY,
    "axes.labelcolor": INK,
    "text.color": INK,
    "xtick.color": INK,
    "ytick.color": INK,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


@contextlib.contextmanager
def _style():
    import matplotlib

    with DRAWING, matplotlib.rc_context(STYLE):
        yield


def _figure(width_mm, height_mm):
    from matplotlib.figure import Figure

    return Figure(figsize=(width_mm * MM, height_mm * MM))


def _svg(figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    return buffer.getvalue()


def _month_bars(months) -> str:
    with _style():
        figure = _figure(150, 62)
        axes = figure.add_subplot()
        labels = [label for label, _ in months]
        counts = [n for _, n in months]
        bars = axes.bar(labels, counts, color=BLUE, width=0.6)
        axes.bar_label(bars, labels=[str(n) if n else "" for n in counts], padding=2, fontsize=8)
        axes.set_ylabel("户次")
        axes.margins(y=0.15)
        axes.yaxis.get_major_locator().set_params(integer=True)
        return _svg(figure)


SAMPLE_BARS = 12


def _sample_bars(samples) -> str:
    if len(samples) > SAMPLE_BARS:  # the rest in one bar, so that the bars still add up to `samples`
        rest = samples[SAMPLE_BARS - 1 :]
        samples = [*samples[: SAMPLE_BARS - 1], ("其他类别", *(sum(item[i] for item in rest) for i in (1, 2, 3)))]
    with _style():
        figure = _figure(150, 14 + 7 * len(samples))
        axes = figure.add_subplot()
        labels = [label for label, *_ in samples][::-1]
        passed = [p for _, p, _, _ in samples][::-1]
        failed = [f for _, _, f, _ in samples][::-1]
        pending = [w for _, _, _, w in samples][::-1]
        axes.barh(labels, passed, color=BLUE, height=0.6, label="合格")
        axes.barh(labels, failed, left=passed, color=RED, height=0.6, label="不合格")
        left = [p + f for p, f in zip(passed, failed, strict=True)]
        axes.barh(labels, pending, left=left, color=GREY, height=0.6, label="待出结果")
        totals = [p + f + w for p, f, w in zip(passed, failed, pending, strict=True)]
        for y, total in enumerate(totals):
            axes.text(total, y, f" {total}", va="center", fontsize=8)
        axes.set_xlabel("批次")
        axes.margins(x=0.1)
        axes.xaxis.get_major_locator().set_params(integer=True)
        axes.legend(loc="lower right", frameon=False, fontsize=8)
        return _svg(figure)


def _category_bars(operators) -> str:
    with _style():
        figure = _figure(150, 14 + 7 * len(operators))
        axes = figure.add_subplot()
        labels = [label for label, _ in operators][::-1]
        counts = [n for _, n in operators][::-1]
        bars = axes.barh(labels, counts, color=BLUE, height=0.6)
        axes.bar_label(bars, padding=2, fontsize=8)
        axes.set_xlabel("个")
        axes.margins(x=0.1)
        axes.xaxis.get_major_locator().set_params(integer=True)
        return _svg(figure)
