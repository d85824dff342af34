import json

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.utils import timezone

from .models import FoodTruck, MobileChef, Operator, Township, Village, VillageCoordinator, WholesaleVehicle


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ScopedModelForm(forms.ModelForm):
    """A ModelForm whose every choice of a related record is limited to the user's jurisdiction.

    A user of a single township does not see the township field at all.
    """

    layout: tuple = ()

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


class OperatorForm(ScopedModelForm):
    class Meta:
        model = Operator
        fields = [
            "township",
            "name",
            "category",
            "subtype",
            "village",
            "address",
            "market",
            "credit_code",
            "legal_representative",
            "phone",
            "licence_kind",
            "licence_no",
            "licence_issued_on",
            "licence_expires_on",
            "registered_on",
            "supervising_body",
            "supervising_note",
            "risk_level",
            "credit_level",
            "bright_kitchen",
            "transparent_workshop",
            "sunshine_warehouse",
            "trace_platform",
            "fume_purifier",
            "clean_energy",
            "uses_lpg",
            "rapid_test_room",
            "insurance_policy_no",
            "insurance_start",
            "insurance_end",
            "notes",
        ]

    layout = (
        Fieldset(
            "基本信息",
            "township",
            "name",
            Row(Column("category", css_class="col-md-6"), Column("subtype", css_class="col-md-6")),
            Row(Column("village", css_class="col-md-6"), Column("market", css_class="col-md-6")),
            "address",
            Row(Column("legal_representative", css_class="col-md-6"), Column("phone", css_class="col-md-6")),
        ),
        Fieldset(
            "证照信息",
            "credit_code",
            Row(Column("licence_kind", css_class="col-md-6"), Column("licence_no", css_class="col-md-6")),
            Row(
                Column("licence_issued_on", css_class="col-md-4"),
                Column("licence_expires_on", css_class="col-md-4"),
                Column("registered_on", css_class="col-md-4"),
            ),
        ),
        Fieldset(
            "监管信息",
            Row(Column("supervising_body", css_class="col-md-6"), Column("supervising_note", css_class="col-md-6")),
            Row(Column("risk_level", css_class="col-md-6"), Column("credit_level", css_class="col-md-6")),
        ),
        Fieldset(
            "设施与措施",
            Row(
                Column("bright_kitchen", css_class="col-6 col-md-3"),
                Column("transparent_workshop", css_class="col-6 col-md-3"),
                Column("sunshine_warehouse", css_class="col-6 col-md-3"),
                Column("trace_platform", css_class="col-6 col-md-3"),
                Column("fume_purifier", css_class="col-6 col-md-3"),
                Column("clean_energy", css_class="col-6 col-md-3"),
                Column("uses_lpg", css_class="col-6 col-md-3"),
                Column("rapid_test_room", css_class="col-6 col-md-3"),
            ),
            Row(
                Column("insurance_policy_no", css_class="col-md-4"),
                Column("insurance_start", css_class="col-md-4"),
                Column("insurance_end", css_class="col-md-4"),
            ),
        ),
        Fieldset("备注", "notes"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["notes"].widget.attrs["rows"] = 2
        self.fields["subtype"].choices = [("", "（无细类）")] + [
            (Operator.Category(category).label, [(s.value, s.label) for s in subtypes])
            for category, subtypes in Operator.SUBTYPES.items()
            if subtypes
        ]
        # The browser narrows 细类 to the chosen 业态类别 (static/js/operator_form.js).
        self.fields["subtype"].widget.attrs["data-subtypes"] = _subtypes_json()
        self.fields["market"].queryset = self.fields["market"].queryset.filter(category=Operator.Category.MARKET)
        self.fields["village"].label_from_instance = _village_label if len(self.user.township_ids) > 1 else str


def _label_blank_choice(field, label):
    """Replace Django's '---------' with words."""
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label is not None:
            field.empty_label = label
    elif isinstance(field, forms.ChoiceField):
        choices = list(field.choices)
        if choices and choices[0][0] == "" and choices[0][1] == "---------":
            field.choices = [("", label), *choices[1:]]


def _village_label(village):
    return f"{village.township.name} · {village.name}"


def _subtypes_json():
    return json.dumps({category: [s.value for s in subtypes] for category, subtypes in Operator.SUBTYPES.items()})


class MobileChefForm(ScopedModelForm):
    class Meta:
        model = MobileChef
        fields = [
            "township",
            "name",
            "id_number",
            "phone",
            "village",
            "health_certificate_no",
            "health_certificate_expires_on",
            "training_certificate_no",
            "training_certificate_expires_on",
            "registered_on",
            "notes",
        ]


class FoodTruckForm(ScopedModelForm):
    class Meta:
        model = FoodTruck
        fields = [
            "township",
            "plate_no",
            "owner",
            "phone",
            "goods",
            "area",
            "gps_installed",
            "camera_installed",
            "registered_on",
            "notes",
        ]


class WholesaleVehicleForm(ScopedModelForm):
    class Meta:
        model = WholesaleVehicle
        fields = ["township", "plate_no", "operator", "driver", "phone", "vehicle_type", "registered_on", "notes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["operator"].queryset = self.fields["operator"].queryset.filter(category=Operator.Category.WHOLESALE)


class VillageCoordinatorForm(ScopedModelForm):
    class Meta:
        model = VillageCoordinator
        fields = ["village", "name", "role", "phone", "appointed_on", "left_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = self.fields["village"].queryset.select_related("township")
        if len(self.user.township_ids) > 1:
            self.fields["village"].label_from_instance = _village_label


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
    file = forms.FileField(label="Excel 文件（.xlsx）")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["township"].queryset = user.visible_townships()
        if len(user.township_ids) == 1:
            self.fields["township"].initial = user.township_ids[0]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError("请上传 .xlsx 格式的 Excel 文件（旧版 .xls 请先另存为 .xlsx）。")
        return upload


class ImportConfirmForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput, max_length=32)


class VillageForm(ScopedModelForm):
    class Meta:
        model = Village
        fields = ["township", "name", "population"]
