"""A record's state on a past date, read from its audit trail (django-simple-history).

Flags such as 明厨亮灶, a category or an insurance policy are overwritten when they change, so a
stock figure for an earlier period end reads the historical row in force at that moment: the
latest one saved by then, or — for a record entered later (a historic ledger imported since) —
the earliest state the system knows. Dates that carry their own meaning (registered, cancelled,
voided) are read from the current record: a voided record is never counted, whenever voided.
"""

from django.db import connections
from django.db.models import Case, F, OuterRef, QuerySet, Subquery, When
from django.db.models import Value as V
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

    Before today the rows come from the audit trail: on PostgreSQL one DISTINCT ON pass over the
    history table, elsewhere one correlated subquery per record (served by the history table's
    (id, history_date) index); from today on the current rows are the state.
    """
    if not period.is_past:
        return records
    model = records.model
    if connections[records.db].vendor == "postgresql":
        return _states_distinct_on(records, period.cutoff)
    snapshot = records.annotate(state=_history_row(model, period.cutoff)).values("state")
    return model.history.model.objects.filter(history_id__in=snapshot)


def _states_distinct_on(records: QuerySet, cutoff) -> QuerySet:
    """`states_on` in one pass over the history table: PostgreSQL's DISTINCT ON keeps, per record, the
    first row of an order that puts the states saved by `cutoff` first (latest first), then the later
    ones (earliest first). At county scale this is one sort instead of two index probes per record.
    """
    history = records.model.history.model.objects
    saved = When(history_date__lte=cutoff, then=V(0))
    by_then_date = Case(When(history_date__lte=cutoff, then=F("history_date")))
    by_then_id = Case(When(history_date__lte=cutoff, then=F("history_id")))
    chosen = (
        history.filter(id__in=records.order_by().values("pk"))
        .order_by(
            "id",
            Case(saved, default=V(1)).asc(),
            by_then_date.desc(nulls_last=True),
            by_then_id.desc(nulls_last=True),
            "history_date",
            "history_id",
        )
        .distinct("id")
        .values("history_id")
    )
    return history.filter(history_id__in=chosen)


def field_on(model, field: str, period: Period, ref: str = "pk"):
    """An annotation: `field` of the `model` record that `ref` points to, as it stood at the end of `period`."""
    if not period.is_past:
        return F(field if ref == "pk" else f"{ref}__{field}")
    return _history_row(model, period.cutoff, field=field, ref=ref)
