"""The dashboard's charts: the records of a catalogue figure, grouped by month, category or village.

Each chart groups `FIGURES[key].records(scope, period)` — the very records its card counts and its
drill-down lists — in one SQL query, so a chart's bars add up to the card beside it. The page draws
them with ECharts (static/js/dashboard.js); a chart without records is a sentence instead.
"""

import datetime

from django.db.models import Count
from django.db.models.functions import TruncMonth

from inspections.models import Inspection, Sample
from registry.models import Operator, Township, Village

from ..figures import FIGURES, Period, Scope, Value


def chart(chart_id, title, kind, categories, series, unit, empty_text):
    empty = not any(value for item in series for value in item["data"] if value)
    return {
        "id": chart_id,
        "title": title,
        "kind": kind,
        "categories": categories,
        "series": series,
        "unit": unit,
        "empty": empty,
        "empty_text": empty_text,
    }


def months(period: Period) -> list[datetime.date]:
    first, last = period.start.replace(day=1), period.end.replace(day=1)
    result = []
    while first <= last:
        result.append(first)
        first = (first + datetime.timedelta(days=32)).replace(day=1)
    return result


def month_label(month: datetime.date, period: Period) -> str:
    return f"{month.month}月" if period.start.year == period.end.year else f"{month.year}年{month.month}月"


def _per_month(records, field) -> dict[datetime.date, int]:
    rows = records.order_by().annotate(month=TruncMonth(field)).values("month").annotate(n=Count("pk"))
    return {_as_date(row["month"]): row["n"] for row in rows}


def _as_date(value):
    return value.date() if isinstance(value, datetime.datetime) else value


def _counts(records, field) -> dict:
    return {row[field]: row["n"] for row in records.order_by().values(field).annotate(n=Count("pk"))}


def inspections_by_month(scope: Scope, period: Period) -> dict:
    figure = FIGURES["inspections"]
    earlier = period.previous_year()
    # One query for both periods when no month holds days of both (any period of a year or less).
    if period.start.replace(day=1) > earlier.end:
        both = _per_month(figure.records(scope, period) | figure.records(scope, earlier), "inspected_on")
        now = before = both
    else:
        now = _per_month(figure.records(scope, period), "inspected_on")
        before = _per_month(figure.records(scope, earlier), "inspected_on")
    slots = months(period)
    return chart(
        "inspections-by-month",
        "现场检查户次（按月，与上年同期对比）",
        "line",
        [month_label(m, period) for m in slots],
        [
            {"name": period.label, "data": [now.get(m, 0) for m in slots]},
            {"name": earlier.label, "data": [before.get(_year_earlier(m), 0) for m in slots]},
        ],
        "户次",
        "本期和上年同期都没有现场检查记录。",
    )


def _year_earlier(month: datetime.date) -> datetime.date:
    return month.replace(year=month.year - 1)


def operators_by_category_and_risk(scope: Scope, period: Period) -> tuple[dict, dict]:
    """Two charts of the operators the card counts, from one grouped query (a past period's
    registry is read from the audit trail, the dearest query of the page)."""
    rows = (
        FIGURES["operators_total"]
        .records(scope, period)
        .order_by()
        .values("category", "risk_level")
        .annotate(n=Count("pk"))
    )
    by_category: dict[str, int] = {}
    by_risk: dict[str, int] = {}
    for row in rows:
        by_category[row["category"]] = by_category.get(row["category"], 0) + row["n"]
        by_risk[row["risk_level"]] = by_risk.get(row["risk_level"], 0) + row["n"]
    categories = [c for c in Operator.Category if by_category.get(c.value)]
    levels = list(Operator.RiskLevel)
    return (
        chart(
            "operators-by-category",
            "在册经营单位（按业态）",
            "hbar",
            [c.label for c in categories],
            [{"name": "经营单位", "data": [by_category[c.value] for c in categories]}],
            "个",
            "期末没有在册的经营单位。",
        ),
        chart(
            "operators-by-risk",
            "在册经营单位（按风险等级）",
            "pie",
            [level.label for level in levels],
            [{"name": "经营单位", "data": [by_risk.get(level.value, 0) for level in levels]}],
            "个",
            "期末没有在册的经营单位。",
        ),
    )


def inspection_results(scope: Scope, period: Period) -> dict:
    counts = _counts(FIGURES["inspections"].records(scope, period), "result")
    results = list(Inspection.Result)
    return chart(
        "inspection-results",
        "现场检查结果",
        "pie",
        [result.label for result in results],
        [{"name": "检查", "data": [counts.get(result.value, 0) for result in results]}],
        "户次",
        "本期没有现场检查记录。",
    )


def hazards_by_month(scope: Scope, period: Period) -> dict:
    opened = _per_month(FIGURES["hazards_listed"].records(scope, period), "opened_on")
    closed = _per_month(FIGURES["hazards_closed"].records(scope, period), "closed_on")
    slots = months(period)
    return chart(
        "hazards-by-month",
        "风险隐患挂单与销号（按月）",
        "bar",
        [month_label(m, period) for m in slots],
        [
            {"name": FIGURES["hazards_listed"].label, "data": [opened.get(m, 0) for m in slots]},
            {"name": FIGURES["hazards_closed"].label, "data": [closed.get(m, 0) for m in slots]},
        ],
        "个",
        "本期没有挂单或销号的风险隐患。",
    )


def sampling_by_category(scope: Scope, period: Period) -> dict:
    rows = (
        FIGURES["samples"].records(scope, period).order_by().values("food_category", "result").annotate(n=Count("pk"))
    )
    counts: dict[tuple[str, str], int] = {(row["food_category"], row["result"]): row["n"] for row in rows}
    labels = dict(Sample.FoodCategory.choices)
    used = sorted({category for category, _ in counts}, key=lambda c: -sum(n for (k, _), n in counts.items() if k == c))
    results = [(Sample.Result.PASS, "合格"), (Sample.Result.FAIL, "不合格"), ("", "待出结果")]
    return chart(
        "sampling-by-category",
        "监督抽检（按食品类别和检验结论）",
        "stacked",
        [labels.get(category, category or "未分类") for category in used],
        [{"name": name, "data": [counts.get((category, result), 0) for category in used]} for result, name in results],
        "批次",
        "本期没有监督抽检记录。",
    )


def coverage_by_village(scope: Scope, period: Period, coverage: Value) -> dict:
    """Inspection coverage per village of one township; across townships, per township."""
    if len(scope.township_ids) > 1:
        return _coverage_by_township(scope, coverage)
    active = _counts(FIGURES["operators_total"].records(scope, period), "village")
    inspected = _counts(FIGURES["operators_inspected"].records(scope, period), "village")
    names = dict(Village.objects.filter(township__in=scope.township_ids).order_by("name").values_list("pk", "name"))
    keys = [pk for pk in names if active.get(pk)] + ([None] if active.get(None) else [])
    return chart(
        "coverage",
        "监督检查覆盖率（按行政村，%）",
        "hbar",
        [names.get(pk, "未关联行政村") for pk in keys],
        [{"name": "覆盖率", "data": [_percent(inspected.get(pk, 0), active[pk]) for pk in keys]}],
        "%",
        "期末没有在册的经营单位，无法计算覆盖率。",
    )


def _coverage_by_township(scope: Scope, coverage: Value) -> dict:
    names = dict(Township.objects.filter(pk__in=scope.township_ids).values_list("pk", "name"))
    keys = [pk for pk in scope.township_ids if coverage.share(pk) is not None]
    return chart(
        "coverage",
        "监督检查覆盖率（按乡镇，%）",
        "hbar",
        [names[pk] for pk in keys],
        [{"name": "覆盖率", "data": [float(coverage.share(pk)) for pk in keys]}],
        "%",
        "期末没有在册的经营单位，无法计算覆盖率。",
    )


def _percent(part, whole):
    value = FIGURES["inspection_coverage_pct"].compute(part, whole)
    return None if value is None else float(value)


def charts(scope: Scope, period: Period, coverage: Value) -> list[dict]:
    return [
        inspections_by_month(scope, period),
        *operators_by_category_and_risk(scope, period),
        inspection_results(scope, period),
        hazards_by_month(scope, period),
        sampling_by_category(scope, period),
        coverage_by_village(scope, period, coverage),
    ]
