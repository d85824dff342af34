import django_filters
from django.utils import timezone

from registry.filters import LedgerFilterSet, period, yes_no
from registry.models import Operator

from .models import Campaign, Inspection, NegativeListEntry, Rectification, ScoreRecord


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

    def search(self, queryset, name, value):
        return super().search(queryset, name, value).distinct()


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
        if value == "overdue":
            return queryset.exclude(status=Rectification.Status.CLOSED).filter(deadline__lt=today)
        if value == "unclosed":
            return queryset.exclude(status=Rectification.Status.CLOSED)
        return queryset.filter(status=value)


class CampaignFilter(LedgerFilterSet):
    date_from, date_to = period("start_date")
    search_fields = ("name", "description")
    search_placeholder = "专项整治名称…"

    class Meta:
        model = Campaign
        fields = ["q", "date_from", "date_to", "theme", "voided"]


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
