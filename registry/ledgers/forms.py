"""Forms every ledger shares: the scoped model form and the void, status and import forms."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms
from django.utils import timezone

from registry.models import Township

from .formfields import bounded_formfield
from .xlsx import MAX_UPLOAD_BYTES, WorkbookError, check_upload


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ScopedModelForm(forms.ModelForm):
    """A ModelForm whose every choice of a related record is limited to the user's jurisdiction.

    A user of a single township does not see the township field at all.
    """

    layout: tuple = ()
    formfield_callback = bounded_formfield

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and hasattr(queryset, "for_user"):
                field.queryset = queryset.for_user(user)
                if hasattr(queryset.model, "voided_at"):
                    field.queryset = field.queryset.valid()
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.widget = DateInput()
            _label_blank_choice(field, "请选择")
        township = self.fields.get("township")
        if township is not None:
            township.queryset = user.visible_townships()
            if len(user.township_ids) == 1:
                township.initial = user.township_ids[0]
                township.widget = forms.HiddenInput()
        self.helper = FormHelper()
        # The page template draws the <form> tag and its CSRF token.
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        if self.layout:
            self.helper.layout = Layout(*self.layout)


def _label_blank_choice(field, label):
    """Replace Django's '---------' with words."""
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label is not None:
            field.empty_label = label
    elif isinstance(field, forms.ChoiceField):
        choices = list(field.choices)
        if choices and choices[0][0] == "" and choices[0][1] == "---------":
            field.choices = [("", label), *choices[1:]]


class VoidForm(forms.Form):
    reason = forms.CharField(
        label="作废原因",
        max_length=200,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="如：重复录入、录入错误。作废后记录保留备查，但不再计入任何统计。",
    )


class StatusChangeForm(forms.Form):
    status = forms.ChoiceField(label="新状态")
    day = forms.DateField(label="变更日期", widget=DateInput())
    reason = forms.CharField(label="原因", max_length=200, required=False)

    def __init__(self, *args, record, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(v, label) for v, label in record.Status.choices if v != record.status]
        self.fields["day"].initial = timezone.localdate()
        self.record = record

    def clean(self):
        cleaned = super().clean()
        day = cleaned.get("day")
        if day and day > timezone.localdate():
            self.add_error("day", "变更日期不能晚于今天。")
        if day and self.record.registered_on and day < self.record.registered_on:
            self.add_error("day", "变更日期不能早于登记日期。")
        if cleaned.get("status") == "cancelled" and not cleaned.get("reason"):
            self.add_error("reason", "注销须填写原因。")
        return cleaned


class ImportUploadForm(forms.Form):
    township = forms.ModelChoiceField(label="导入到乡镇", queryset=Township.objects.none())
    file = forms.FileField(
        label="Excel 文件（.xlsx）",
        help_text=f"不超过{MAX_UPLOAD_BYTES // (1024 * 1024)} MB",
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["township"].queryset = user.visible_townships()
        if len(user.township_ids) == 1:
            self.fields["township"].initial = user.township_ids[0]

    def clean_file(self):
        """Checked by its bytes, not its name: size, zip (not .xls, not encrypted), expanded size."""
        upload = self.cleaned_data["file"]
        try:
            check_upload(upload)
        except WorkbookError as exc:
            raise forms.ValidationError(str(exc)) from None
        return upload


class ImportConfirmForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput, max_length=32)
    accept_ignored = forms.BooleanField(
        label="我已核对：以上列的内容不导入",
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )

    def __init__(self, *args, ignored_columns=(), **kwargs):
        super().__init__(*args, **kwargs)
        # The browser asks for the tick too; the view checks it either way.
        self.fields["accept_ignored"].required = bool(ignored_columns)
        if not ignored_columns:
            self.fields["accept_ignored"].widget = forms.HiddenInput()
