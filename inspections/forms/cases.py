"""Forms of the case (立案查处) ledger and its confiscated goods."""

from decimal import Decimal

from crispy_forms.layout import Fieldset
from django import forms
from django.forms import inlineformset_factory

from ..models import Case, ConfiscatedGoods
from .common import DerivedTownshipForm, row, searchable, short_rows


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
