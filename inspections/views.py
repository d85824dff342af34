from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views import View
from django.views.generic import TemplateView

from registry.ledger_views import (
    LedgerDetailView,
    LedgerUpdateView,
    LedgerViewSet,
    RecordActionView,
    ScopedMixin,
)
from registry.models import Operator

from . import filters, forms, selectors, services
from .imports import InspectionSheet, RectificationSheet, ScoreRecordSheet
from .models import Campaign, Inspection, LevelChange, NegativeListEntry, Rectification, ScoreRecord
from .pdf import render_pdf

# --- inspections -----------------------------------------------------------------------------


class InspectionCreate(ScopedMixin, View):
    """Record an inspection on one page: pick the operator, walk its checklist, save.

    Without ?operator= the page asks which operator (a searchable list); with it, the whole
    record — officers, checklist, documents, rectifications, follow-up closures, photos.
    """

    model = Inspection
    action = "add"
    template_name = "inspections/inspection_form.html"

    def get_operator(self):
        operator_id = self.request.GET.get("operator") or self.request.POST.get("operator")
        if not operator_id:
            return None
        queryset = Operator.objects.for_user(self.request.user).valid().select_related("township__county", "village")
        return get_object_or_404(queryset, pk=operator_id)

    def get(self, request):
        operator = self.get_operator()
        if operator is None:
            pick = forms.OperatorPickForm(user=request.user, initial={"kind": request.GET.get("kind")})
            return render(request, "inspections/inspection_pick.html", {"form": pick, "opts": Inspection._meta})
        initial = {"kind": request.GET.get("kind") or Inspection.Kind.ROUTINE, "officers": [request.user]}
        if request.GET.get("follows"):
            initial.update(kind=Inspection.Kind.FOLLOW_UP, follows=request.GET["follows"])
        if request.GET.get("campaign"):
            initial.update(kind=Inspection.Kind.SPECIAL, campaign=request.GET["campaign"])
        context = self.forms(operator, initial=initial)
        if request.GET.get("follows"):
            context["follow_up_form"].initial["closes"] = list(
                operator.rectifications.valid()
                .exclude(status=Rectification.Status.CLOSED)
                .filter(inspection_id=request.GET["follows"])
            )
        return self.render(operator, context)

    def post(self, request):
        operator = self.get_operator()
        if operator is None:
            raise Http404
        context = self.forms(operator, data=request.POST, files=request.FILES)
        form, checklist, follow_up = context["form"], context["checklist_form"], context["follow_up_form"]
        if all([form.is_valid(), checklist.is_valid(), follow_up.is_valid()]):
            inspection = form.save(commit=False)
            try:
                with transaction.atomic():
                    services.record_inspection(
                        inspection=inspection,
                        officers=list(form.cleaned_data["officers"]),
                        items=checklist.entries() if inspection.is_on_site else [],
                        by=request.user,
                        documents=follow_up.documents(),
                        rectification_deadline=follow_up.cleaned_data["rectification_deadline"],
                        responsible_person=follow_up.cleaned_data["responsible_person"],
                        closes=list(follow_up.cleaned_data["closes"]),
                        attachments=follow_up.cleaned_data["attachments"],
                    )
            except ValidationError as exc:
                _spread_errors(exc, form, follow_up)
            except IntegrityError:
                form.add_error(None, "文书编号与刚保存的另一条记录冲突，请再点一次“保存”。")
            else:
                messages.success(request, f"已保存检查记录：{inspection.operator}（{inspection.get_result_display()}）")
                return redirect(inspection.get_absolute_url())
        if request.FILES:
            messages.warning(request, "请改正标红的项目；浏览器不会保留已选的附件，请重新选择。")
        return self.render(operator, context, status=200)

    def forms(self, operator, *, initial=None, data=None, files=None):
        today = timezone.localdate()
        template = services.checklist_for(operator, today)
        items = template.items.all() if template else []
        return {
            "form": forms.InspectionForm(data, operator=operator, user=self.request.user, initial=initial),
            "checklist_form": forms.ChecklistForm(
                data, items=items, previous_failures=selectors.previous_failures(operator)
            ),
            "follow_up_form": forms.FollowUpForm(data, files, operator=operator, day=today),
            "template": template,
        }

    def render(self, operator, context, status=200):
        context.update(
            operator=operator,
            opts=Inspection._meta,
            open_rectifications=context["follow_up_form"].fields["closes"].queryset,
        )
        return render(self.request, self.template_name, context, status=status)


def _spread_errors(exc, *forms_):
    """Put a service's ValidationError on the form that has the field (else on the first form)."""
    for field, errors in exc.message_dict.items():
        target = next((f for f in forms_ if field in f.fields), forms_[0])
        for error in errors:
            target.add_error(field if field in target.fields else None, error)


class InspectionDetail(LedgerDetailView):
    select_related = ("operator__township", "operator__village", "campaign", "follows", "checklist", "created_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        inspection = self.object
        context.update(
            item_results=inspection.item_results.select_related("item", "rectification"),
            documents=inspection.documents.all(),
            attachments=inspection.attachments.all(),
            officers=inspection.officers.all(),
            opened=inspection.rectifications.valid(),
            verified=inspection.verified_rectifications.valid(),
            follow_ups=inspection.follow_ups.valid(),
            score=inspection.scores_caused().first(),
        )
        return context


class InspectionUpdate(LedgerUpdateView):
    form_class = forms.InspectionEditForm


class InspectionRecordPdf(ScopedMixin, View):
    """监督检查结果记录表, ready to sign and post at the premises."""

    model = Inspection

    def get(self, request, pk):
        inspection = get_object_or_404(
            self.get_queryset().select_related("operator__village", "township__county", "checklist"), pk=pk
        )
        context = {
            "inspection": inspection,
            "item_results": inspection.item_results.select_related("item"),
            "officers": inspection.officers.all(),
            "documents": {d.kind: d for d in inspection.documents.all()},
            "rectifications": inspection.rectifications.valid(),
        }
        pdf = render_pdf("inspections/pdf/result_record.html", context, request=request)
        filename = f"监督检查结果记录表_{inspection.operator.name}_{inspection.inspected_on:%Y%m%d}.pdf"
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = content_disposition_header(False, filename)
        return response


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
            "year_points": services.yearly_points(score.operator, score.scored_on.year),
        }
        pdf = render_pdf("inspections/pdf/score_notice.html", context, request=request)
        response = HttpResponse(pdf, content_type="application/pdf")
        filename = f"记分告知单_{score.operator.name}_{score.scored_on:%Y%m%d}.pdf"
        response["Content-Disposition"] = content_disposition_header(False, filename)
        return response


inspections = LedgerViewSet(
    Inspection,
    form_class=forms.InspectionEditForm,
    filterset_class=filters.InspectionFilter,
    sheet_class=InspectionSheet,
    select_related=("operator", "township", "campaign"),
    detail_view=InspectionDetail,
    update_view=InspectionUpdate,
)
inspections.views.pop("create")


# --- rectifications --------------------------------------------------------------------------


class RectificationDetail(LedgerDetailView):
    select_related = ("operator__township", "inspection", "verified_by", "item_result__item")


rectifications = LedgerViewSet(
    Rectification,
    form_class=forms.RectificationForm,
    filterset_class=filters.RectificationFilter,
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
    form_class = forms.RectificationReportForm
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
    form_class = forms.RectificationCloseForm
    heading = "整改销号"

    def form_valid(self, form):
        try:
            services.close_rectification(
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


# --- campaigns -------------------------------------------------------------------------------


class CampaignDetail(LedgerDetailView):
    select_related = ("county", "township")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        campaign = self.object
        visible = Inspection.objects.for_user(self.request.user).valid().filter(campaign=campaign)
        context.update(
            summary=selectors.campaign_summary(visible),
            campaign_inspections=visible.select_related("operator", "township")[:200],
        )
        return context


campaigns = LedgerViewSet(
    Campaign,
    form_class=forms.CampaignForm,
    filterset_class=filters.CampaignFilter,
    select_related=("county", "township"),
    detail_view=CampaignDetail,
)


# --- scores, levels and the negative list ----------------------------------------------------

scores = LedgerViewSet(
    ScoreRecord,
    form_class=forms.ScoreRecordForm,
    filterset_class=filters.ScoreRecordFilter,
    sheet_class=ScoreRecordSheet,
    select_related=("operator", "township", "inspection"),
)


class ScoreCreate(scores.views["create"][0]):
    """A manual score moves levels and the negative list exactly as an inspection's does."""

    def form_valid(self, form):
        response = super().form_valid(form)
        services.apply_scoring_policy(self.object.operator, score=self.object, by=self.request.user)
        return response


scores.views["create"] = (ScoreCreate, scores.views["create"][1])


class ScoreLedger(ScopedMixin, TemplateView):
    """记分台账: each operator's points of a year and the levels they drive."""

    model = ScoreRecord
    template_name = "inspections/score_ledger.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        try:
            year = int(self.request.GET.get("year", today.year))
        except ValueError:
            year = today.year
        operators = Operator.objects.for_user(self.request.user)
        return super().get_context_data(
            year=year,
            years=range(today.year, today.year - 6, -1),
            rows=selectors.score_ledger(operators, year),
            level_changes=LevelChange.objects.for_user(self.request.user)
            .filter(changed_on__year=year)
            .select_related("operator")[:100],
            **kwargs,
        )


negative_list = LedgerViewSet(
    NegativeListEntry,
    form_class=forms.NegativeListForm,
    filterset_class=filters.NegativeListFilter,
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
    form_class = forms.LevelChangeForm
    heading = "调整风险/信用等级"

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.change_level_manually(
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


# --- planning --------------------------------------------------------------------------------


class InspectionPlan(ScopedMixin, TemplateView):
    """Whom to visit next: operators due or overdue for inspection by their risk level."""

    model = Inspection
    template_name = "inspections/plan.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        operators = Operator.objects.for_user(self.request.user)
        township = self.request.GET.get("township")
        if township:
            operators = operators.filter(township_id=township)
        rows = selectors.inspection_plan(operators, today)
        status = self.request.GET.get("status", "attention")
        shown = [
            r for r in rows if status == "all" or r.status == status or (status == "attention" and r.status != "ok")
        ]
        counts = {key: sum(1 for r in rows if r.status == key) for key in ("overdue", "due", "ok")}
        return super().get_context_data(
            today=today,
            rows=shown,
            counts=counts,
            status=status,
            townships=self.request.user.visible_townships(),
            township=township,
            **kwargs,
        )
