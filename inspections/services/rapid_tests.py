"""Writes of the rapid-test ledger: a market morning's batch."""

import datetime

from django.db import transaction

from ..models import RapidTest


def record_rapid_tests(
    *, operator, tested_on: datetime.date, tester: str, rows: list[RapidTest], by
) -> list[RapidTest]:
    """Save a morning's tests at one place, all or none. `rows` are unsaved, already validated."""
    with transaction.atomic():
        for test in rows:
            test.operator = operator
            test.township_id = operator.township_id
            test.tested_on = tested_on
            test.tester = tester
            test.created_by = by
            test._change_reason = "批量录入"
            test.save()
    return rows
