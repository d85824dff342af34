"""The checklist of an inspection: one row per item."""

from django import forms

from ..models import ItemOutcome
from ..services.checklists import ItemEntry


class ChecklistForm(forms.Form):
    """One row per checklist item: 符合/不符合/不适用, corrected on site, a note."""

    OUTCOME_CHOICES = ItemOutcome.choices

    def __init__(self, *args, items, previous_failures=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        self.previous_failures = set(previous_failures)
        for item in self.items:
            self.fields[f"outcome_{item.pk}"] = forms.ChoiceField(
                label=item.text,
                choices=self.OUTCOME_CHOICES,
                initial=ItemOutcome.PASS,
                widget=forms.RadioSelect(attrs={"class": "btn-check", "autocomplete": "off"}),
            )
            self.fields[f"onsite_{item.pk}"] = forms.BooleanField(label="当场整改", required=False)
            self.fields[f"note_{item.pk}"] = forms.CharField(label="说明", max_length=200, required=False)

    def rows(self):
        """(section label, [(item, outcome field, on-site field, note field, failed last time)]) in order."""
        sections = []
        for item in self.items:
            row = (
                item,
                self[f"outcome_{item.pk}"],
                self[f"onsite_{item.pk}"],
                self[f"note_{item.pk}"],
                item.pk in self.previous_failures,
            )
            if not sections or sections[-1][0] != item.get_section_display():
                sections.append((item.get_section_display(), []))
            sections[-1][1].append(row)
        return sections

    def entries(self):
        return [
            ItemEntry(
                item=item,
                outcome=self.cleaned_data[f"outcome_{item.pk}"],
                corrected_on_site=self.cleaned_data[f"onsite_{item.pk}"],
                note=self.cleaned_data[f"note_{item.pk}"],
            )
            for item in self.items
        ]

    def clean(self):
        cleaned = super().clean()
        for item in self.items:
            if (
                cleaned.get(f"outcome_{item.pk}") == ItemOutcome.FAIL
                and item.is_key
                and not cleaned.get(f"note_{item.pk}")
            ):
                self.add_error(f"note_{item.pk}", "重点项不符合，请写明具体问题。")
        return cleaned
