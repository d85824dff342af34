"""Pages of the sampling ledger and a failed batch's 核查处置."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.generic import UpdateView

from registry.ledgers.audit import audit_trail
from registry.ledgers.views import (
    LedgerCreateView,
    LedgerDetailView,
    LedgerUpdateView,
    LedgerViewSet,
    ScopedMixin,
    VersionedEditMixin,
)

from ..filters.sampling import SampleFilter
from ..forms.sampling import SampleDisposalForm, SampleForm
from ..models import Sample, SampleDisposal
from ..services.sampling import open_disposal
from ..sheets.sampling import SampleSheet


class SampleDetail(LedgerDetailView):
    select_related = ("township", "operator", "campaign", "disposal__case", "created_by", "voided_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sample, today = self.object, timezone.localdate()
        disposal = sample.disposal_or_none
        context.update(
            today=today,
            disposal=disposal,
            disposal_steps=disposal.steps() if disposal else [],
            disposal_state=sample.disposal_state(today),
            disposal_overdue=sample.disposal_overdue_on(today),
            disposal_deadline=sample.effective_disposal_deadline(disposal),
            disposal_trail=audit_trail(disposal) if disposal else [],
            can_dispose=self.request.user.has_perm("inspections.change_sampledisposal"),
            can_add_case=self.request.user.has_perm("inspections.add_case"),
        )
        return context


class OpensDisposalMixin:
    """After a save, a failed batch without a disposal gets one, and the user is told so."""

    def form_valid(self, form):
        response = super().form_valid(form)
        had_disposal = SampleDisposal.objects.filter(sample=self.object).exists()
        if open_disposal(self.object, by=self.request.user) and not had_disposal:
            messages.warning(self.request, "该批次不合格，已启动核查处置，请登记下架/封存等处置步骤。")
        return response


class SampleCreate(OpensDisposalMixin, LedgerCreateView):
    pass


class SampleUpdate(OpensDisposalMixin, LedgerUpdateView):
    pass


class SampleDisposalView(VersionedEditMixin, ScopedMixin, UpdateView):
    """One form for the disposal steps of a failed batch: 下架/封存, 召回, 立案, 完成."""

    model = SampleDisposal
    action = "change"
    form_class = SampleDisposalForm
    template_name = "inspections/sampledisposal_form.html"

    def get_object(self, queryset=None):
        samples = Sample.objects.for_user(self.request.user).valid().select_related("operator", "township")
        sample = get_object_or_404(samples, pk=self.kwargs["pk"])
        if not sample.is_failed:
            raise Http404("只有不合格批次需要核查处置")
        disposal = sample.disposal_or_none
        return disposal or SampleDisposal(sample=sample, township_id=sample.township_id)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        if form.instance.pk is None:
            form.instance.created_by = self.request.user
        form.instance._change_reason = "登记核查处置步骤"
        response = super().form_valid(form)
        messages.success(self.request, f"已保存：{self.object}")
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sample"] = self.object.sample
        return context

    def get_success_url(self):
        return self.object.sample.get_absolute_url()


samples = LedgerViewSet(
    Sample,
    form_class=SampleForm,
    filterset_class=SampleFilter,
    sheet_class=SampleSheet,
    select_related=("township", "operator", "disposal"),
    detail_view=SampleDetail,
    create_view=SampleCreate,
    update_view=SampleUpdate,
)
