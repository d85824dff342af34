"""Writes of the sampling ledger: a failed batch's disposal and its case."""

from django.db import transaction

from ..models import Case, Sample, SampleDisposal


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
