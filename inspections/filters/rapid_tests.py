"""List filters of the rapid-test ledger."""

import django_filters

from registry.ledgers.filters import LedgerFilterSet, period

from ..models import RapidTest, RapidTestItem


class RapidTestFilter(LedgerFilterSet):
    search_fields = ("sample_name", "operator__name", "vendor", "tester")
    search_placeholder = "样品、地点、摊位、检测人…"
    date_from, date_to = period("tested_on")
    item = django_filters.ModelChoiceFilter(label="检测项目", queryset=RapidTestItem.objects.all())

    class Meta:
        model = RapidTest
        fields = ["q", "township", "date_from", "date_to", "item", "result", "voided"]
