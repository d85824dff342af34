"""Which scope and period a report page shows: read from the query string, checked against the user.

`?township=<id>` (repeatable) or `?county=<id>`, and `from=YYYY-MM-DD&to=YYYY-MM-DD`. Without a
scope, the user's whole jurisdiction; without dates, this year to date. A township or county the
user may not see is a 404, like every record outside the jurisdiction; malformed values are a 400.
"""

import datetime

from django.core.exceptions import BadRequest
from django.http import Http404
from django.utils import timezone

from registry.models import County

from .figures import Period, Scope


def scope_for(user, query) -> Scope:
    visible = user.visible_townships()
    if "county" in query:
        county_id = _integer(query.get("county"), "county")
        county = County.objects.filter(pk=county_id).first()
        if county is None:
            raise Http404
        scope = Scope.county(county)
        if not scope.township_ids or set(scope.township_ids) - set(user.township_ids):
            raise Http404  # a county scope is for those who see every township of it
        return scope
    chosen = [value for value in query.getlist("township") if value]  # an empty choice: the whole jurisdiction
    if chosen:
        ids = sorted({_integer(value, "township") for value in chosen})
        townships = list(visible.filter(pk__in=ids).order_by("pk"))
        if len(townships) != len(ids):
            raise Http404
        label = "、".join(t.name for t in townships)
        return Scope.of(townships, label)
    return default_scope(user)


def default_scope(user) -> Scope:
    """The whole jurisdiction: the county for a county user, else the user's townships."""
    if user.county_id:
        county = County.objects.get(pk=user.county_id)
        scope = Scope.county(county)
        if set(scope.township_ids) <= set(user.township_ids):
            return scope
    townships = list(user.visible_townships().order_by("pk"))
    if not townships:
        raise Http404
    return Scope.of(townships, "、".join(t.name for t in townships))


def period_for(query, today=None) -> Period:
    today = today or timezone.localdate()
    start = _date(query.get("from"), "from") if query.get("from") else datetime.date(today.year, 1, 1)
    end = _date(query.get("to"), "to") if query.get("to") else today
    if end < start:
        raise BadRequest("结束日期不能早于开始日期。")
    if start.year < 2000 or end.year > today.year + 1:
        raise BadRequest("日期超出可统计的范围（2000年至明年）。")
    return Period(start, end)


def _integer(value, name) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise BadRequest(f"参数 {name} 应为数字。") from None


def _date(value, name) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise BadRequest(f"参数 {name} 应为日期，如 2026-01-01。") from None
