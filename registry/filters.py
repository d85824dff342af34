import django_filters
from django import forms
from django.db.models import Q

from .models import FoodTruck, MobileChef, Operator, SimpleStatus, Village, VillageCoordinator, WholesaleVehicle


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
        condition = Q()
        for field in self.search_fields:
            condition |= Q(**{f"{field}__icontains": value.strip()})
        return queryset.filter(condition)

    def filter_voided(self, queryset, name, value):
        return queryset  # applied in filter_queryset, so that "empty" means valid records only

    def filter_queryset(self, queryset):
        voided = self.form.cleaned_data.get("voided") == "1"
        return super().filter_queryset(queryset.filter(voided_at__isnull=not voided))


class OperatorFilter(LedgerFilterSet):
    search_fields = ("name", "credit_code", "licence_no", "legal_representative", "phone", "address")

    FLAGS = [
        (name, Operator._meta.get_field(name).verbose_name)
        for name in (
            "bright_kitchen",
            "transparent_workshop",
            "sunshine_warehouse",
            "trace_platform",
            "fume_purifier",
            "clean_energy",
            "uses_lpg",
            "rapid_test_room",
        )
    ]

    village = django_filters.ModelChoiceFilter(label="所属村", queryset=visible_villages)
    flag = django_filters.ChoiceFilter(label="设施与措施", choices=FLAGS, method="filter_flag")
    registered_from = django_filters.DateFilter(
        label="登记日期从",
        field_name="registered_on",
        lookup_expr="gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    registered_to = django_filters.DateFilter(
        label="登记日期至",
        field_name="registered_on",
        lookup_expr="lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Operator
        fields = [
            "q",
            "township",
            "village",
            "category",
            "subtype",
            "status",
            "risk_level",
            "credit_level",
            "supervising_body",
            "flag",
            "registered_from",
            "registered_to",
            "voided",
        ]

    def filter_flag(self, queryset, name, value):
        return queryset.filter(**{value: True})


class MobileChefFilter(LedgerFilterSet):
    search_fields = ("name", "id_number", "phone", "health_certificate_no")
    status = django_filters.ChoiceFilter(label="状态", choices=SimpleStatus.choices)

    class Meta:
        model = MobileChef
        fields = ["q", "township", "status", "voided"]


class FoodTruckFilter(LedgerFilterSet):
    search_fields = ("plate_no", "owner", "phone", "goods")
    status = django_filters.ChoiceFilter(label="状态", choices=SimpleStatus.choices)
    gps_installed = yes_no("安装GPS定位")

    class Meta:
        model = FoodTruck
        fields = ["q", "township", "status", "gps_installed", "voided"]


class WholesaleVehicleFilter(LedgerFilterSet):
    search_fields = ("plate_no", "driver", "phone", "operator__name")
    status = django_filters.ChoiceFilter(label="状态", choices=SimpleStatus.choices)

    class Meta:
        model = WholesaleVehicle
        fields = ["q", "township", "status", "voided"]


class VillageCoordinatorFilter(LedgerFilterSet):
    search_fields = ("name", "phone", "village__name")
    township = django_filters.ModelChoiceFilter(
        label="乡镇", queryset=visible_townships, field_name="village__township"
    )
    village = django_filters.ModelChoiceFilter(label="所属村", queryset=visible_villages)

    class Meta:
        model = VillageCoordinator
        fields = ["q", "township", "village", "role", "voided"]
