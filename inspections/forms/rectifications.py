"""Forms of the rectification (整改) ledger: a hazard, its report and its closing."""

from django import forms
from django.utils import timezone

from registry.ledgers.forms import DateInput, ScopedModelForm
from registry.ledgers.uploads import ALLOWED_TEXT, MAX_FILE_BYTES, UPLOAD_ACCEPT, check_file
from registry.models import Operator

from ..models import Rectification


class RectificationForm(ScopedModelForm):
    """A hazard found outside an inspection, or an edit of an open rectification."""

    class Meta:
        model = Rectification
        fields = ["operator", "source", "description", "requirement", "responsible_person", "opened_on", "deadline"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["operator"].widget.attrs["data-searchable"] = ""
        self.fields["operator"].queryset = self.fields["operator"].queryset.exclude(status=Operator.Status.CANCELLED)
        if self.instance.pk and self.instance.inspection_id:
            self.fields["operator"].disabled = True


class RectificationCloseForm(forms.Form):
    day = forms.DateField(label="销号日期", widget=DateInput())
    note = forms.CharField(label="整改情况", max_length=300, widget=forms.Textarea(attrs={"rows": 2}))
    evidence = forms.FileField(
        label="整改佐证（照片/扫描件）",
        required=False,
        help_text=f"{ALLOWED_TEXT}，不超过 {MAX_FILE_BYTES // (1024 * 1024)} MB",
        widget=forms.ClearableFileInput(attrs={"accept": UPLOAD_ACCEPT}),
    )

    def __init__(self, *args, record, **kwargs):
        super().__init__(*args, **kwargs)
        self.record = record
        self.fields["day"].initial = timezone.localdate()

    def clean_evidence(self):
        evidence = self.cleaned_data["evidence"]
        if evidence:
            check_file(evidence)  # by content: an .html named .jpg is refused
        return evidence

    def clean_day(self):
        day = self.cleaned_data["day"]
        if day > timezone.localdate():
            raise forms.ValidationError("销号日期不能晚于今天。")
        if day < self.record.opened_on:
            raise forms.ValidationError("销号日期不能早于下达日期。")
        return day


class RectificationReportForm(forms.Form):
    day = forms.DateField(label="经营者报告整改日期", widget=DateInput())
    note = forms.CharField(label="报告的整改情况", max_length=300, required=False)

    def __init__(self, *args, record, **kwargs):
        super().__init__(*args, **kwargs)
        self.record = record
        self.fields["day"].initial = timezone.localdate()
