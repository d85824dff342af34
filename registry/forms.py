import json

from crispy_forms.layout import Column, Fieldset, Row

from .ledgers.forms import ScopedModelForm
from .models import (
    County,
    FoodTruck,
    LeadingGroupMember,
    MobileChef,
    Operator,
    Village,
    VillageCoordinator,
    WholesaleVehicle,
)


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


class LeadingGroupMemberForm(ScopedModelForm):
    """A member of a township's group; a county user may leave the township empty for the county's group."""

    class Meta:
        model = LeadingGroupMember
        fields = ["township", "name", "position", "role", "appointed_on", "left_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        township = self.fields["township"]
        if self.user.county_id:
            township.empty_label = "县级领导小组（全县）"
        else:
            township.required = True

    def clean(self):
        cleaned = super().clean()
        township = cleaned.get("township")
        if township is not None:
            self.instance.county_id = township.county_id
        elif self.user.county_id:
            self.instance.county = County.objects.get(pk=self.user.county_id)
        elif "township" not in self.errors:
            self.add_error("township", "请选择乡镇。")
        return cleaned


class VillageForm(ScopedModelForm):
    class Meta:
        model = Village
        fields = ["township", "name", "population"]
