"""The 报告 pages: the list of summaries by year, starting one, its preview, its text, 定稿, downloads.

Permissions are the model's: 领导 read and download (view_report), the office drafts and edits
(add/change_report), 所长 and 管理员 finalise (finalise_report). A finalised report is read, and
downloaded, from what was stored when it was finalised.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.views import View
from django.views.generic import ListView
from django.views.generic.detail import SingleObjectMixin

from audit.access import file_response
from registry.ledgers.views import (
    LedgerCreateView,
    LedgerDetailView,
    LedgerUpdateView,
    LedgerVoidView,
    ScopedMixin,
)

from ..forms import ReportCreateForm, ReportTextForm
from ..models import Report
from ..summaries import lifecycle
from ..summaries.hints import problem_hints

SELECT = ("county", "township", "created_by", "finalised_by", "voided_by", "based_on")


class ReportMixin(ScopedMixin):
    model = Report
    select_related = SELECT


class ReportList(ReportMixin, ListView):
    template_name = "reports/summary/list.html"
    paginate_by = 50

    def get_queryset(self):
        reports = super().get_queryset().latest_first()
        return reports if self.request.GET.get("voided") == "1" else reports.valid()

    def get_context_data(self, **kwargs):
        return super().get_context_data(showing_voided=self.request.GET.get("voided") == "1", **kwargs)


class ReportCreate(ReportMixin, LedgerCreateView):
    form_class = ReportCreateForm
    template_name = "reports/summary/create.html"

    def form_valid(self, form):
        form.instance.created_by = self.request.user
        self.object = form.save()
        messages.success(self.request, "已新建草稿：数字由台账算出，请在“编辑文字”中补充台账记录不到的内容。")
        return redirect(self.object.get_absolute_url())


class ReportDetail(ReportMixin, LedgerDetailView):
    template_name = "reports/summary/detail.html"

    def get_template_names(self):
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.object
        context.update(
            document=lifecycle.document_of(report),
            links=True,
            drift=lifecycle.drift(report),
            formats=lifecycle.FORMATS,
            can_finalise=self.request.user.has_perm("reports.finalise_report"),
        )
        return context


class DraftMixin:
    """Only a draft's text changes; a finalised report is redrafted instead."""

    def get_object(self, queryset=None):
        report = super().get_object(queryset)
        if report.is_final:
            raise PermissionDenied("定稿的工作总结不能修改，请以此新建草稿。")
        return report


class ReportUpdate(ReportMixin, DraftMixin, LedgerUpdateView):
    form_class = ReportTextForm
    template_name = "reports/summary/edit.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(hints=problem_hints(self.object), links=True, **kwargs)


class ReportVoid(ReportMixin, LedgerVoidView):
    pass


class ReportAction(ReportMixin, SingleObjectMixin, View):
    """A POST that acts on a report and returns to a report's page."""

    http_method_names = ["post"]

    def get_queryset(self):
        return super().get_queryset().valid()

    def post(self, request, *args, **kwargs):
        report = self.get_object()
        try:
            target = self.act(report)
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
            target = report
        return redirect(target.get_absolute_url())


class ReportFinalise(ReportAction):
    def get_permission_required(self):
        return ["reports.finalise_report"]

    def act(self, report):
        report = lifecycle.finalise(report, by=self.request.user)
        messages.success(self.request, f"已定稿：{report}。定稿后的文字、数据和文件不再随台账变化。")
        return report


class ReportRedraft(ReportAction):
    action = "add"

    def act(self, report):
        draft = lifecycle.redraft(report, by=self.request.user)
        messages.success(self.request, "已由定稿新建草稿：统计数据按台账重新计算，文字沿用定稿。")
        return draft


class ReportDownload(ReportMixin, SingleObjectMixin, View):
    def get(self, request, pk, format):
        if format not in lifecycle.FORMATS:
            raise Http404
        report = self.get_object()
        content = lifecycle.file_of(report, format)
        suffix = "" if report.is_final else "（草稿）"
        return file_response(request, content, f"{report.title}{suffix}.{format}", lifecycle.CONTENT_TYPES[format])
