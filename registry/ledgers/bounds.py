"""Plausible values: dates in a sane window, quantities under plausible maxima, and a warning
for a record dated outside its operator's registered life.

Checked in `clean_fields`, so every form (ModelForm) and every Excel import (`LedgerSheet`
validates each row with `full_clean`) refuses the same impossible values with the same words,
on the field or column that holds them. A model declares what is particular to it:

- `past_dates`: date fields of something that has happened (not after today), where the
  model's own `clean` does not already say so;
- `maxima`: {field: largest plausible value};
- `operator_life_date`: the date compared with the operator's registration and cancellation.
"""

import datetime
import decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

# Nothing the office keeps predates this: earlier dates are typing errors (1899-12-31 is a blank
# Excel date cell read as a number).
EARLIEST_DATE = datetime.date(2000, 1, 1)


class PlausibleValues:
    """Mixin of a model: `clean_fields` also checks the window of every date and the maxima."""

    past_dates: tuple = ()
    maxima: dict = {}
    operator_life_date: str | None = None

    def clean_fields(self, exclude=None):
        exclude = set(exclude or ())
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as exc:
            errors = exc.update_error_dict({})
        else:
            errors = {}
        today = timezone.localdate()
        for model_field in self._meta.concrete_fields:
            name = model_field.name
            if name in exclude or not model_field.editable:
                continue
            value = getattr(self, model_field.attname)
            if name in self.maxima and isinstance(value, int | float | decimal.Decimal) and value > self.maxima[name]:
                # Said in the words of the field, also where the database's own range is exceeded.
                errors[name] = [f"{model_field.verbose_name}不能超过{self.maxima[name]:,}，请核对是否多输了数字。"]
                continue
            if name in errors or value is None:
                continue
            label = model_field.verbose_name
            if isinstance(model_field, models.DateField) and not isinstance(model_field, models.DateTimeField):
                if value < EARLIEST_DATE:
                    errors[name] = [f"{label}不能早于2000年1月1日，请核对年份。"]
                elif name in self.past_dates and value > today:
                    errors[name] = [f"{label}不能晚于今天。"]
        if errors:
            raise ValidationError(errors)

    def operator_life_warning(self) -> str:
        """A record dated before its operator registered or after it was cancelled: not refused
        (the registry may be what is wrong), but said, so that someone checks."""
        if not self.operator_life_date or not getattr(self, "operator_id", None):
            return ""
        day = getattr(self, self.operator_life_date)
        if day is None:
            return ""
        operator = self.operator
        label = self._meta.get_field(self.operator_life_date).verbose_name
        if operator.registered_on and day < operator.registered_on:
            return (
                f"{label}（{day:%Y-%m-%d}）早于“{operator}”的登记日期（{operator.registered_on:%Y-%m-%d}），"
                "请核对日期或该单位的登记日期。"
            )
        if operator.status == "cancelled" and operator.status_date and day > operator.status_date:
            return (
                f"{label}（{day:%Y-%m-%d}）晚于“{operator}”的注销日期（{operator.status_date:%Y-%m-%d}），"
                "请核对日期或该单位的状态。"
            )
        return ""
