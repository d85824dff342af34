"""List filters of the banquet ledger."""

import django_filters

from registry.ledgers.filters import LedgerFilterSet, period, visible_villages, yes_no

from ..models import Banquet


class BanquetFilter(LedgerFilterSet):
    search_fields = ("host", "village__name", "chef__name", "place")
    search_placeholder = "举办者、村、厨师…"
    date_from, date_to = period("held_on")
    village = django_filters.ModelChoiceFilter(label="村", queryset=visible_villages)
    inspected = yes_no("现场检查指导")

    class Meta:
        model = Banquet
        fields = ["q", "township", "date_from", "date_to", "village", "occasion", "inspected", "voided"]
