"""List filters of the sampling ledger."""

import django_filters
from django.utils import timezone

from registry.ledgers.filters import LedgerFilterSet, period

from ..models import Sample


class SampleFilter(LedgerFilterSet):
    search_fields = ("batch_no", "sample_name", "operator__name", "failing_item", "report_no")
    search_placeholder = "抽样单编号、样品、被抽样单位…"
    date_from, date_to = period("sampled_on")
    result = django_filters.ChoiceFilter(
        label="检验结论", choices=[*Sample.Result.choices, ("pending", "待出结果")], method="filter_result"
    )
    disposal = django_filters.ChoiceFilter(
        label="核查处置",
        choices=[("open", "未完成处置"), ("overdue", "逾期未处置"), ("done", "已完成处置")],
        method="filter_disposal",
    )

    class Meta:
        model = Sample
        fields = ["q", "township", "date_from", "date_to", "result", "food_category", "disposal", "voided"]

    def filter_result(self, queryset, name, value):
        return queryset.filter(result="" if value == "pending" else value)

    def filter_disposal(self, queryset, name, value):
        today = timezone.localdate()
        if value == "overdue":
            return queryset.disposal_overdue(today)
        if value == "done":
            return queryset.disposal_completed_by(today)
        return queryset.disposal_open_on(today)
