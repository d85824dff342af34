"""What every figure is made of: a scope, a period, a source of records, and a kind.

A figure counts (or sums) the records of a `Source` that meet its condition. Figures over one
source are evaluated together in one SQL query grouped by township (see `evaluate`), so the cost
of "all figures" depends on the number of sources, not on the number of records; a county's
value is the sum of its townships', and a percentage is recomputed from the summed parts.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property, lru_cache
from typing import Any

from django.db.models import Count, DecimalField, Q, QuerySet, Sum
from django.db.models import Value as V
from django.db.models.functions import Coalesce
from django.utils import timezone

STOCK = "stock"
FLOW = "flow"
NATURE_LABELS = {STOCK: "存量（截至期末）", FLOW: "期间发生量"}
ONE_DECIMAL = Decimal("0.1")
MONEY = DecimalField(max_digits=14, decimal_places=2)


# ---------------------------------------------------------------------------
# Scope and period
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """The townships a figure covers: one township, several, or every township of a county."""

    township_ids: tuple[int, ...]
    label: str = field(default="", compare=False)
    county_id: int | None = None

    @classmethod
    def of(cls, townships, label=""):
        ids = tuple(sorted(t if isinstance(t, int) else t.pk for t in townships))
        return cls(ids, label)

    @classmethod
    def township(cls, township):
        return cls((township.pk,), township.name)

    @classmethod
    def county(cls, county):
        return cls(tuple(county.townships.order_by("pk").values_list("pk", flat=True)), county.name, county.pk)

    @property
    def is_county(self):
        return self.county_id is not None


@dataclass(frozen=True)
class Period:
    """A date range, both ends included."""

    start: datetime.date
    end: datetime.date

    def __post_init__(self):
        if self.end < self.start:
            raise ValueError("period ends before it starts")

    @classmethod
    def year(cls, year: int):
        return cls(datetime.date(year, 1, 1), datetime.date(year, 12, 31))

    @classmethod
    def half_year(cls, year: int, half: int = 1):
        if half == 1:
            return cls(datetime.date(year, 1, 1), datetime.date(year, 6, 30))
        return cls(datetime.date(year, 7, 1), datetime.date(year, 12, 31))

    @classmethod
    def year_to_date(cls, day: datetime.date):
        return cls(datetime.date(day.year, 1, 1), day)

    @property
    def label(self) -> str:
        start, end = self.start, self.end
        if (start.month, start.day) == (1, 1) and start.year == end.year:
            if (end.month, end.day) == (12, 31):
                return f"{start.year}年"
            if (end.month, end.day) == (6, 30):
                return f"{start.year}年上半年"
            return f"{start.year}年1月1日至{end.month}月{end.day}日"
        if (start.month, start.day) == (7, 1) and (end.month, end.day) == (12, 31) and start.year == end.year:
            return f"{start.year}年下半年"
        return f"{start:%Y年%-m月%-d日}至{end:%Y年%-m月%-d日}"

    def previous_year(self) -> "Period":
        """The same dates a year earlier (29 February becomes the 28th)."""
        return Period(_year_earlier(self.start), _year_earlier(self.end))

    @property
    def cutoff(self) -> datetime.datetime:
        """The last instant of the period's end day, in the project's time zone."""
        day_after = self.end + datetime.timedelta(days=1)
        return timezone.make_aware(datetime.datetime.combine(day_after, datetime.time.min)) - datetime.timedelta(
            microseconds=1
        )

    @property
    def is_past(self) -> bool:
        """Ended before today: its stock figures are read from the audit trail."""
        return self.end < timezone.localdate()


def _year_earlier(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


# ---------------------------------------------------------------------------
# Sources: the records a group of figures is counted from
# ---------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Source:
    """The valid records of one ledger that a period concerns, not yet limited to a scope.

    `records(period)` returns them; `township` is the path from a record to its township id.
    Figures of one source share one aggregate query.
    """

    name: str
    records: Callable[["Period"], QuerySet]
    township: str = "township"
    # For records that may belong to a whole county rather than a township (county-wide campaigns).
    scoped: Callable[[QuerySet, Scope], QuerySet] | None = None
    # The same records whatever the period (`records` ignores it): its figures pick theirs by
    # conditions on the period, so several periods are counted in one query.
    lasting: bool = False

    def in_scope(self, scope: Scope, period: Period) -> QuerySet:
        records = self.records(period)
        if self.scoped:
            return self.scoped(records, scope)
        return records.filter(**{f"{self.township}__in": scope.township_ids})


def fixed(condition: Q):
    """A condition that does not depend on the period."""
    return lambda period: condition


# ---------------------------------------------------------------------------
# Kinds of figure
# ---------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Figure:
    """A named number of the catalogue (figures.md): key, label, unit and a definition in words."""

    key: str
    label: str
    unit: str
    definition: str
    nature: str = FLOW
    section: int = 0
    kind = "count"

    @property
    def nature_label(self):
        return NATURE_LABELS[self.nature]

    @property
    def parts(self) -> tuple[str, ...]:
        """Keys of the figures this one is computed from."""
        return ()

    def records(self, scope: Scope, period: Period) -> QuerySet:
        """The records behind the number, for the drill-down list."""
        raise NotImplementedError

    def evaluate(self, scope: Scope, period: Period) -> "Value":
        """The value on its own; count and sum figures are evaluated together per source instead."""
        raise NotImplementedError


@dataclass(frozen=True, eq=False)
class Aggregate(Figure):
    """A count or sum over a source's records meeting `where(period)`."""

    source: Source = None
    where: Callable[[Period], Q] | None = None

    def condition(self, period: Period) -> Q:
        return self.where(period) if self.where else Q()

    def records(self, scope, period):
        return self.source.in_scope(scope, period).filter(self.condition(period))

    def aggregate(self, period, part: Q | None = None):
        """The SQL aggregate of the figure's records, or of those of them that also meet `part`."""
        raise NotImplementedError

    def zero(self):
        return 0


@dataclass(frozen=True, eq=False)
class CountFigure(Aggregate):
    """How many records; with `distinct`, how many different values of that field (e.g. operators)."""

    distinct: str | None = None
    distinct_records: Callable[[QuerySet], QuerySet] | None = None

    def aggregate(self, period, part=None):
        condition = (part or Q()) & self.condition(period)
        if self.distinct:
            return Count(self.distinct, filter=condition or None, distinct=True)
        return Count("pk", filter=condition or None)

    def records(self, scope, period):
        records = super().records(scope, period)
        if self.distinct_records:
            return self.distinct_records(records)
        return records


@dataclass(frozen=True, eq=False)
class SumFigure(Aggregate):
    """The sum of a field (or expression) over the records, 0 when there are none."""

    kind = "sum"
    field: Any = None
    decimal: bool = False

    def aggregate(self, period, part=None):
        condition = (part or Q()) & self.condition(period)
        if self.decimal:
            return Sum(self.field, filter=condition or None, output_field=MONEY)
        return Sum(self.field, filter=condition or None)

    def zero(self):
        return Decimal("0.00") if self.decimal else 0


@dataclass(frozen=True, eq=False)
class RatioFigure(Figure):
    """numerator / denominator × `per`, one decimal rounded half up; no value for a zero denominator.

    A percentage is a ratio per 100. Both parts are figures of the catalogue, shown beside it.
    """

    kind = "percent"
    numerator: str = ""
    denominator: str = ""
    per: int = 100

    @property
    def parts(self):
        return (self.numerator, self.denominator)

    def compute(self, numerator, denominator) -> Decimal | None:
        if not denominator:
            return None
        return (Decimal(numerator) * self.per / Decimal(denominator)).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)

    def records(self, scope, period):
        from . import FIGURES

        return FIGURES[self.numerator].records(scope, period)


@dataclass(frozen=True, eq=False)
class ListFigure(Figure):
    """Rows of named things (campaigns, events, goods by kind…) with their numbers.

    `rows(records)` turns the records in scope into plain dicts (one SQL query); `columns` maps
    each dict key to its Chinese header. `value` reports how many rows there are unless `total`
    names the row key whose sum is the figure's number.
    """

    kind = "list"
    source: Source = None
    where: Callable[[Period], Q] | None = None
    rows: Callable[[QuerySet, Period], list[dict]] = None
    columns: tuple[tuple[str, str], ...] = ()
    total: str | None = None

    def records(self, scope, period):
        records = self.source.in_scope(scope, period)
        return records.filter(self.where(period)) if self.where else records

    def row_list(self, scope, period) -> list[dict]:
        return self.rows(self.records(scope, period), period)

    def number(self, rows) -> int | Decimal:
        if self.total:
            return sum((row[self.total] or 0) for row in rows)
        return len(rows)

    def evaluate(self, scope, period):
        rows = self.row_list(scope, period)
        return Value(self, self.number(rows), {}, rows=rows)


# ---------------------------------------------------------------------------
# Values
# ---------------------------------------------------------------------------


@dataclass
class Value:
    """A figure's value for a scope and period, with each township's share."""

    figure: Figure
    total: Any
    by_township: dict[int, Any]
    numerator: "Value | None" = None
    denominator: "Value | None" = None
    rows: list[dict] | None = None
    scope: Scope | None = None
    period: Period | None = None
    # The number split by the breakdown asked for ({part: number}), empty when none was.
    parts: dict = field(default_factory=dict)

    @property
    def key(self):
        return self.figure.key

    @property
    def is_empty(self) -> bool:
        """No value (a ratio over nothing), nothing counted, or an empty list."""
        if self.rows is not None:
            return not self.rows
        return not self.total

    @property
    def display(self) -> str:
        return display_value(self.figure, self.total)

    @property
    def url(self) -> str:
        """The drill-down list of the records behind this number."""
        return f"{self.path}?{query_string(self.scope, self.period)}"

    @cached_property
    def path(self) -> str:
        """The drill-down page, reversed once for the value and all its townships' shares."""
        return figure_path(self.key)

    def share(self, township_id):
        return self.by_township.get(township_id)

    def share_display(self, township_id) -> str:
        return display_value(self.figure, self.by_township.get(township_id))

    def share_url(self, township_id) -> str:
        return f"{self.path}?{query_string(Scope((township_id,)), self.period)}"

    @property
    def json(self):
        """The value as `figures --json` prints it."""
        if self.rows is not None:
            return [{k: _jsonable(v) for k, v in row.items()} for row in self.rows]
        return _jsonable(self.total)


def drill_down_url(key: str, scope: Scope, period: Period) -> str:
    return f"{figure_path(key)}?{query_string(scope, period)}"


def figure_path(key: str) -> str:
    from django.urls import reverse

    return reverse("reports:figure", args=[key])


# A pure function of two frozen values; the county table asks it the same question once a card.
@lru_cache(maxsize=1024)
def query_string(scope: Scope, period: Period) -> str:
    """?county=… or ?township=…(&township=…), from=, to= : how a scope and period travel in URLs."""
    from django.utils.http import urlencode

    where = [("county", scope.county_id)] if scope.is_county else [("township", tid) for tid in scope.township_ids]
    return urlencode([*where, ("from", period.start.isoformat()), ("to", period.end.isoformat())])


def display_value(figure: Figure, value) -> str:
    if value is None:
        return "—"
    if isinstance(figure, RatioFigure):
        return f"{value:.1f}"
    return display_number(value)


def _jsonable(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() and value.as_tuple().exponent >= 0 else float(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def display_number(value) -> str:
    """12 → "12"; Decimal 12.50 → "12.5"; 1234567 → "1234567"; None → "—"."""
    if value is None:
        return "—"
    if isinstance(value, Decimal):
        text = f"{value:f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return text
    return str(value)


# ---------------------------------------------------------------------------
# Evaluation
# ---------------------------------------------------------------------------

# A breakdown splits a count or sum figure into parts (months, categories, villages…): for a
# period, {part: condition}; each part is the figure's own aggregate over the records that also
# meet the part's condition, computed in the figure's query, so the parts cost no query of their own.
Breakdown = Callable[[Period], dict[Any, Q]]


def evaluate(
    figures: dict[str, Figure],
    keys: Iterable[str],
    scope: Scope,
    period: Period,
    breakdowns: dict[str, Breakdown] | None = None,
) -> dict[str, Value]:
    """Values of `keys` (and the parts they need), one SQL query per source and per list figure.

    `breakdowns` ({figure key: breakdown}) fills the `parts` of those values in the same queries.
    """
    return evaluate_periods(figures, keys, scope, [(period, breakdowns)])[0]


def evaluate_periods(
    figures: dict[str, Figure],
    keys: Iterable[str],
    scope: Scope,
    periods: list[tuple[Period, dict[str, Breakdown] | None]],
) -> list[dict[str, Value]]:
    """`evaluate` for several periods (each with its breakdowns), in that order: a lasting source
    counts every period in one query, any other one query per period."""
    wanted = _with_parts(figures, keys)
    values: list[dict[str, Value]] = [{} for _ in periods]
    by_source: dict[Source, list[Aggregate]] = {}
    for key in wanted:
        figure = figures[key]
        if isinstance(figure, Aggregate):
            by_source.setdefault(figure.source, []).append(figure)
    asked = [(period, breakdowns or {}) for period, breakdowns in periods]
    for source, members in by_source.items():
        groups = [asked] if source.lasting else [[one] for one in asked]
        found = [result for group in groups for result in _evaluate_source(source, members, scope, group)]
        for period_values, result in zip(values, found, strict=True):
            period_values.update(result)
    for (period, _), period_values in zip(asked, values, strict=True):
        for key in wanted:
            figure = figures[key]
            if isinstance(figure, RatioFigure):
                numerator, denominator = period_values[figure.numerator], period_values[figure.denominator]
                period_values[key] = _ratio(figure, numerator, denominator, scope, period)
            elif not isinstance(figure, Aggregate):
                period_values[key] = figure.evaluate(scope, period)
                period_values[key].scope, period_values[key].period = scope, period
    return [{key: period_values[key] for key in wanted} for period_values in values]


def _with_parts(figures, keys) -> list[str]:
    ordered: list[str] = []

    def visit(key):
        if key in ordered:
            return
        for part in figures[key].parts:
            visit(part)
        ordered.append(key)

    for key in keys:
        visit(key)
    return ordered


def _evaluate_source(source: Source, members: list[Aggregate], scope, periods) -> list[dict[str, Value]]:
    """The values of `members` for each of `periods` ((period, breakdowns) pairs), in one query
    grouped by township: every period and every part is an aggregate of its own."""
    aggregates = {}
    parts = [
        {figure.key: list(breakdowns[figure.key](period).items()) for figure in members if figure.key in breakdowns}
        for period, breakdowns in periods
    ]
    for at, (period, _) in enumerate(periods):
        for figure in members:
            aggregates[_alias(figure.key, at)] = _aggregate(figure, period)
            for index, (_, condition) in enumerate(parts[at].get(figure.key, ())):
                aggregates[_alias(figure.key, at, index)] = _aggregate(figure, period, condition)
    # Every period has the same records when there are several (a lasting source).
    records = source.in_scope(scope, periods[0][0])
    rows = list(records.order_by().values(source.township).annotate(**aggregates))
    results = []
    for at, (period, _) in enumerate(periods):
        values = {}
        for figure in members:
            found = {row[source.township]: row[_alias(figure.key, at)] for row in rows}
            shares = {tid: found.get(tid, figure.zero()) for tid in scope.township_ids}
            total = sum(shares.values(), figure.zero())
            value = Value(figure, total, shares, scope=scope, period=period)
            for index, (part, _) in enumerate(parts[at].get(figure.key, ())):
                value.parts[part] = sum((row[_alias(figure.key, at, index)] for row in rows), figure.zero())
            values[figure.key] = value
        results.append(values)
    return results


def _aggregate(figure: Aggregate, period: Period, part: Q | None = None):
    expression = figure.aggregate(period, part)
    if isinstance(figure, SumFigure):
        expression = Coalesce(expression, V(figure.zero(), output_field=MONEY if figure.decimal else None))
    return expression


def _alias(key, period: int, part: int | None = None):
    # An annotation must not clash with a field name of the source model (e.g. `inspections`).
    return f"figure__{key}__{period}" if part is None else f"figure__{key}__{period}__{part}"


def _ratio(figure: RatioFigure, numerator: Value, denominator: Value, scope: Scope, period: Period) -> Value:
    shares = {
        tid: figure.compute(numerator.by_township.get(tid, 0), denominator.by_township.get(tid, 0))
        for tid in scope.township_ids
    }
    return Value(
        figure,
        figure.compute(numerator.total, denominator.total),
        shares,
        numerator=numerator,
        denominator=denominator,
        scope=scope,
        period=period,
    )
