"""The one catalogue of named figures (../shared/figures.md).

Each figure is a key, a Chinese label, a unit and a function `(scope, period) -> queryset`
of the records it counts; its value is that queryset's count. Dashboards, summaries, exports and
drill-down lists all read figures from here, so the same number is the same everywhere.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet

from registry.models import FoodTruck, MobileChef, Operator, Village, VillageCoordinator, WholesaleVehicle


@dataclass(frozen=True)
class Scope:
    """The townships a figure covers: one township, or every township of a county."""

    township_ids: tuple[int, ...]

    @classmethod
    def of(cls, townships):
        return cls(tuple(t if isinstance(t, int) else t.pk for t in townships))


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date

    @classmethod
    def year(cls, year: int):
        return cls(datetime.date(year, 1, 1), datetime.date(year, 12, 31))

    @classmethod
    def year_to_date(cls, day: datetime.date):
        return cls(datetime.date(day.year, 1, 1), day)


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    unit: str
    records: Callable[[Scope, Period], QuerySet]

    def value(self, scope: Scope, period: Period) -> int:
        """One SQL query."""
        return self.records(scope, period).count()


FIGURES: dict[str, Figure] = {}


def figure(key, label, unit):
    def register(records):
        if key in FIGURES:
            raise ValueError(f"figure {key} is defined twice")
        FIGURES[key] = Figure(key, label, unit, records)
        return records

    return register


# --- 1. Registry (stock, as of the period end) -----------------------------------------------


def active_operators(scope: Scope, period: Period):
    return Operator.objects.in_townships(scope.township_ids).active_on(period.end)


C = Operator.Category
S = Operator.Subtype


@figure("operators_total", "食品生产经营单位", "个")
def operators_total(scope, period):
    return active_operators(scope, period)


@figure("producers", "食品生产企业", "个")
def producers(scope, period):
    return active_operators(scope, period).filter(category=C.PRODUCER)


@figure("wholesalers", "食品批发企业", "个")
def wholesalers(scope, period):
    return active_operators(scope, period).filter(category=C.WHOLESALE)


@figure("retailers", "食品零售单位", "个")
def retailers(scope, period):
    return active_operators(scope, period).filter(category=C.RETAIL)


@figure("caterers", "餐饮服务单位", "个")
def caterers(scope, period):
    return active_operators(scope, period).filter(category__in=[C.CATERING, C.CANTEEN])


@figure("small_total", "三小经营单位", "个")
def small_total(scope, period):
    return active_operators(scope, period).filter(category=C.SMALL)


@figure("markets", "农贸市场、集中交易市场", "个")
def markets(scope, period):
    return active_operators(scope, period).filter(category=C.MARKET)


@figure("mobile_chefs", "登记建档流动厨师", "人")
def mobile_chefs(scope, period):
    return MobileChef.objects.in_townships(scope.township_ids).active_on(period.end)


@figure("food_trucks", "备案流动餐车", "辆")
def food_trucks(scope, period):
    return FoodTruck.objects.in_townships(scope.township_ids).active_on(period.end)


@figure("wholesale_vehicles", "备案批发车辆", "辆")
def wholesale_vehicles(scope, period):
    return WholesaleVehicle.objects.in_townships(scope.township_ids).active_on(period.end)


@figure("villages", "行政村", "个")
def villages(scope, period):
    return Village.objects.in_townships(scope.township_ids)


@figure("village_coordinators", "村级食品安全协管员", "名")
def village_coordinators(scope, period):
    return VillageCoordinator.objects.in_townships(scope.township_ids).serving_on(period.end)
