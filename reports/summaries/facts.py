"""Everything the narrative reads: the figure values of the period and of the year before, and names.

The values come from the catalogue in one evaluation per period (`catalogue.values`); the names
(township, county, office) from their records. Nothing here counts records itself.
"""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from django.utils import timezone

from .. import figures as catalogue
from ..figures import STOCK, Period, RatioFigure, Scope, Value, display_number
from ..figures.base import ListFigure

# Figures whose sentence carries the comparison with the same period a year earlier.
COMPARED = (
    "operators_total",
    "inspections",
    "officer_turnouts",
    "inspection_coverage_pct",
    "hazards_listed",
    "samples",
    "samples_pass_pct",
    "rapid_tests",
    "cases_filed",
    "fines_total",
    "trainings",
    "trainees",
    "publicity_events",
    "complaints",
    "collective_dinners",
)


@dataclass
class Texts:
    """The free-text sections of a report (what no table can know)."""

    overview: str = ""
    highlights: str = ""
    problems: str = ""
    plans: str = ""


@dataclass
class Facts:
    scope: Scope
    period: Period
    place: object  # the Township or the County
    townships: list  # the townships of the scope, in order
    values: dict[str, Value]
    previous: Mapping[str, Value]
    half_year: bool = False
    texts: Texts = field(default_factory=Texts)
    issued_on: datetime.date = field(default_factory=timezone.localdate)

    # -- words ------------------------------------------------------------------------

    @property
    def name(self) -> str:
        return self.place.name

    @property
    def area(self) -> str:
        """全镇 / 全乡 / 全县 / 全区: how the report says "the whole jurisdiction"."""
        return "全" + jurisdiction_word(self.name, county=self.scope.is_county)

    @property
    def we(self) -> str:
        return "我" + jurisdiction_word(self.name, county=self.scope.is_county)

    @property
    def as_of(self) -> str:
        """截至…: the period end, or today while the period is still running."""
        day = min(self.period.end, self.issued_on)
        return f"{day.year}年{day.month}月{day.day}日"

    @property
    def when(self) -> str:
        return self.period.label

    @property
    def basis(self) -> str:
        """What a comparison is against: 上年 for a year, 上年同期 for part of one."""
        full_year = (self.period.start.month, self.period.start.day, self.period.end.month, self.period.end.day) == (
            1,
            1,
            12,
            31,
        )
        return "上年" if full_year else "上年同期"

    @property
    def issuer(self) -> str:
        if self.scope.is_county:
            return self.place.bureau_name or f"{self.name}市场监督管理局"
        return self.place.office_name or f"{self.name}市场监督管理所"

    # -- values -----------------------------------------------------------------------

    def has(self, key) -> bool:
        """Something was recorded: a non-zero number, a percentage over something, a non-empty list."""
        return not self.values[key].is_empty

    def rows(self, key) -> list[dict]:
        return self.values[key].rows or []

    def basis_of(self, key) -> str:
        """上年 / 上年同期, and 上年末 for a count at the end of a year."""
        if self.values[key].figure.nature == STOCK and self.basis == "上年":
            return "上年末"
        return self.basis

    @cached_property
    def list_shares(self) -> dict[str, dict[int, object]]:
        """Each township's number for the list figures (their rows are not split by township)."""
        shares: dict[str, dict[int, object]] = {}
        for key, value in self.values.items():
            figure = value.figure
            if isinstance(figure, ListFigure):
                shares[key] = {
                    t.pk: figure.number(figure.row_list(Scope((t.pk,)), self.period)) for t in self.townships
                }
        return shares

    def change(self, key) -> str:
        """比上年增加N户次，同比增长x.x%; "" when the year before has nothing to compare with."""
        before = self.previous.get(key)
        now = self.values[key]
        if before is None or before.is_empty or now.total is None:
            return ""
        return describe_change(now.figure, now.total, before.total, self.basis_of(key))


def jurisdiction_word(name: str, *, county: bool) -> str:
    for suffix in ("街道", "镇", "乡", "区", "县", "市"):
        if name.endswith(suffix):
            return suffix
    return "县" if county else "镇"


ONE_DECIMAL = Decimal("0.1")


def describe_change(figure, now, before, basis: str) -> str:
    """The change from `before` to `now` in words: an amount and a rate, or points for a percentage."""
    difference = Decimal(now) - Decimal(before)
    if isinstance(figure, RatioFigure):
        points = abs(difference).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)
        if not points:
            return f"与{basis}持平"
        word = "提高" if difference > 0 else "降低"
        unit = "个百分点" if figure.unit == "%" else figure.unit
        return f"比{basis}{word}{points:.1f}{unit}"
    if not difference:
        return f"与{basis}持平"
    rate = (abs(difference) * 100 / Decimal(before)).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)
    more = difference > 0
    return (
        f"比{basis}{'增加' if more else '减少'}{display_number(abs(difference))}{figure.unit}，"
        f"同比{'增长' if more else '下降'}{rate:.1f}%"
    )


class OnFirstUse(Mapping):
    """A mapping evaluated when first read: the Excel appendix never reads last year's values."""

    def __init__(self, load):
        self.load = load

    @cached_property
    def data(self):
        return self.load()

    def __getitem__(self, key):
        return self.data[key]

    def __iter__(self):
        return iter(self.data)

    def __len__(self):
        return len(self.data)


def gather(scope: Scope, period: Period, place, *, texts=None, half_year=False, issued_on=None) -> Facts:
    """Facts for a scope and period: every figure now, the compared ones a year earlier."""
    from registry.models import Township

    values = catalogue.values(scope, period)
    previous = OnFirstUse(lambda: catalogue.values(scope, period.previous_year(), COMPARED))
    townships = list(Township.objects.filter(pk__in=scope.township_ids).order_by("code", "pk"))
    return Facts(
        scope=scope,
        period=period,
        place=place,
        townships=townships,
        values=values,
        previous=previous,
        half_year=half_year,
        texts=texts or Texts(),
        issued_on=issued_on or timezone.localdate(),
    )
