"""Pages of the sampling, rapid-test, case and activity ledgers.

Most pages are the generic ledger pages (`registry.ledger_views.LedgerViewSet`); the ones here
add what a ledger needs beyond them: a failed sample's disposal, a case's confiscated goods,
and the rapid-test batch entry of a market morning.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.generic import TemplateView, UpdateView

from registry.audit import audit_trail, display_value
from registry.ledger_views import LedgerCreateView, LedgerDetailView, LedgerUpdateView, LedgerViewSet, ScopedMixin

from . import filters_ledgers as filters
from . import forms_ledgers as forms
from . import imports_ledgers as sheets
from .models import (
    Banquet,
    Case,
    Complaint,
    ConfiscatedGoods,
    Interview,
    Lecture,
    MajorEvent,
    ManualDistribution,
    PublicityEvent,
    RapidTest,
    Sample,
    SampleDisposal,
    StudySession,
    Training,
)
from .sampling_services import link_case, open_disposal, record_rapid_tests

# --- 监督抽检 and its 核查处置 ---------------------------------------------------------------------


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


class SampleDisposalView(ScopedMixin, UpdateView):
    """One form for the disposal steps of a failed batch: 下架/封存, 召回, 立案, 完成."""

    model = SampleDisposal
    action = "change"
    form_class = forms.SampleDisposalForm
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


# --- 快检 ------------------------------------------------------------------------------------


class RapidTestBatchView(ScopedMixin, TemplateView):
    """A market morning on one page: day, place and tester once, then a row per test.

    All rows or none: a row with a mistake is shown with its reason and nothing is saved.
    """

    model = RapidTest
    action = "add"
    template_name = "inspections/rapidtest_batch.html"
    prefix = "rows"

    def get(self, request, *args, **kwargs):
        header = forms.RapidTestBatchForm(user=request.user, initial={"tested_on": timezone.localdate()})
        rows = forms.RapidTestRowFormSet(queryset=RapidTest.objects.none(), prefix=self.prefix)
        return self.render_to_response(self.get_context_data(header=header, rows=rows))

    def post(self, request, *args, **kwargs):
        header = forms.RapidTestBatchForm(request.POST, user=request.user)
        rows = forms.RapidTestRowFormSet(request.POST, queryset=RapidTest.objects.none(), prefix=self.prefix)
        header_ok, rows_ok = header.is_valid(), rows.is_valid()
        tests = []
        if header_ok and rows_ok:
            for form in rows.forms:
                if not form.has_changed():
                    continue
                test = form.save(commit=False)
                test.operator = header.cleaned_data["operator"]
                test.township_id = test.operator.township_id
                test.tested_on = header.cleaned_data["tested_on"]
                test.tester = header.cleaned_data["tester"]
                try:
                    test.full_clean()
                except ValidationError as exc:
                    add_row_errors(form, exc)
                tests.append(test)
        row_errors = [(number, form) for number, form in enumerate(rows.forms, start=1) if form.errors]
        if not (header_ok and rows_ok) or row_errors:
            context = self.get_context_data(header=header, rows=rows, row_errors=row_errors)
            return self.render_to_response(context)
        record_rapid_tests(
            operator=header.cleaned_data["operator"],
            tested_on=header.cleaned_data["tested_on"],
            tester=header.cleaned_data["tester"],
            rows=tests,
            by=request.user,
        )
        failed = sum(test.is_failed for test in tests)
        messages.success(
            request,
            f"已录入 {len(tests)} 条快检记录（{header.cleaned_data['operator']}，"
            f"{header.cleaned_data['tested_on']:%Y-%m-%d}），其中不合格 {failed} 条。",
        )
        day = f"{header.cleaned_data['tested_on']:%Y-%m-%d}"
        query = urlencode({"date_from": day, "date_to": day, "q": header.cleaned_data["operator"].name})
        return redirect(f"{reverse('inspections:rapidtest_list')}?{query}")


def add_row_errors(form, exc):
    """Attach a model's errors to a row form: to its field where the row has one, else to the row."""
    for name, errors in exc.update_error_dict({}).items():
        for error in errors:
            form.add_error(name if name in form.fields else None, error)


# --- 立案查处 --------------------------------------------------------------------------------------


class CaseDetail(LedgerDetailView):
    select_related = ("township", "operator", "inspection__operator", "created_by", "voided_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        case = self.object
        context.update(
            goods=list(case.goods.all()),
            samples=[d.sample for d in case.disposals.select_related("sample").filter(sample__voided_at__isnull=True)],
            complaints=list(case.complaints.valid()),
            goods_trail=goods_trail(case),
        )
        return context


def goods_trail(case):
    """Every change to the case's confiscated goods lines, newest first (one SQL query)."""
    actions = {"+": "新增", "~": "修改", "-": "删除"}
    versions = ConfiscatedGoods.history.filter(case_id=case.pk).select_related("history_user")
    return [
        {
            "when": version.history_date,
            "who": str(version.history_user) if version.history_user else "系统",
            "action": actions.get(version.history_type, version.history_type),
            "text": str(version.instance),
        }
        for version in versions.order_by("-history_date", "-history_id")
    ]


class CaseGoodsMixin:
    """The case form carries its confiscated goods (a formset), saved with the case in one transaction."""

    template_name = "inspections/case_form.html"

    def goods_formset(self):
        if self.request.method == "POST":
            return forms.ConfiscatedGoodsFormSet(self.request.POST, instance=self.object, prefix="goods")
        return forms.ConfiscatedGoodsFormSet(instance=self.object, prefix="goods")

    def get_context_data(self, **kwargs):
        kwargs.setdefault("goods", self.goods_formset())
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        goods = forms.ConfiscatedGoodsFormSet(self.request.POST, instance=form.instance, prefix="goods")
        if not goods.is_valid():
            return self.render_to_response(self.get_context_data(form=form, goods=goods))
        creating = form.instance.pk is None
        try:
            with transaction.atomic():
                if creating:
                    form.instance.created_by = self.request.user
                summary = goods_change_summary(goods)
                if summary:
                    form.instance._change_reason = summary
                self.object = form.save()
                goods.instance = self.object
                goods.save()
                self.after_save()
        except ValidationError as exc:
            # e.g. the case cannot be linked to the sample it was opened from: nothing is kept.
            if creating:
                form.instance.pk, self.object = None, None
            form.add_error(None, exc.messages)
            return self.render_to_response(self.get_context_data(form=form, goods=goods))
        messages.success(self.request, f"已保存：{self.object}")
        return redirect(self.get_success_url())

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form, goods=self.goods_formset()))

    def after_save(self):
        """Inside the transaction that saved the case; a ValidationError undoes the save."""


def goods_change_summary(goods):
    """“没收物品：新增过期食品、删除药品” for the case's audit trail; blank when nothing changed."""
    parts = []
    for form in goods.forms:
        if not form.has_changed() or not form.cleaned_data:
            continue
        kind = ConfiscatedGoods.Kind(form.cleaned_data["kind"]).label
        if goods._should_delete_form(form):
            if form.instance.pk:
                parts.append(f"删除{kind}")
        else:
            parts.append(f"{'修改' if form.instance.pk else '新增'}{kind}")
    return "没收物品：" + "、".join(parts) if parts else ""


class CaseCreate(CaseGoodsMixin, LedgerCreateView):
    """New case; opened from a failed sample (?sample=<pk>) it is filed over that batch."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.sample = None

    def dispatch(self, request, *args, **kwargs):
        if "sample" in request.GET and request.user.is_authenticated:
            samples = Sample.objects.for_user(request.user).valid().failed().select_related("operator")
            self.sample = get_object_or_404(samples, pk=request.GET["sample"])
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        initial = super().get_initial()
        if self.sample is not None:
            sample = self.sample
            initial.update(
                township=sample.township_id,
                operator=sample.operator_id,
                source=Case.Source.SAMPLING,
                domain=Case.Domain.FOOD,
                cause=f"经营不合格食品（{sample.sample_name}，{sample.failing_item}不合格）",
            )
        return initial

    def get_context_data(self, **kwargs):
        return super().get_context_data(linked_sample=self.sample, **kwargs)

    def after_save(self):
        if self.sample is not None:
            link_case(self.sample, self.object, by=self.request.user)
            messages.info(self.request, f"已将案件关联到抽检批次 {self.sample}（立案步骤已完成）。")

    def get_success_url(self):
        return self.sample.get_absolute_url() if self.sample is not None else self.object.get_absolute_url()


class CaseUpdate(CaseGoodsMixin, LedgerUpdateView):
    pass


# --- 活动台账 ------------------------------------------------------------------------------------


class ComplaintDetail(LedgerDetailView):
    select_related = ("township", "operator", "village", "case", "created_by", "voided_by")

    def field_rows(self):
        complaint, today = self.object, timezone.localdate()
        rows = super().field_rows()
        deadline = display_value(Complaint._meta.get_field("deadline"), complaint.deadline)
        rows.insert(6, ("办结期限", f"{deadline}（受理之日起按工作日计算）"))
        if complaint.closed_on_time is not None:
            rows.append(("是否按时办结", "按时办结" if complaint.closed_on_time else "超期办结"))
        elif complaint.overdue_on(today):
            rows.append(("是否按时办结", "已超期，尚未办结"))
        return rows


class BanquetDetail(LedgerDetailView):
    select_related = ("township", "village", "chef", "created_by", "voided_by")

    def get_context_data(self, **kwargs):
        return super().get_context_data(warnings=self.object.warnings(), **kwargs)


class ActivityDetail(LedgerDetailView):
    """The generic detail, with 备注 last (the activity base model declares it first)."""

    def field_rows(self):
        notes = str(self.model._meta.get_field("notes").verbose_name)
        rows = super().field_rows()
        return [row for row in rows if row[0] != notes] + [row for row in rows if row[0] == notes]


class WithOperatorsDetail(ActivityDetail):
    """Detail of a record with operators (M2M): they are listed under the fields."""

    def get_template_names(self):
        return [f"inspections/{self.model._meta.model_name}_detail.html", "inspections/with_operators_detail.html"]

    def get_context_data(self, **kwargs):
        label = self.model._meta.get_field("operators").verbose_name
        return super().get_context_data(operators=list(self.object.operators.all()), operators_label=label, **kwargs)


samples = LedgerViewSet(
    Sample,
    form_class=forms.SampleForm,
    filterset_class=filters.SampleFilter,
    sheet_class=sheets.SampleSheet,
    select_related=("township", "operator", "disposal"),
    detail_view=SampleDetail,
    create_view=SampleCreate,
    update_view=SampleUpdate,
)
rapid_tests = LedgerViewSet(
    RapidTest,
    form_class=forms.RapidTestForm,
    filterset_class=filters.RapidTestFilter,
    sheet_class=sheets.RapidTestSheet,
    select_related=("township", "operator", "item"),
)
cases = LedgerViewSet(
    Case,
    form_class=forms.CaseForm,
    filterset_class=filters.CaseFilter,
    sheet_class=sheets.CaseSheet,
    select_related=("township", "operator"),
    detail_view=CaseDetail,
    create_view=CaseCreate,
    update_view=CaseUpdate,
)
trainings = LedgerViewSet(
    Training,
    form_class=forms.TrainingForm,
    filterset_class=filters.TrainingFilter,
    sheet_class=sheets.TrainingSheet,
    select_related=("township",),
    detail_view=ActivityDetail,
)
interviews = LedgerViewSet(
    Interview,
    form_class=forms.InterviewForm,
    filterset_class=filters.InterviewFilter,
    sheet_class=sheets.InterviewSheet,
    select_related=("township",),
    detail_view=WithOperatorsDetail,
)
publicity = LedgerViewSet(
    PublicityEvent,
    form_class=forms.PublicityEventForm,
    filterset_class=filters.PublicityEventFilter,
    sheet_class=sheets.PublicityEventSheet,
    select_related=("township",),
    detail_view=ActivityDetail,
)
lectures = LedgerViewSet(
    Lecture,
    form_class=forms.LectureForm,
    filterset_class=filters.LectureFilter,
    sheet_class=sheets.LectureSheet,
    select_related=("township",),
    detail_view=ActivityDetail,
)
manuals = LedgerViewSet(
    ManualDistribution,
    form_class=forms.ManualDistributionForm,
    filterset_class=filters.ManualDistributionFilter,
    sheet_class=sheets.ManualDistributionSheet,
    select_related=("township",),
    detail_view=ActivityDetail,
)
study_sessions = LedgerViewSet(
    StudySession,
    form_class=forms.StudySessionForm,
    filterset_class=filters.StudySessionFilter,
    sheet_class=sheets.StudySessionSheet,
    select_related=("township", "village"),
    detail_view=ActivityDetail,
)
complaints = LedgerViewSet(
    Complaint,
    form_class=forms.ComplaintForm,
    filterset_class=filters.ComplaintFilter,
    sheet_class=sheets.ComplaintSheet,
    select_related=("township", "operator", "village"),
    detail_view=ComplaintDetail,
)
banquets = LedgerViewSet(
    Banquet,
    form_class=forms.BanquetForm,
    filterset_class=filters.BanquetFilter,
    sheet_class=sheets.BanquetSheet,
    select_related=("township", "village", "chef"),
    detail_view=BanquetDetail,
)
events = LedgerViewSet(
    MajorEvent,
    form_class=forms.MajorEventForm,
    filterset_class=filters.MajorEventFilter,
    sheet_class=sheets.MajorEventSheet,
    select_related=("township",),
    detail_view=WithOperatorsDetail,
)
