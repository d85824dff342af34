"""Forms of the sampling (监督抽检) ledger and a failed batch's disposal."""

from crispy_forms.layout import Fieldset

from registry.ledgers.forms import ScopedModelForm

from ..models import Sample, SampleDisposal
from .common import row, searchable, short_rows


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
