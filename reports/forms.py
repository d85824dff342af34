"""Forms of the reports app: starting a summary, and writing its free-text sections."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils import timezone

from registry.ledgers.forms import DateInput
from registry.models import County

from .figures import Period
from .models import Report
from .summaries.compose import default_texts
from .summaries.prompts import HINTS


def _helper():
    helper = FormHelper()
    # The page template draws the <form> tag and its CSRF token.
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


def jurisdiction_choices(user):
    """The user's townships, and their county for a county user: ("t:<id>", name) / ("c:<id>", name)."""
    choices = [(f"t:{t.pk}", t.name) for t in user.visible_townships().order_by("county__code", "code")]
    if user.county_id:
        county = County.objects.get(pk=user.county_id)
        choices.insert(0, (f"c:{county.pk}", f"{county.name}（全县）"))
    return choices


class ReportCreateForm(forms.ModelForm):
    jurisdiction = forms.ChoiceField(label="范围")
    year = forms.TypedChoiceField(label="年度", coerce=int)

    class Meta:
        model = Report
        fields = ["kind", "jurisdiction", "year", "half", "start_date", "end_date"]
        help_texts = {
            "half": "仅半年工作总结",
            "start_date": "仅阶段工作总结：统计起止日期",
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        today = timezone.localdate()
        self.fields["jurisdiction"].choices = jurisdiction_choices(user)
        self.fields["year"].choices = [(y, f"{y}年") for y in range(today.year, today.year - 10, -1)]
        self.fields["year"].initial = today.year if today.month >= 11 else today.year - 1
        self.fields["half"].initial = Report.Half.FIRST
        for name in ("start_date", "end_date"):
            self.fields[name].required = False
            self.fields[name].widget = DateInput()
        self.fields["end_date"].help_text = ""
        self.helper = _helper()

    def clean(self):
        cleaned = super().clean()
        kind, year = cleaned.get("kind"), cleaned.get("year")
        self._set_jurisdiction(cleaned.get("jurisdiction"))
        if kind and year:
            if kind == Report.Kind.ANNUAL:
                period = Period.year(year)
            elif kind == Report.Kind.HALF_YEAR:
                if not cleaned.get("half"):
                    self.add_error("half", "半年工作总结须选择上半年或下半年。")
                    return cleaned
                period = Period.half_year(year, cleaned["half"])
            else:
                start, end = cleaned.get("start_date"), cleaned.get("end_date")
                if not start or not end:
                    self.add_error("start_date" if not start else "end_date", "阶段工作总结须填写统计起止日期。")
                    return cleaned
                if end < start:
                    self.add_error("end_date", "截止日期不能早于起始日期。")
                    return cleaned
                period = Period(start, end)
                cleaned["year"] = start.year
            cleaned["start_date"], cleaned["end_date"] = period.start, period.end
            if kind != Report.Kind.HALF_YEAR:
                cleaned["half"] = None
        return cleaned

    def _set_jurisdiction(self, value):
        if not value:
            return
        kind, pk = value.split(":")
        if kind == "c":
            self.instance.county_id, self.instance.township = int(pk), None
        else:
            township = self.user.visible_townships().get(pk=int(pk))
            self.instance.county_id, self.instance.township = township.county_id, township

    def save(self, commit=True):
        report = super().save(commit=False)
        report.title = report.default_title()
        texts = default_texts(report.place, report.period, county=report.is_county)
        for name in Report.FREE_TEXT_FIELDS:
            setattr(report, name, getattr(texts, name))
        if commit:
            report.save()
        return report


class ReportTextForm(forms.ModelForm):
    """The title and the sections no ledger can write; each paragraph on its own line."""

    class Meta:
        model = Report
        fields = ["title", *Report.FREE_TEXT_FIELDS]
        widgets = {name: forms.Textarea(attrs={"rows": 7}) for name in Report.FREE_TEXT_FIELDS}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name, hint in HINTS.items():
            self.fields[name].help_text = hint
        self.helper = _helper()
