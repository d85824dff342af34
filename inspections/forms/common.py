"""Form helpers the ledgers share: responsive rows, searchable drop-downs, derived townships."""

from crispy_forms.layout import Column, Row
from django import forms

from registry.ledgers.forms import ScopedModelForm


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
