"""List filters of the rectification ledger."""

import django_filters
from django.utils import timezone

from registry.ledgers.filters import LedgerFilterSet, period

from ..models import Rectification


class RectificationFilter(LedgerFilterSet):
    date_from, date_to = period("opened_on")
    search_fields = ("operator__name", "description", "responsible_person")
    search_placeholder = "单位名称、问题、责任人…"
    state = django_filters.ChoiceFilter(
        label="状态",
        choices=[*Rectification.Status.choices, ("overdue", "逾期"), ("unclosed", "未销号")],
        method="filter_state",
    )

    class Meta:
        model = Rectification
        fields = ["q", "township", "date_from", "date_to", "state", "source", "voided"]

    def filter_state(self, queryset, name, value):
        today = timezone.localdate()
        # The ledger's own definitions (RectificationQuerySet), as the home card and the figures.
        if value == "overdue":
            return queryset.overdue_on(today)
        if value == "unclosed":
            return queryset.open_on(today)
        if value == Rectification.Status.CLOSED:
            return queryset.closed_by(today)
        return queryset.filter(status=value)
