"""Writes of the sampling and rapid-test ledgers that span more than one row."""

import datetime

from django.db import transaction

from .models import Case, RapidTest, Sample, SampleDisposal


def open_disposal(sample: Sample, *, by) -> SampleDisposal | None:
    """A failed batch gets its 核查处置 record (empty steps) the moment its result is known.

    Returns the disposal, new or existing; None for a batch that did not fail.
    """
    if not sample.is_failed:
        return None
    existing = SampleDisposal.objects.filter(sample=sample).first()
    if existing is not None:
        return existing
    disposal = SampleDisposal(sample=sample, township_id=sample.township_id, created_by=by)
    disposal.full_clean()
    disposal._change_reason = "检验结论为不合格，启动核查处置"
    disposal.save()
    return disposal


def link_case(sample: Sample, case: Case, *, by) -> SampleDisposal:
    """The 立案 step: the case filed over a failed batch becomes its disposal's case."""
    with transaction.atomic():
        disposal = open_disposal(sample, by=by)
        disposal.case = case
        disposal.full_clean()
        disposal._change_reason = f"立案：{case.case_no}"
        disposal.save()
    return disposal


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
