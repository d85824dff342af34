"""The dashboard's charts: the records of a catalogue figure, split by month, category or village.

A chart splits the number of a card: its bars are the parts of a breakdown (`figures.Breakdown`)
evaluated in the card's own query, the figure's aggregate over the records that also fall in a
month, a category or a village, so they add up to the card and cost no query of their own. Only
the sampling chart, whose food categories are not known beforehand, groups the card's records in
a query of its own. The page draws them with ECharts (static/js/dashboard.js); a chart without
records is a sentence instead.
"""

import datetime

from django.db.models import Count, Q

from inspections.models import Inspection, Sample
from registry.models import Operator, Township, Village

from ..figures import FIGURES, Breakdown, Period, Scope, Value

NO_VILLAGE = None  # the part of the operators not linked to a village


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
        first = _month_after(first)
    return result


def month_label(month: datetime.date, period: Period) -> str:
    return f"{month.month}月" if period.start.year == period.end.year else f"{month.year}年{month.month}月"


def by_month(field: str) -> Breakdown:
    """Parts by calendar month of `field`, for the months of the period."""

    def parts(period: Period) -> dict[datetime.date, Q]:
        one_day = datetime.timedelta(days=1)
        return {m: Q(**{f"{field}__range": (m, _month_after(m) - one_day)}) for m in months(period)}

    return parts


def _month_after(month: datetime.date) -> datetime.date:
    return (month + datetime.timedelta(days=32)).replace(day=1)


def combined(*breakdowns: Breakdown) -> Breakdown:
    """The parts of several breakdowns of one figure, in one (their part keys must differ)."""
    return lambda period: {part: q for breakdown in breakdowns for part, q in breakdown(period).items()}


def by_choice(field: str, choices) -> Breakdown:
    return lambda period: {(field, value): Q(**{field: value}) for value in choices.values}


def by_village(villages: dict, field: str = "village") -> Breakdown:
    return lambda period: {
        pk: Q(**{f"{field}__isnull": True}) if pk is NO_VILLAGE else Q(**{field: pk}) for pk in [*villages, NO_VILLAGE]
    }


class Charts:
    """The charts of one scope and period: the breakdowns the cards are evaluated with, then the charts."""

    def __init__(self, scope: Scope, period: Period):
        self.scope, self.period = scope, period
        # Coverage is charted per village within one township, per township (the shares) across several.
        self.villages = (
            dict(Village.objects.filter(township__in=scope.township_ids).order_by("name").values_list("pk", "name"))
            if len(scope.township_ids) == 1
            else {}
        )

    def breakdowns(self) -> dict[str, Breakdown]:
        """For the cards of the period."""
        operators = [by_choice("category", Operator.Category), by_choice("risk_level", Operator.RiskLevel)]
        inspected = []
        if self.villages:
            operators.append(by_village(self.villages))
            inspected.append(by_village(self.villages, "operator__village"))
        return {
            "inspections": combined(by_month("inspected_on"), by_choice("result", Inspection.Result)),
            "operators_total": combined(*operators),
            "operators_inspected": combined(*inspected),
            "hazards_listed": by_month("opened_on"),
            "hazards_closed": by_month("closed_on"),
        }

    def previous_breakdowns(self) -> dict[str, Breakdown]:
        """For the cards of the same period a year earlier: the months the inspections chart compares."""
        return {"inspections": by_month("inspected_on")}

    def charts(self, cards: dict) -> list[dict]:
        """`cards`: {key: Kpi} evaluated with the breakdowns above."""
        return [
            inspections_by_month(self.period, cards["inspections"].value, cards["inspections"].previous),
            *operators_by_category_and_risk(cards["operators_total"].value),
            inspection_results(cards["inspections"].value),
            hazards_by_month(self.period, cards["hazards_listed"].value, cards["hazards_closed"].value),
            sampling_by_category(self.scope, self.period),
            self.coverage(cards["inspection_coverage_pct"].value),
        ]

    def coverage(self, coverage: Value) -> dict:
        if not self.villages:
            return _coverage_by_township(self.scope, coverage)
        return coverage_by_village(self.villages, coverage)


def inspections_by_month(period: Period, now: Value, before: Value) -> dict:
    slots = months(period)
    earlier = period.previous_year()
    return chart(
        "inspections-by-month",
        "现场检查户次（按月，与上年同期对比）",
        "line",
        [month_label(m, period) for m in slots],
        [
            {"name": period.label, "data": [now.parts[m] for m in slots]},
            {"name": earlier.label, "data": [before.parts.get(_year_earlier(m), 0) for m in slots]},
        ],
        "户次",
        "本期和上年同期都没有现场检查记录。",
    )


def _year_earlier(month: datetime.date) -> datetime.date:
    return month.replace(year=month.year - 1)


def operators_by_category_and_risk(operators: Value) -> tuple[dict, dict]:
    """Two charts of the operators the card counts (a past period's registry read from the audit trail)."""
    categories = [c for c in Operator.Category if operators.parts[("category", c.value)]]
    levels = list(Operator.RiskLevel)
    return (
        chart(
            "operators-by-category",
            "在册经营单位（按业态）",
            "hbar",
            [c.label for c in categories],
            [{"name": "经营单位", "data": [operators.parts[("category", c.value)] for c in categories]}],
            "个",
            "期末没有在册的经营单位。",
        ),
        chart(
            "operators-by-risk",
            "在册经营单位（按风险等级）",
            "pie",
            [level.label for level in levels],
            [{"name": "经营单位", "data": [operators.parts[("risk_level", level.value)] for level in levels]}],
            "个",
            "期末没有在册的经营单位。",
        ),
    )


def inspection_results(inspections: Value) -> dict:
    results = list(Inspection.Result)
    return chart(
        "inspection-results",
        "现场检查结果",
        "pie",
        [result.label for result in results],
        [{"name": "检查", "data": [inspections.parts[("result", result.value)] for result in results]}],
        "户次",
        "本期没有现场检查记录。",
    )


def hazards_by_month(period: Period, listed: Value, closed: Value) -> dict:
    slots = months(period)
    return chart(
        "hazards-by-month",
        "风险隐患挂单与销号（按月）",
        "bar",
        [month_label(m, period) for m in slots],
        [
            {"name": listed.figure.label, "data": [listed.parts[m] for m in slots]},
            {"name": closed.figure.label, "data": [closed.parts[m] for m in slots]},
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


def coverage_by_village(villages: dict, coverage: Value) -> dict:
    """Inspection coverage per village of one township: the coverage's parts, village by village."""
    active, inspected = coverage.denominator.parts, coverage.numerator.parts
    keys = [pk for pk in [*villages, NO_VILLAGE] if active.get(pk)]
    return chart(
        "coverage",
        "监督检查覆盖率（按行政村，%）",
        "hbar",
        [villages.get(pk, "未关联行政村") for pk in keys],
        [{"name": "覆盖率", "data": [_percent(inspected[pk], active[pk]) for pk in keys]}],
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
