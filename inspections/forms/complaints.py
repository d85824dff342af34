"""Forms of the complaint and report (投诉举报) ledger."""

from crispy_forms.layout import Fieldset

from ..models import Complaint
from .common import DerivedTownshipForm, row, searchable, short_rows, village_labels


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
