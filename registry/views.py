from django.db.models import Count, Q
from django.urls import reverse_lazy
from django.views.generic import CreateView, ListView, UpdateView

from . import filters, forms
from .ledgers.views import (
    LedgerDetailView,
    LedgerFormMixin,
    LedgerViewSet,
    OneTimeSubmissionMixin,
    ScopedMixin,
    VersionedEditMixin,
)
from .models import (
    FoodTruck,
    LeadingGroupMember,
    MobileChef,
    Operator,
    Village,
    VillageCoordinator,
    WholesaleVehicle,
)
from .sheets import FoodTruckSheet, MobileChefSheet, OperatorSheet, VillageCoordinatorSheet, WholesaleVehicleSheet


class OperatorDetail(LedgerDetailView):
    select_related = ("township", "village", "market", "created_by", "voided_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        operator = self.object
        context["stalls"] = operator.stalls.valid() if operator.category == Operator.Category.MARKET else None
        context["vehicles"] = operator.vehicles.valid()
        return context


operators = LedgerViewSet(
    Operator,
    form_class=forms.OperatorForm,
    filterset_class=filters.OperatorFilter,
    sheet_class=OperatorSheet,
    select_related=("township", "village", "market"),
    with_status=True,
    detail_view=OperatorDetail,
)
chefs = LedgerViewSet(
    MobileChef,
    form_class=forms.MobileChefForm,
    filterset_class=filters.MobileChefFilter,
    sheet_class=MobileChefSheet,
    select_related=("township", "village"),
    with_status=True,
)
trucks = LedgerViewSet(
    FoodTruck,
    form_class=forms.FoodTruckForm,
    filterset_class=filters.FoodTruckFilter,
    sheet_class=FoodTruckSheet,
    select_related=("township",),
    with_status=True,
)
vehicles = LedgerViewSet(
    WholesaleVehicle,
    form_class=forms.WholesaleVehicleForm,
    filterset_class=filters.WholesaleVehicleFilter,
    sheet_class=WholesaleVehicleSheet,
    select_related=("township", "operator"),
    with_status=True,
)
coordinators = LedgerViewSet(
    VillageCoordinator,
    form_class=forms.VillageCoordinatorForm,
    filterset_class=filters.VillageCoordinatorFilter,
    sheet_class=VillageCoordinatorSheet,
    select_related=("village__township",),
)

leading_group = LedgerViewSet(
    LeadingGroupMember,
    form_class=forms.LeadingGroupMemberForm,
    filterset_class=filters.LeadingGroupMemberFilter,
    select_related=("county", "township"),
)


class VillageMixin(ScopedMixin):
    model = Village
    success_url = reverse_lazy("registry:village_list")


class VillageList(VillageMixin, ListView):
    template_name = "registry/village_list.html"
    paginate_by = 50

    def get_queryset(self):
        active = Q(operators__voided_at__isnull=True) & ~Q(operators__status=Operator.Status.CANCELLED)
        serving = Q(coordinators__voided_at__isnull=True, coordinators__left_on__isnull=True)
        return (
            super()
            .get_queryset()
            .select_related("township")
            .annotate(
                operator_count=Count("operators", filter=active, distinct=True),
                coordinator_count=Count("coordinators", filter=serving, distinct=True),
            )
            .order_by("township__code", "name")  # Meta.ordering does not apply to grouped queries
        )


class VillageCreate(VillageMixin, LedgerFormMixin, OneTimeSubmissionMixin, CreateView):
    action = "add"
    form_class = forms.VillageForm

    def get_success_url(self):
        return self.success_url


class VillageUpdate(VersionedEditMixin, VillageMixin, LedgerFormMixin, UpdateView):
    action = "change"
    form_class = forms.VillageForm

    def get_success_url(self):
        return self.success_url
