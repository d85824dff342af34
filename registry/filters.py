import django_filters
from django import forms
from django.utils import timezone

from .ledgers.filters import LedgerFilterSet, visible_townships, visible_villages, yes_no
from .models import (
    FoodTruck,
    LeadingGroupMember,
    MobileChef,
    Operator,
    SimpleStatus,
    VillageCoordinator,
    WholesaleVehicle,
)


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

    expiring = django_filters.ChoiceFilter(
        label="30天内到期",
        choices=[("licence", "许可证"), ("insurance", "食品安全责任险")],
        method="filter_expiring",
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
            "expiring",
            "voided",
        ]

    def filter_expiring(self, queryset, name, value):
        """As the dashboard's attention list counts them."""
        return queryset.expiring(value, timezone.localdate())

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


class LeadingGroupMemberFilter(LedgerFilterSet):
    search_fields = ("name", "position")
    serving = yes_no("在任", method="filter_serving")

    class Meta:
        model = LeadingGroupMember
        fields = ["q", "township", "role", "serving", "voided"]

    def filter_serving(self, queryset, name, value):
        serving = LeadingGroupMember.objects.serving_on(timezone.localdate()).values("pk")
        return queryset.filter(pk__in=serving) if value else queryset.exclude(pk__in=serving)
