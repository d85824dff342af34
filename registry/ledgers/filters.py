"""The list filters every ledger shares: search box, township, period, voided records."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q

from registry.models import Village


def yes_no(label, **kwargs):
    """A 是/否 filter whose empty choice reads 全部 (Django's own select says 未知)."""
    return django_filters.BooleanFilter(
        label=label, widget=forms.Select(choices=[("", "全部"), ("true", "是"), ("false", "否")]), **kwargs
    )


def date_filter(label, field_name, lookup_expr):
    return django_filters.DateFilter(
        label=label, field_name=field_name, lookup_expr=lookup_expr, widget=forms.DateInput(attrs={"type": "date"})
    )


def period(field_name):
    """The 日期从 / 日期至 pair on one date field: every ledger list and export is filtered by period."""
    return date_filter("日期从", field_name, "gte"), date_filter("日期至", field_name, "lte")


def visible_townships(request):
    return request.user.visible_townships()


def visible_villages(request):
    return Village.objects.for_user(request.user).select_related("township")


def _reaches_many(model, path: str) -> bool:
    """Whether the field path crosses a relation to many rows (a many-to-many or a reverse key)."""
    for name in path.split("__"):
        field = model._meta.get_field(name)
        if field.many_to_many or field.one_to_many:
            return True
        if not field.is_relation:
            return False
        model = field.related_model
    return False


class LedgerFilterSet(django_filters.FilterSet):
    """Search box, township and the voided switch shared by every ledger list.

    Always bound, so a list opened without parameters still hides voided records.
    `search_fields` lists what the search box matches (icontains).
    """

    search_fields: tuple = ()
    search_placeholder = "名称、编号、电话…"

    q = django_filters.CharFilter(label="搜索", method="search")
    township = django_filters.ModelChoiceFilter(label="乡镇", queryset=visible_townships)
    voided = django_filters.ChoiceFilter(
        label="记录", choices=[("1", "已作废")], empty_label="有效记录", method="filter_voided"
    )

    def __init__(self, data=None, *args, request=None, **kwargs):
        super().__init__(data if data is not None else {}, *args, request=request, **kwargs)
        self.form.fields["q"].widget.attrs.update(
            {"placeholder": self.search_placeholder, "class": "form-control", "type": "search"}
        )
        if request is not None and len(request.user.township_ids) == 1:
            # Nothing to choose: the user works in one township.
            self.form.fields["township"].widget = forms.HiddenInput()

    def search(self, queryset, name, value):
        model, condition = queryset.model, Q()
        for field in self.search_fields:
            lookup = {f"{field}__icontains": value.strip()}
            if _reaches_many(model, field):
                # Through EXISTS: a join would list a record once per matching row (two operators of
                # one interview) and DISTINCT would make PostgreSQL sort the whole ledger.
                condition |= Q(Exists(model._base_manager.filter(pk=OuterRef("pk"), **lookup)))
            else:
                condition |= Q(**lookup)
        return queryset.filter(condition)

    def filter_voided(self, queryset, name, value):
        return queryset  # applied in filter_queryset, so that "empty" means valid records only

    def filter_queryset(self, queryset):
        voided = self.form.cleaned_data.get("voided") == "1"
        return super().filter_queryset(queryset.filter(voided_at__isnull=not voided))
