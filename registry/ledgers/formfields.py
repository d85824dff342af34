"""Form fields that answer any posted text with a form error, never a server error."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

# Primary keys are 64-bit integers; SQLite raises OverflowError on a larger one.
MAX_PK = 2**63 - 1


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A multiple choice of records whose posted keys are checked to be integers a database can hold.

    Django passes each posted key to the database after int(); “99999999999999999999” then
    fails inside SQLite (OverflowError, a 500) instead of as an invalid choice.
    """

    def _check_values(self, value):
        try:
            keys = frozenset(value)
        except TypeError:
            keys = frozenset()
        for key in keys:
            text = str(key).strip()
            if text.lstrip("-").isdigit() and abs(int(text)) > MAX_PK:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": key}
                )
        return super()._check_values(value)


def bounded_formfield(model_field, **kwargs):
    """A ModelForm's `formfield_callback`: many-to-many fields get the bounded multiple choice;
    a quantity with a plausible maximum (`bounds.PlausibleValues.maxima`) is capped by it, in the
    model's words, before the database's own (far larger) range is reached."""
    if isinstance(model_field, models.ManyToManyField):
        kwargs.setdefault("form_class", BoundedModelMultipleChoiceField)
    maximum = getattr(model_field.model, "maxima", {}).get(model_field.name)
    if maximum is not None:
        kwargs.setdefault("max_value", maximum)
        message = f"{model_field.verbose_name}不能超过{maximum:,}，请核对是否多输了数字。"
        kwargs.setdefault("error_messages", {"max_value": message})
    return model_field.formfield(**kwargs)
