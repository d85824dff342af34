"""List filters of scores and the negative list."""

from registry.ledgers.filters import LedgerFilterSet, period, yes_no

from ..models import NegativeListEntry, ScoreRecord


class ScoreRecordFilter(LedgerFilterSet):
    date_from, date_to = period("scored_on")
    search_fields = ("operator__name", "reason")
    search_placeholder = "单位名称、记分事由…"

    class Meta:
        model = ScoreRecord
        fields = ["q", "township", "date_from", "date_to", "voided"]


class NegativeListFilter(LedgerFilterSet):
    date_from, date_to = period("listed_on")
    search_fields = ("operator__name", "reason")
    search_placeholder = "单位名称…"
    current = yes_no("仅当前在列", field_name="removed_on", lookup_expr="isnull")

    class Meta:
        model = NegativeListEntry
        fields = ["q", "township", "date_from", "date_to", "current", "voided"]
