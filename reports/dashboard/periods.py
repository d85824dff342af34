"""The periods a leader picks with one click; any other range goes through the date fields."""

import datetime
from dataclasses import dataclass

from ..figures import Period, Scope, query_string


@dataclass
class Choice:
    label: str
    query: str
    active: bool


def choices(scope: Scope, chosen: Period, today: datetime.date) -> list[Choice]:
    year = today.year
    periods = [("今年", Period.year_to_date(today)), ("去年", Period.year(year - 1))]
    periods.append(("今年上半年", Period(datetime.date(year, 1, 1), min(today, datetime.date(year, 6, 30)))))
    if today >= datetime.date(year, 7, 1):
        periods.append(("今年下半年", Period(datetime.date(year, 7, 1), today)))
    periods += [("去年上半年", Period.half_year(year - 1, 1)), ("去年下半年", Period.half_year(year - 1, 2))]
    return [Choice(label, query_string(scope, period), period == chosen) for label, period in periods]
