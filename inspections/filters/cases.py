"""List filters of the case ledger."""

import django_filters

from registry.ledgers.filters import LedgerFilterSet, period, yes_no

from ..models import Case


class CaseFilter(LedgerFilterSet):
    search_fields = ("case_no", "party", "operator__name", "cause", "decision_no")
    search_placeholder = "案件编号、当事人、案由…"
    date_from, date_to = period("filed_on")
    stage = django_filters.ChoiceFilter(
        label="办理阶段",
        choices=[("filed", "已立案未决定"), ("decided", "已决定未结案"), ("closed", "已结案")],
        method="filter_stage",
    )
    transferred_to_police = yes_no("移交公安")
    individual_penalised = yes_no("处罚到人")

    class Meta:
        model = Case
        fields = [
            "q",
            "township",
            "date_from",
            "date_to",
            "domain",
            "source",
            "stage",
            "transferred_to_police",
            "individual_penalised",
            "voided",
        ]

    def filter_stage(self, queryset, name, value):
        if value == "closed":
            return queryset.filter(closed_on__isnull=False)
        if value == "decided":
            return queryset.filter(decided_on__isnull=False, closed_on__isnull=True)
        return queryset.filter(decided_on__isnull=True, closed_on__isnull=True)
