"""List filters of the complaint ledger."""

import django_filters
from django.utils import timezone

from registry.ledgers.filters import LedgerFilterSet, period

from ..models import Complaint


class ComplaintFilter(LedgerFilterSet):
    search_fields = ("ticket_no", "subject", "operator__name", "summary", "outcome_note")
    search_placeholder = "工单编号、对象、反映问题…"
    date_from, date_to = period("received_on")
    state = django_filters.ChoiceFilter(
        label="办理情况",
        choices=[("open", "未办结"), ("overdue", "超期未办结"), ("on_time", "按时办结"), ("late", "超期办结")],
        method="filter_state",
    )

    class Meta:
        model = Complaint
        fields = ["q", "township", "date_from", "date_to", "kind", "channel", "state", "voided"]

    def filter_state(self, queryset, name, value):
        # The ledger's own definitions (ComplaintQuerySet), as the badge and the dashboard.
        today = timezone.localdate()
        if value == "overdue":
            return queryset.overdue(today)
        if value == "on_time":
            return queryset.closed_on_time_by(today)
        if value == "late":
            return queryset.closed_late_by(today)
        return queryset.open_on(today)
