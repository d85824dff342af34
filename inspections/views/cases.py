"""Pages of the case ledger: a case with its confiscated goods, opened from a failed sample or not."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect

from registry.ledgers.params import query_id
from registry.ledgers.views import (
    LedgerCreateView,
    LedgerDetailView,
    LedgerUpdateView,
    LedgerViewSet,
    warn_if_outside_operator_life,
)

from ..filters.cases import CaseFilter
from ..forms.cases import CaseForm, ConfiscatedGoodsFormSet
from ..models import Case, ConfiscatedGoods, Sample
from ..services.sampling import link_case
from ..sheets.cases import CaseSheet


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
            return ConfiscatedGoodsFormSet(self.request.POST, instance=self.object, prefix="goods")
        return ConfiscatedGoodsFormSet(instance=self.object, prefix="goods")

    def get_context_data(self, **kwargs):
        kwargs.setdefault("goods", self.goods_formset())
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        goods = ConfiscatedGoodsFormSet(self.request.POST, instance=form.instance, prefix="goods")
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
        warn_if_outside_operator_life(self.request, self.object)
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
        sample_id = query_id(request.GET, "sample")
        if sample_id and request.user.is_authenticated:
            samples = Sample.objects.for_user(request.user).valid().failed().select_related("operator")
            self.sample = get_object_or_404(samples, pk=sample_id)
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


cases = LedgerViewSet(
    Case,
    form_class=CaseForm,
    filterset_class=CaseFilter,
    sheet_class=CaseSheet,
    select_related=("township", "operator"),
    detail_view=CaseDetail,
    create_view=CaseCreate,
    update_view=CaseUpdate,
)
