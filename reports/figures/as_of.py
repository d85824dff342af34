"""A record's state on a past date, read from its audit trail (django-simple-history).

Flags such as 明厨亮灶, a category or an insurance policy are overwritten when they change, so a
stock figure for an earlier period end reads the historical row in force at that moment: the
latest one saved by then, or — for a record entered later (a historic ledger imported since) —
the earliest state the system knows. Dates that carry their own meaning (registered, cancelled,
voided) are read from the current record: a voided record is never counted, whenever voided.
"""

from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThan

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

    Before today the rows come from the audit trail: of each record's rows, the one no other row
    of it is preferred to (`_preferred_sibling`), in one anti-join over the history table, which
    PostgreSQL runs as a single hash pass; from today on the current rows are the state.
    """
    if not period.is_past:
        return records
    history = records.model.history.model.objects
    return history.filter(id__in=records.order_by().values("pk")).exclude(
        Exists(history.filter(_preferred_sibling(period.cutoff)))
    )


def _preferred_sibling(cutoff) -> Q:
    """Another row of the outer row's record that stands for it at `cutoff` before the outer row:
    the latest row saved by then wins; a record with none saved by then has its earliest row."""
    later = Q(history_date__gt=OuterRef("history_date")) | Q(
        history_date=OuterRef("history_date"), history_id__gt=OuterRef("history_id")
    )
    earlier = Q(history_date__lt=OuterRef("history_date")) | Q(
        history_date=OuterRef("history_date"), history_id__lt=OuterRef("history_id")
    )
    outer_saved_after = GreaterThan(OuterRef("history_date"), cutoff)
    saved = Q(history_date__lte=cutoff)
    return Q(id=OuterRef("id")) & ((saved & (Q(outer_saved_after) | later)) | (Q(outer_saved_after) & earlier))


def field_on(model, field: str, period: Period, ref: str = "pk"):
    """An annotation: `field` of the `model` record that `ref` points to, as it stood at the end of `period`."""
    if not period.is_past:
        return F(field if ref == "pk" else f"{ref}__{field}")
    return _history_row(model, period.cutoff, field=field, ref=ref)
