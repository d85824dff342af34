"""Working days on the Chinese calendar (holidays and make-up working days).

Deadlines of complaints and reports are counted in working days (《市场监督管理投诉举报处理暂行办法》).
The pinned `chinesecalendar` knows each year's official arrangement once the State Council has
published it; for a year it does not know yet, Monday to Friday are taken as working days, which
is what the calendar is apart from the holidays (update the package when the next year is out).
"""

import datetime
import functools
import logging

import chinese_calendar

logger = logging.getLogger(__name__)


def is_workday(day: datetime.date) -> bool:
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        _warn_unknown_year(day.year)
        return day.weekday() < 5


@functools.cache
def _warn_unknown_year(year: int):
    logger.warning("chinesecalendar has no data for %s; counting Monday to Friday as working days", year)


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The `days`-th working day after `start`; `start` itself is not counted (期间开始之日不计算在内)."""
    day = start
    remaining = days
    while remaining > 0:
        day += datetime.timedelta(days=1)
        if is_workday(day):
            remaining -= 1
    return day


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days after `start` up to and including `end` (0 when `end` is not after `start`)."""
    count = 0
    day = start
    while day < end:
        day += datetime.timedelta(days=1)
        count += is_workday(day)
    return count
