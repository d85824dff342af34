import django_filters
from django import forms
from django.db.models import Q

from registry.ledgers.filters import period

from .models import AccessEvent


class AccessEventFilter(django_filters.FilterSet):
    """The access log's filters: who, what kind, when, from where, and a search of the content."""

    q = django_filters.CharFilter(label="搜索", method="search")
    kind = django_filters.ChoiceFilter(label="类型", choices=AccessEvent.Kind.choices, empty_label="全部")
    username = django_filters.CharFilter(label="用户名", lookup_expr="iexact")
    address = django_filters.CharFilter(label="来源地址", field_name="address", lookup_expr="exact")
    at_from, at_to = period("at__date")

    class Meta:
        model = AccessEvent
        fields = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["q"].widget.attrs.update(
            {"placeholder": "文件名、网址、姓名…", "class": "form-control", "type": "search"}
        )
        self.form.fields["address"].widget = forms.TextInput(attrs={"placeholder": "如 10.0.0.8"})

    def search(self, queryset, name, value):
        return queryset.filter(Q(what__icontains=value) | Q(path__icontains=value) | Q(user__name__icontains=value))
