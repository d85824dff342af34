"""Forms of the sampling, rapid-test, case and activity ledgers."""

from decimal import Decimal

from crispy_forms.layout import Column, Fieldset, Row
from django import forms
from django.db import models
from django.forms import inlineformset_factory
from django.utils import timezone

from registry.forms import DateInput, ScopedModelForm
from registry.models import MobileChef, Operator

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
    RapidTestItem,
    Sample,
    SampleDisposal,
    StudySession,
    Training,
)


def row(*names, sizes=None):
    """A responsive row: the fields side by side from md up, stacked on a phone."""
    width = 12 // len(names)
    return Row(*(Column(name, css_class=f"col-md-{(sizes or {}).get(name, width)}") for name in names))


def searchable(form, *names):
    """Long drop-downs (operators, cases) get a search box (static/js/app.js)."""
    for name in names:
        form.fields[name].widget.attrs["data-searchable"] = ""


def short_rows(form, *names):
    for name in names:
        form.fields[name].widget.attrs["rows"] = 2


def village_labels(form, name="village"):
    """With several townships, a village reads “甲镇 · 甲一村”."""
    if len(form.user.township_ids) > 1:
        form.fields[name].queryset = form.fields[name].queryset.select_related("township")
        form.fields[name].label_from_instance = lambda v: f"{v.township.name} · {v.name}"


class DerivedTownshipForm(ScopedModelForm):
    """The township may be left empty when a field it follows from (operator, village) is filled."""

    township_sources: tuple = ("operator", "village")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "township" in self.fields:
            self.fields["township"].required = False
            if not isinstance(self.fields["township"].widget, forms.HiddenInput):
                self.fields["township"].help_text = "选择了单位或村的可不选"

    def clean(self):
        cleaned = super().clean()
        for name in self.township_sources:
            source = cleaned.get(name)
            if source is not None:
                cleaned["township"] = source.township
                break
        else:
            if not cleaned.get("township") and "township" in self.fields:
                self.add_error("township", "请选择乡镇。")
        return cleaned


# --- 监督抽检 ------------------------------------------------------------------------------------


class SampleForm(ScopedModelForm):
    class Meta:
        model = Sample
        fields = [
            "operator",
            "batch_no",
            "sampled_on",
            "sample_name",
            "food_category",
            "manufacturer",
            "lot",
            "sampling_body",
            "testing_agency",
            "tested_items",
            "campaign",
            "result",
            "failing_item",
            "standard_value",
            "measured_value",
            "report_no",
            "report_date",
            "notes",
        ]

    layout = (
        Fieldset(
            "抽样信息",
            row("operator", "batch_no"),
            row("sample_name", "food_category", "sampled_on"),
            row("manufacturer", "lot"),
            row("sampling_body", "testing_agency"),
            row("tested_items", "campaign"),
        ),
        Fieldset(
            "检验结果",
            row("result", "report_no", "report_date"),
            row("failing_item", "standard_value", "measured_value"),
            "notes",
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["result"].choices = [("", "待出结果"), *Sample.Result.choices]
        self.fields["operator"].queryset = self.fields["operator"].queryset.select_related("township")
        searchable(self, "operator")
        short_rows(self, "notes")


class SampleDisposalForm(ScopedModelForm):
    class Meta:
        model = SampleDisposal
        fields = [
            "withdrawn_on",
            "withdrawn_note",
            "recalled_on",
            "recall_note",
            "case",
            "extended_to",
            "extension_reason",
            "completed_on",
            "notes",
        ]

    layout = (
        Fieldset("1. 下架/封存", row("withdrawn_on", "withdrawn_note", sizes={"withdrawn_on": 4, "withdrawn_note": 8})),
        Fieldset("2. 召回", row("recalled_on", "recall_note", sizes={"recalled_on": 4, "recall_note": 8})),
        Fieldset("3. 立案与处罚", "case"),
        Fieldset(
            "4. 完成",
            row("completed_on", "notes", sizes={"completed_on": 4, "notes": 8}),
            row("extended_to", "extension_reason", sizes={"extended_to": 4, "extension_reason": 8}),
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        sample = self.instance.sample
        # Cases of the sample's township; the sampled operator's own cases first.
        cases = self.fields["case"].queryset.filter(township_id=sample.township_id).select_related("operator")
        self.fields["case"].queryset = cases.order_by("-filed_on")
        self.fields["case"].label_from_instance = lambda c: f"{c.case_no} {c.party_name}（{c.filed_on:%Y-%m-%d}立案）"
        self.fields["case"].empty_label = "未立案"
        searchable(self, "case")
        short_rows(self, "notes")


# --- 快检 ------------------------------------------------------------------------------------


def rapid_test_items():
    return RapidTestItem.objects.filter(active=True)


class RapidTestForm(ScopedModelForm):
    class Meta:
        model = RapidTest
        fields = [
            "tested_on",
            "operator",
            "vendor",
            "sample_name",
            "item",
            "result",
            "measured_value",
            "tester",
            "retest_result",
            "disposal",
        ]

    layout = (
        row("tested_on", "operator", "vendor"),
        row("sample_name", "item", "result"),
        row("measured_value", "tester", "retest_result"),
        "disposal",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        items = rapid_test_items()
        if self.instance.item_id:
            items = items | RapidTestItem.objects.filter(pk=self.instance.item_id)
        self.fields["item"].queryset = items
        self.fields["retest_result"].choices = [("", "未复检"), *RapidTest.Retest.choices]
        self.fields["tester"].initial = self.fields["tester"].initial or self.user.get_full_name()
        searchable(self, "operator")


class RapidTestBatchForm(forms.Form):
    """The once-per-morning part of a batch: the day, the place and who tested."""

    tested_on = forms.DateField(label="检测日期", widget=DateInput())
    operator = forms.ModelChoiceField(
        label="检测地点", queryset=Operator.objects.none(), help_text="农贸市场或被检经营者", empty_label="请选择"
    )
    tester = forms.CharField(label="检测人", max_length=30)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        operators = Operator.objects.for_user(user).valid().exclude(status=Operator.Status.CANCELLED)
        # Markets first: most batches are a market morning.
        market_first = models.Case(models.When(category=Operator.Category.MARKET, then=0), default=1)
        self.fields["operator"].queryset = operators.order_by(market_first, "township", "name")
        self.fields["operator"].widget.attrs["data-searchable"] = ""
        self.fields["tester"].initial = user.get_full_name()

    def clean_tested_on(self):
        day = self.cleaned_data["tested_on"]
        if day > timezone.localdate():
            raise forms.ValidationError("检测日期不能晚于今天。")
        return day


class RapidTestRowForm(forms.ModelForm):
    """One line of a batch: what was tested and what came out."""

    class Meta:
        model = RapidTest
        fields = ["vendor", "sample_name", "item", "result", "measured_value", "disposal"]
        widgets = {"result": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = rapid_test_items()
        self.fields["item"].empty_label = "请选择"
        self.fields["vendor"].widget.attrs["placeholder"] = "摊位/摊主"
        self.fields["sample_name"].widget.attrs["placeholder"] = "如：小白菜"
        self.fields["measured_value"].widget.attrs["placeholder"] = "检测值"
        self.fields["disposal"].widget.attrs["placeholder"] = "不合格时填写处置"
        for name, field in self.fields.items():
            if name == "item":
                field.widget.attrs["class"] = "form-select form-select-sm"
            elif name == "result":
                field.widget.attrs["class"] = "btn-check"
            else:
                field.widget.attrs["class"] = "form-control form-control-sm"


class BaseRapidTestRowFormSet(forms.BaseModelFormSet):
    def clean(self):
        super().clean()
        if not any(form.has_changed() for form in self.forms):
            raise forms.ValidationError("请至少填写一行检测记录。")


RapidTestRowFormSet = forms.modelformset_factory(
    RapidTest, form=RapidTestRowForm, formset=BaseRapidTestRowFormSet, extra=10, max_num=200, validate_max=True
)


# --- 立案查处 --------------------------------------------------------------------------------------


class CaseForm(DerivedTownshipForm):
    township_sources = ("operator",)

    class Meta:
        model = Case
        fields = [
            "township",
            "case_no",
            "domain",
            "source",
            "operator",
            "party",
            "cause",
            "inspection",
            "filed_on",
            "decided_on",
            "decision_no",
            "penalty_summary",
            "fine",
            "confiscated_money",
            "individual_penalised",
            "individual_name",
            "individual_fine",
            "transferred_to_police",
            "transferred_on",
            "closed_on",
            "notes",
        ]

    layout = (
        Fieldset(
            "立案",
            "township",
            row("case_no", "domain", "source"),
            row("operator", "party"),
            row("cause", "inspection", sizes={"cause": 7, "inspection": 5}),
            row("filed_on", "closed_on", sizes={"filed_on": 4, "closed_on": 4}),
        ),
        Fieldset(
            "处罚决定",
            row("decided_on", "decision_no", "penalty_summary"),
            row("fine", "confiscated_money"),
            row("individual_penalised", "individual_name", "individual_fine"),
            row("transferred_to_police", "transferred_on", sizes={"transferred_to_police": 4, "transferred_on": 4}),
            "notes",
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inspection"].queryset = (
            self.fields["inspection"].queryset.select_related("operator").order_by("-inspected_on")
        )
        searchable(self, "operator", "inspection")
        short_rows(self, "notes")
        for name in self.MONEY:
            self.fields[name].required = False  # left empty means none
            self.fields[name].widget.attrs.update(min="0", step="0.01")

    MONEY = ("fine", "confiscated_money", "individual_fine")

    def clean(self):
        cleaned = super().clean()
        for name in self.MONEY:
            if name in cleaned and cleaned[name] is None:
                cleaned[name] = Decimal(0)
        return cleaned


class ConfiscatedGoodsForm(forms.ModelForm):
    class Meta:
        model = ConfiscatedGoods
        fields = ["kind", "description", "quantity", "unit"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quantity"].widget.attrs.update(min="0", step="0.01")
        # Rows of a formset stay aligned: the hint goes into the box, not under it.
        self.fields["description"].widget.attrs["placeholder"] = self.fields["description"].help_text
        self.fields["description"].help_text = ""
        for name in ("kind", "unit"):
            self.fields[name].choices = [("", "请选择"), *self.fields[name].choices[1:]]


ConfiscatedGoodsFormSet = inlineformset_factory(
    Case, ConfiscatedGoods, form=ConfiscatedGoodsForm, extra=2, can_delete=True, max_num=50
)


# --- 活动台账 ------------------------------------------------------------------------------------


class TrainingForm(ScopedModelForm):
    class Meta:
        model = Training
        fields = ["township", "held_on", "topic", "audience", "attendees", "place", "lecturer", "notes"]

    layout = (
        "township",
        row("held_on", "audience", "attendees"),
        "topic",
        row("place", "lecturer"),
        "notes",
    )


class OperatorsInTownshipMixin:
    """A record's operators (M2M) must be of its township; the count of people at least theirs."""

    def clean(self):
        cleaned = super().clean()
        township = cleaned.get("township")
        operators = cleaned.get("operators") or []
        strangers = [o.name for o in operators if township and o.township_id != township.pk]
        if strangers:
            self.add_error("operators", "以下单位不在所选乡镇：" + "、".join(strangers))
        return cleaned


class InterviewForm(OperatorsInTownshipMixin, ScopedModelForm):
    class Meta:
        model = Interview
        fields = [
            "township",
            "held_on",
            "kind",
            "topic",
            "operators",
            "persons",
            "interviewees",
            "requirements",
            "notes",
        ]

    layout = (
        "township",
        row("held_on", "kind", "interviewees"),
        "topic",
        "operators",
        "persons",
        "requirements",
        "notes",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        searchable(self, "operators")
        short_rows(self, "requirements", "notes")

    def clean(self):
        cleaned = super().clean()
        operators = cleaned.get("operators") or []
        interviewees = cleaned.get("interviewees")
        if interviewees is not None and len(operators) > interviewees:
            self.add_error("interviewees", f"约谈人数不能少于被约谈单位数（{len(operators)}家）。")
        return cleaned


class PublicityEventForm(ScopedModelForm):
    class Meta:
        model = PublicityEvent
        fields = ["township", "held_on", "theme", "title", "place", "materials", "consultations", "notes"]

    layout = ("township", row("held_on", "theme"), row("title", "place"), row("materials", "consultations"), "notes")


class LectureForm(ScopedModelForm):
    class Meta:
        model = Lecture
        fields = ["township", "held_on", "kind", "topic", "venue", "audience", "lecturer", "notes"]

    layout = ("township", row("held_on", "kind"), "topic", row("venue", "audience", "lecturer"), "notes")


class ManualDistributionForm(ScopedModelForm):
    class Meta:
        model = ManualDistribution
        fields = ["township", "held_on", "title", "copies", "recipients", "notes"]

    layout = ("township", row("held_on", "copies"), "title", "recipients", "notes")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["held_on"].label = "发放日期"


class StudySessionForm(DerivedTownshipForm):
    township_sources = ("village",)

    class Meta:
        model = StudySession
        fields = ["township", "held_on", "village", "topic", "attendees", "notes"]

    layout = ("township", row("held_on", "village", "attendees"), "topic", "notes")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].empty_label = "全镇"
        village_labels(self)


class ComplaintForm(DerivedTownshipForm):
    class Meta:
        model = Complaint
        fields = [
            "township",
            "kind",
            "channel",
            "ticket_no",
            "domain",
            "received_on",
            "operator",
            "subject",
            "village",
            "summary",
            "extended_to",
            "extension_reason",
            "closed_on",
            "outcome",
            "outcome_note",
            "case",
        ]

    layout = (
        Fieldset(
            "受理",
            "township",
            row("kind", "channel", "domain"),
            row("received_on", "ticket_no"),
            row("operator", "subject", "village"),
            "summary",
        ),
        Fieldset(
            "办理",
            row("extended_to", "extension_reason", sizes={"extended_to": 4, "extension_reason": 8}),
            row("closed_on", "outcome", "case"),
            "outcome_note",
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = [("", "未办结"), *Complaint.Outcome.choices]
        self.fields["case"].queryset = self.fields["case"].queryset.select_related("operator").order_by("-filed_on")
        searchable(self, "operator", "case")
        short_rows(self, "summary", "outcome_note")
        village_labels(self)


class BanquetForm(ScopedModelForm):
    class Meta:
        model = Banquet
        fields = [
            "village",
            "host",
            "host_phone",
            "occasion",
            "reported_on",
            "held_on",
            "meals",
            "place",
            "tables",
            "guests",
            "chef",
            "commitment_signed",
            "samples_kept",
            "inspected",
            "inspection_note",
            "notes",
        ]

    layout = (
        Fieldset(
            "报告备案",
            row("village", "host", "host_phone"),
            row("occasion", "reported_on", "held_on"),
            row("place", "meals"),
            row("tables", "guests", "chef"),
        ),
        Fieldset(
            "食品安全措施",
            row("commitment_signed", "samples_kept", "inspected"),
            "inspection_note",
            "notes",
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        chefs = self.fields["chef"].queryset.exclude(status=MobileChef.Status.CANCELLED)
        if self.instance.chef_id:
            chefs = chefs | MobileChef.objects.filter(pk=self.instance.chef_id)
        self.fields["chef"].queryset = chefs
        self.fields["chef"].empty_label = "未登记厨师"
        village_labels(self)
        searchable(self, "chef")
        short_rows(self, "notes")


class MajorEventForm(OperatorsInTownshipMixin, ScopedModelForm):
    class Meta:
        model = MajorEvent
        fields = ["township", "name", "start_date", "end_date", "place", "operators", "diners", "officers", "notes"]

    layout = (
        "township",
        "name",
        row("start_date", "end_date", "place"),
        "operators",
        row("diners", "officers"),
        "notes",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        searchable(self, "operators")
        short_rows(self, "notes")
