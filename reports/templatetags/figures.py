import datetime
from decimal import Decimal

from django import template

from reports.figures import display_number

register = template.Library()


@register.filter
def cell(value):
    """A value of a drill-down or list row as the office writes it: 2026-03-05, 12.5, 是/否."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime.date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, Decimal):
        return display_number(value)
    return value
