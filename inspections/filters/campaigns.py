"""List filters of the campaign ledger."""

from registry.ledgers.filters import LedgerFilterSet, period

from ..models import Campaign


class CampaignFilter(LedgerFilterSet):
    date_from, date_to = period("start_date")
    search_fields = ("name", "description")
    search_placeholder = "专项整治名称…"

    class Meta:
        model = Campaign
        fields = ["q", "date_from", "date_to", "theme", "voided"]
