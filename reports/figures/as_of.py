"""A record's state on a past date, read from its audit trail (django-simple-history).

Flags such as 明厨亮灶, a category or an insurance policy are overwritten when they change, so a
stock figure for an earlier period end reads the historical row in force at that moment: the
latest one saved by then, or — for a record entered later (a historic ledger imported since) —
the earliest state the system knows. Dates that carry their own meaning (registered, cancelled,
voided) are read from the current record: a voided record is never counted, whenever voided.
"""

from django.db.models import F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from .base import Period


def _history_row(model, cutoff, *, field="history_id", ref="pk"):
    history = model.history.model
    saved_by_then = (
        history.objects.filter(id=OuterRef(ref), history_date__lte=cutoff)
        .order_by("-history_date", "-history_id")
        .values(field)[:1]
    )
    earliest = history.objects.filter(id=OuterRef(ref)).order_by("history_date", "history_id").values(field)[:1]
    return Coalesce(Subquery(saved_by_then), Subquery(earliest))


def states_on(records: QuerySet, period: Period) -> QuerySet:
    """The historical rows of `records` as they stood at the end of `period`.

    Before today the rows come from the audit trail (one correlated subquery per record, served
    by the history table's (id, history_date) index); from today on the current rows are the state.
    """
    if not period.is_past:
        return records
    model = records.model
    snapshot = records.annotate(state=_history_row(model, period.cutoff)).values("state")
    return model.history.model.objects.filter(history_id__in=snapshot)


def field_on(model, field: str, period: Period, ref: str = "pk"):
    """An annotation: `field` of the `model` record that `ref` points to, as it stood at the end of `period`."""
    if not period.is_past:
        return F(field if ref == "pk" else f"{ref}__{field}")
    return _history_row(model, period.cutoff, field=field, ref=ref)
