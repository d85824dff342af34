from django import template

from reports.models import Report

register = template.Library()


@register.simple_tag
def latest_annual_report(user):
    """The latest annual summary of the user's jurisdiction: finalised if there is one, else a draft.

    A county user's jurisdiction is the county (its county reports); anyone else's, their townships.
    """
    reports = Report.objects.for_user(user).valid().annual().select_related("county", "township")
    reports = reports.filter(township__isnull=bool(user.county_id))
    return reports.final_first().first()
