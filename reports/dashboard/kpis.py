"""The KPI cards: figures of the catalogue, each beside its value for the same period a year earlier.

Both periods are evaluated with `figures.values`, one grouped query per source of records, so the
cards cost the same number of queries for a township of 500 operators or a county of 12,000. Each
value carries every township's share, which the county table reads without another query.
"""

from dataclasses import dataclass
from decimal import Decimal

from registry.models import Township

from .. import figures as catalogue
from ..figures import Period, Scope, Value

# The cards, in the order a leader reads them: the registry, inspections, hazards, sampling,
# enforcement, complaints and banquets (issue 10).
KPI_KEYS = (
    "operators_total",
    "inspections",
    "inspection_coverage_pct",
    "officer_turnouts",
    "hazards_listed",
    "hazards_closed",
    "hazards_overdue",
    "samples",
    "samples_pass_pct",
    "samples_per_thousand",
    "rapid_tests",
    "cases_filed",
    "fines_total",
    "complaints",
    "complaints_closed_on_time_pct",
    "collective_dinners",
)
# 每千人抽检批次: the province asks for 4 batches per 1000 residents a year.
TARGETS = {"samples_per_thousand": Decimal(4)}
# Numbers a leader should act on when they are not zero.
WARNINGS = {"hazards_overdue"}
# The county table and chart highlight these columns (coverage and what is overdue).
HIGHLIGHTED = ("inspection_coverage_pct", "hazards_overdue")


@dataclass
class Kpi:
    value: Value
    previous: Value

    @property
    def key(self) -> str:
        return self.value.key

    @property
    def figure(self):
        return self.value.figure

    @property
    def target(self) -> Decimal | None:
        return TARGETS.get(self.key)

    @property
    def below_target(self) -> bool:
        return self.target is not None and self.value.total is not None and self.value.total < self.target

    @property
    def warning(self) -> bool:
        return self.key in WARNINGS and bool(self.value.total)

    @property
    def trend(self) -> str:
        """up, down or same against last year; empty when either has no value."""
        now, before = self.value.total, self.previous.total
        if now is None or before is None:
            return ""
        return "up" if now > before else "down" if now < before else "same"

    @property
    def trend_icon(self) -> str:
        return {"up": "bi-arrow-up", "down": "bi-arrow-down", "same": "bi-dash"}.get(self.trend, "")

    @property
    def trend_label(self) -> str:
        return {"up": "比上年同期增加", "down": "比上年同期减少", "same": "与上年同期持平"}.get(self.trend, "")


def kpis(scope: Scope, period: Period, breakdowns=None, previous_breakdowns=None) -> list[Kpi]:
    """The cards; `breakdowns` split their values (for the charts), `previous_breakdowns` last year's."""
    now, before = catalogue.values_compared(scope, period, KPI_KEYS, breakdowns, previous_breakdowns)
    return [Kpi(now[key], before[key]) for key in KPI_KEYS]


@dataclass
class Cell:
    display: str
    sort: float
    url: str
    highlighted: bool
    warning: bool


@dataclass
class TownshipRow:
    township: Township
    cells: list[Cell]
    query: str  # the township's own dashboard, same period


def townships(scope: Scope, period: Period, cards: list[Kpi]) -> list[TownshipRow]:
    """Every township of the scope with its share of each KPI (one query, for the names)."""
    rows = []
    for township in Township.objects.filter(pk__in=scope.township_ids).order_by("code", "pk"):
        cells = []
        for card in cards:
            share = card.value.share(township.pk)
            cells.append(
                Cell(
                    display=card.value.share_display(township.pk),
                    sort=float(share) if share is not None else -1,
                    url=card.value.share_url(township.pk),
                    highlighted=card.key in HIGHLIGHTED,
                    warning=card.key in WARNINGS and bool(share),
                )
            )
        rows.append(TownshipRow(township, cells, catalogue.query_string(Scope.township(township), period)))
    return rows


def township_chart(rows: list[TownshipRow], cards: list[Kpi]) -> dict:
    """The county chart: one KPI at a time (chosen in the page) across the townships."""
    return {
        "townships": [row.township.name for row in rows],
        "measures": [
            {
                "key": card.key,
                "label": card.figure.label,
                "unit": card.figure.unit,
                "data": [None if cell.sort < 0 else cell.sort for cell in (row.cells[index] for row in rows)],
            }
            for index, card in enumerate(cards)
        ],
    }
