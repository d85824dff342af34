"""Forms of scores (记分), the negative list and level changes."""

from django import forms
from django.utils import timezone

from registry.ledgers.forms import DateInput, ScopedModelForm

from ..models import NegativeListEntry, ScoreRecord


class ScoreRecordForm(ScopedModelForm):
    """Points for a violation found outside a recorded inspection (e.g. a complaint verified)."""

    class Meta:
        model = ScoreRecord
        fields = ["operator", "scored_on", "points", "reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["operator"].widget.attrs["data-searchable"] = ""


class NegativeListForm(ScopedModelForm):
    class Meta:
        model = NegativeListEntry
        fields = ["operator", "listed_on", "reason", "removed_on", "removal_reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["operator"].widget.attrs["data-searchable"] = ""


class LevelChangeForm(forms.Form):
    level = forms.ChoiceField(label="调整", choices=[("risk", "风险等级"), ("credit", "信用等级")])
    new = forms.ChoiceField(label="调整为", choices=[("A", "A级"), ("B", "B级"), ("C", "C级"), ("D", "D级")])
    day = forms.DateField(label="调整日期", widget=DateInput())
    cause = forms.CharField(label="调整原因", max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["day"].initial = timezone.localdate()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("level") == "credit" and cleaned.get("new") == "D":
            self.add_error("new", "信用等级只有A、B、C三级。")
        return cleaned
