"""Pages of the rectification ledger: reported by the operator, closed (销号) by the office."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.views import View

from registry.ledgers.uploads import files_kept_on_commit, protected_download
from registry.ledgers.views import LedgerDetailView, LedgerViewSet, RecordActionView, ScopedMixin

from ..filters.rectifications import RectificationFilter
from ..forms.rectifications import RectificationCloseForm, RectificationForm, RectificationReportForm
from ..models import Rectification
from ..services.rectifications import close_rectification
from ..sheets.rectifications import RectificationSheet


class RectificationDetail(LedgerDetailView):
    select_related = ("operator__township", "inspection", "verified_by", "item_result__item")


rectifications = LedgerViewSet(
    Rectification,
    form_class=RectificationForm,
    filterset_class=RectificationFilter,
    sheet_class=RectificationSheet,
    select_related=("operator", "township"),
    detail_view=RectificationDetail,
)


class RectificationMixin:
    model = Rectification

    def get_queryset(self):
        return super().get_queryset().exclude(status=Rectification.Status.CLOSED)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "record": self.object}


class RectificationReport(RectificationMixin, RecordActionView):
    form_class = RectificationReportForm
    heading = "登记经营者报告已整改"

    def form_valid(self, form):
        record = self.object
        record.status = Rectification.Status.REPORTED
        record.reported_on = form.cleaned_data["day"]
        record.closing_note = form.cleaned_data["note"] or record.closing_note
        try:
            record.full_clean()
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        record._change_reason = "经营者报告已整改"
        record.save()
        messages.success(self.request, "已登记整改报告，待复查核实后销号。")
        return super().form_valid(form)


class RectificationClose(RectificationMixin, RecordActionView):
    form_class = RectificationCloseForm
    heading = "整改销号"

    def form_valid(self, form):
        try:
            with files_kept_on_commit():
                close_rectification(
                    self.object,
                    day=form.cleaned_data["day"],
                    note=form.cleaned_data["note"],
                    evidence=form.cleaned_data["evidence"],
                )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, f"已销号：{self.object}")
        return super().form_valid(form)


class RectificationEvidence(ScopedMixin, View):
    """The closing evidence, downloaded only by who may read the rectification (a 404 for anyone else)."""

    model = Rectification

    def get(self, request, pk):
        record = get_object_or_404(self.get_queryset(), pk=pk)
        return protected_download(request, record.evidence, f"整改佐证_{record.operator}_{record.pk}")
