from django import template
from django.utils import timezone

from inspections.selectors import operator_timeline

register = template.Library()


@register.inclusion_tag("inspections/includes/operator_history.html", takes_context=True)
def operator_history(context, operator):
    """The operator's inspections, scores, rectifications and level changes (five SQL queries)."""
    events = operator_timeline(operator)
    today = timezone.localdate()
    year = today.year
    open_rectifications = [e.record for e in events if e.kind == "rectification" and e.record.is_open_on(today)]
    return {
        "operator": operator,
        "events": events,
        "open_rectifications": open_rectifications,
        "overdue": [r for r in open_rectifications if r.is_overdue_on(today)],
        "perms": context.get("perms"),
        "year_points": sum(e.record.points for e in events if e.kind == "score" and e.day.year == year),
    }
