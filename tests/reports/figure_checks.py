"""Shared by the figure tests: the audit-trail clock, and checking values written out by hand."""

import datetime

from django.utils import timezone

from reports import figures as catalogue


def moment(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))


def entered_on(record, day: datetime.date):
    """Pretend the record was entered on `day`: every audit-trail row of it is dated then."""
    record.history.all().update(history_date=moment(day))
    return record


def changed_on(record, day: datetime.date, **changes):
    """Change fields of the record on `day`: the new audit-trail row is dated then."""
    for name, value in changes.items():
        setattr(record, name, value)
    record.save()
    latest = record.history.order_by("-history_date", "-history_id").first()
    record.history.filter(history_id=latest.history_id).update(history_date=moment(day))
    return record


class FigureAssertions:
    """assertFigures(scope, period, {key: value}): every value counted by hand from the records."""

    def assertFigures(self, scope, period, expected: dict):
        values = catalogue.values(scope, period, list(expected))
        actual = {key: values[key].json for key in expected}
        self.assertEqual(actual, expected)
        return values
