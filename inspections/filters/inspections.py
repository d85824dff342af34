"""List filters of the inspection ledger."""

import django_filters

from registry.ledgers.filters import LedgerFilterSet, period
from registry.models import Operator

from ..models import Campaign, Inspection


def visible_campaigns(request):
    return Campaign.objects.for_user(request.user).valid()


class InspectionFilter(LedgerFilterSet):
    date_from, date_to = period("inspected_on")
    search_fields = ("operator__name", "operator__licence_no", "findings", "documents__number")
    search_placeholder = "单位名称、证号、文书编号…"
    campaign = django_filters.ModelChoiceFilter(label="专项整治", queryset=visible_campaigns)
    category = django_filters.ChoiceFilter(
        label="业态", field_name="operator__category", choices=Operator.Category.choices
    )

    class Meta:
        model = Inspection
        fields = ["q", "township", "date_from", "date_to", "kind", "result", "campaign", "category", "voided"]
