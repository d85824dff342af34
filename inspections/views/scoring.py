"""Pages of scores, levels and the negative list."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from audit.access import file_response
from registry.ledgers.params import query_year
from registry.ledgers.views import LedgerViewSet, RecordActionView, ScopedMixin
from registry.models import Operator

from ..filters.scoring import NegativeListFilter, ScoreRecordFilter
from ..forms.scoring import LevelChangeForm, NegativeListForm, ScoreRecordForm
from ..models import LevelChange, NegativeListEntry, ScoreRecord
from ..pdf import render_pdf
from ..selectors import score_ledger
from ..services.scoring import apply_scoring_policy, change_level_manually, yearly_points
from ..sheets.scoring import NegativeListSheet, ScoreRecordSheet


class ScoreNoticePdf(ScopedMixin, View):
    """记分告知单 of a score, with the items that cost the points."""

    model = ScoreRecord

    def get(self, request, pk):
        score = get_object_or_404(
            self.get_queryset().valid().select_related("operator", "township", "inspection"), pk=pk
        )
        notice = score.inspection.documents.filter(kind="score_notice").first() if score.inspection else None
        failed = score.inspection.item_results.filter(outcome="fail").select_related("item") if score.inspection else []
        context = {
            "score": score,
            "number": notice.number if notice else "",
            "failed_items": [r for r in failed if r.item.points],
            "year_points": yearly_points(score.operator, score.scored_on.year),
        }
        pdf = render_pdf("inspections/pdf/score_notice.html", context, request=request)
        filename = f"记分告知单_{score.operator.name}_{score.scored_on:%Y%m%d}.pdf"
        return file_response(request, pdf, filename, "application/pdf", attachment=False)


scores = LedgerViewSet(
    ScoreRecord,
    form_class=ScoreRecordForm,
    filterset_class=ScoreRecordFilter,
    sheet_class=ScoreRecordSheet,
    select_related=("operator", "township", "inspection"),
)


class ScoreCreate(scores.views["create"][0]):
    """A manual score moves levels and the negative list exactly as an inspection's does."""

    def form_valid(self, form):
        response = super().form_valid(form)
        apply_scoring_policy(self.object.operator, score=self.object, by=self.request.user)
        return response


scores.views["create"] = (ScoreCreate, scores.views["create"][1])


class ScoreLedger(ScopedMixin, TemplateView):
    """记分台账: each operator's points of a year and the levels they drive."""

    model = ScoreRecord
    template_name = "inspections/score_ledger.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        year = query_year(self.request.GET, "year", default=today.year, last=today.year)
        operators = Operator.objects.for_user(self.request.user)
        return super().get_context_data(
            year=year,
            years=range(today.year, today.year - 6, -1),
            rows=score_ledger(operators, year),
            level_changes=LevelChange.objects.for_user(self.request.user)
            .filter(changed_on__year=year)
            .select_related("operator")[:100],
            **kwargs,
        )


negative_list = LedgerViewSet(
    NegativeListEntry,
    form_class=NegativeListForm,
    filterset_class=NegativeListFilter,
    sheet_class=NegativeListSheet,
    select_related=("operator", "township"),
)


class NegativeListPrint(ScopedMixin, TemplateView):
    """负面清单, as published: a printable page of the operators currently listed."""

    model = NegativeListEntry
    template_name = "inspections/negative_list_print.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        return super().get_context_data(
            today=today,
            entries=NegativeListEntry.objects.for_user(self.request.user)
            .current(today)
            .select_related("operator__village", "township"),
            townships=self.request.user.visible_townships(),
            **kwargs,
        )


class OperatorLevelChange(RecordActionView):
    """An inspector raises or lowers an operator's risk or credit level, with a cause."""

    model = Operator
    form_class = LevelChangeForm
    heading = "调整风险/信用等级"

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            change_level_manually(
                self.object,
                level=data["level"],
                new=data["new"],
                day=data["day"],
                cause=data["cause"],
                by=self.request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, "已调整等级并记入信用档案。")
        return super().form_valid(form)
