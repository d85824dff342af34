"""Pages of the inspection ledger: recording an inspection on one page, its detail and its PDF."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views import View

from audit.access import file_response
from registry.ledgers.params import query_id
from registry.ledgers.submissions import TOKEN_FIELD, token_for_page
from registry.ledgers.uploads import files_kept_on_commit, protected_download
from registry.ledgers.views import (
    LedgerDetailView,
    LedgerUpdateView,
    LedgerViewSet,
    OneTimeSubmissionMixin,
    ScopedMixin,
    warn_if_outside_operator_life,
)
from registry.models import Operator

from ..filters.inspections import InspectionFilter
from ..forms.checklists import ChecklistForm
from ..forms.inspections import FollowUpForm, InspectionEditForm, InspectionForm, OperatorPickForm
from ..models import Inspection, InspectionAttachment, Rectification
from ..pdf import render_pdf
from ..selectors import previous_failures
from ..services.checklists import checklist_for
from ..services.inspections import correct_inspection, record_inspection
from ..sheets.inspections import InspectionSheet


class InspectionCreate(ScopedMixin, OneTimeSubmissionMixin, View):
    """Record an inspection on one page: pick the operator, walk its checklist, save.

    Without ?operator= the page asks which operator (a searchable list); with it, the whole
    record — officers, checklist, documents, rectifications, follow-up closures, photos.
    """

    model = Inspection
    action = "add"
    template_name = "inspections/inspection_form.html"

    def get_operator(self):
        operator_id = query_id(self.request.GET, "operator") or query_id(self.request.POST, "operator")
        if not operator_id:
            return None
        queryset = Operator.objects.for_user(self.request.user).valid().select_related("township__county", "village")
        return get_object_or_404(queryset, pk=operator_id)

    def get(self, request):
        operator = self.get_operator()
        if operator is None:
            pick = OperatorPickForm(user=request.user, initial={"kind": request.GET.get("kind")})
            return render(request, "inspections/inspection_pick.html", {"form": pick, "opts": Inspection._meta})
        initial = {"kind": request.GET.get("kind") or Inspection.Kind.ROUTINE, "officers": [request.user]}
        follows, campaign = query_id(request.GET, "follows"), query_id(request.GET, "campaign")
        if follows:
            initial.update(kind=Inspection.Kind.FOLLOW_UP, follows=follows)
        if campaign:
            initial.update(kind=Inspection.Kind.SPECIAL, campaign=campaign)
        context = self.forms(operator, initial=initial)
        if follows:
            context["follow_up_form"].initial["closes"] = list(
                operator.rectifications.valid()
                .exclude(status=Rectification.Status.CLOSED)
                .filter(inspection_id=follows)
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
                # The attachments written by a save that rolls back are deleted with it.
                with files_kept_on_commit():
                    record_inspection(
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
                warn_if_outside_operator_life(request, inspection)
                return redirect(inspection.get_absolute_url())
        if request.FILES:
            messages.warning(request, "请改正标红的项目；浏览器不会保留已选的附件，请重新选择。")
        return self.render(operator, context, status=200)

    def forms(self, operator, *, initial=None, data=None, files=None):
        today = timezone.localdate()
        template = checklist_for(operator, today)
        items = template.items.all() if template else []
        return {
            "form": InspectionForm(data, operator=operator, user=self.request.user, initial=initial),
            "checklist_form": ChecklistForm(data, items=items, previous_failures=previous_failures(operator)),
            "follow_up_form": FollowUpForm(data, files, operator=operator, day=today),
            "template": template,
        }

    def render(self, operator, context, status=200):
        context.setdefault(TOKEN_FIELD, token_for_page(self.request))
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
    form_class = InspectionEditForm

    def form_valid(self, form):
        inspection = form.save(commit=False)
        try:
            correct_inspection(inspection, by=self.request.user)
        except ValidationError as exc:
            # The officers are not on this form; what it changes that counts them is 其他检查人员.
            errors = {("other_officers" if k == "officers" else k): v for k, v in exc.message_dict.items()}
            _spread_errors(ValidationError(errors), form)
            return self.form_invalid(form)
        self.object = inspection
        messages.success(self.request, f"已保存：{inspection}")
        warn_if_outside_operator_life(self.request, inspection)
        return redirect(self.get_success_url())


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
        return file_response(request, pdf, filename, "application/pdf", attachment=False)


inspections = LedgerViewSet(
    Inspection,
    form_class=InspectionEditForm,
    filterset_class=InspectionFilter,
    sheet_class=InspectionSheet,
    select_related=("operator", "township", "campaign"),
    detail_view=InspectionDetail,
    update_view=InspectionUpdate,
)

inspections.views.pop("create")


class InspectionAttachmentDownload(ScopedMixin, View):
    """An attachment, downloaded only by who may read its inspection (a 404 for anyone else)."""

    model = Inspection

    def get(self, request, pk):
        attachment = get_object_or_404(
            InspectionAttachment.objects.select_related("inspection"),
            pk=pk,
            inspection__in=self.get_queryset(),
        )
        name = attachment.caption or f"检查附件{attachment.pk}"
        return protected_download(request, attachment.file, f"{attachment.inspection.inspected_on:%Y%m%d}_{name}")
