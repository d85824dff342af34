"""Forms of the rapid-test (快检) ledger: one test, or a market morning's batch."""

from django import forms
from django.db import models
from django.utils import timezone

from registry.ledgers.bounds import EARLIEST_DATE
from registry.ledgers.forms import DateInput, ScopedModelForm
from registry.models import Operator

from ..models import RapidTest, RapidTestItem
from .common import row, searchable


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
        if day < EARLIEST_DATE:
            raise forms.ValidationError("检测日期不能早于2000年1月1日，请核对年份。")
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
