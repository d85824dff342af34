"""Forms of the inspection ledger: picking the operator, the record, its documents and follow-up."""

import datetime

from django import forms
from django.db.models import Q
from django.utils import timezone

from registry.ledgers.formfields import BoundedModelMultipleChoiceField
from registry.ledgers.forms import DateInput
from registry.ledgers.uploads import UPLOAD_ACCEPT, check_files
from registry.models import Operator, User
from registry.roles import INSPECTOR

from ..models import Campaign, Inspection, InspectionDocument, Rectification

DEFAULT_RECTIFICATION_DAYS = 15


class OperatorPickForm(forms.Form):
    """Step one of recording: which operator (searchable) and what kind of inspection."""

    operator = forms.ModelChoiceField(label="被检查单位", queryset=Operator.objects.none(), empty_label="输入名称搜索…")
    kind = forms.ChoiceField(label="检查类型", choices=Inspection.Kind.choices, initial=Inspection.Kind.ROUTINE)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["operator"].queryset = (
            Operator.objects.for_user(user).valid().exclude(status=Operator.Status.CANCELLED).select_related("village")
        )
        self.fields["operator"].widget.attrs["data-searchable"] = ""
        self.fields["operator"].label_from_instance = _operator_label


def _operator_label(operator):
    return f"{operator.name}（{operator.kind_label}{'，' + operator.village.name if operator.village else ''}）"


class OfficerChoiceField(BoundedModelMultipleChoiceField):
    def label_from_instance(self, user):
        return f"{user}（执法证 {user.enforcement_id}）" if user.enforcement_id else str(user)


class InspectionForm(forms.ModelForm):
    """The inspection's own fields; the checklist, documents and rectifications are separate forms."""

    officers = OfficerChoiceField(
        label="检查人员", queryset=User.objects.none(), widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = Inspection
        fields = [
            "inspected_on",
            "kind",
            "campaign",
            "follows",
            "officers",
            "other_officers",
            "result",
            "override_reason",
            "findings",
        ]
        widgets = {"inspected_on": DateInput(), "findings": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, operator, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.operator = operator
        self.instance.township_id = operator.township_id
        self.fields["officers"].queryset = officers_for(operator.township)
        self.fields["campaign"].queryset = Campaign.objects.for_user(user).valid()
        self.fields["campaign"].empty_label = "（不属于专项整治）"
        self.fields["follows"].queryset = operator.inspections.valid().order_by("-inspected_on")
        self.fields["follows"].empty_label = "（不是复查）"
        self.fields["result"].choices = [("", "按检查项目自动判定"), *Inspection.Result.choices]
        self.fields["result"].required = False
        self.fields["inspected_on"].initial = timezone.localdate()


def officers_for(township):
    """Inspectors who may sign for the township: its own and the county's."""
    return (
        User.objects.filter(is_active=True, groups__name=INSPECTOR)
        .filter(Q(townships=township) | Q(county=township.county_id))
        .distinct()
        .order_by("name", "username")
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (photos taken on the phone), cleaned to a list."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": UPLOAD_ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            files = [super(MultipleFileField, self).clean(item, initial) for item in data if item]
        else:
            files = [super().clean(data, initial)] if data else []
        # By content, not by name: an .html "photo" is refused here (the browser's accept is a hint).
        return check_files(files)


class FollowUpForm(forms.Form):
    """What the inspection issues and sets off, besides the checklist."""

    rectification_deadline = forms.DateField(label="整改期限", required=False, widget=DateInput())
    responsible_person = forms.CharField(label="整改责任人", max_length=30, required=False)
    correction_order = forms.BooleanField(label="下达责令改正通知书", required=False)
    correction_order_number = forms.CharField(label="通知书编号", max_length=50, required=False)
    opinion = forms.BooleanField(label="下达监督检查意见书", required=False)
    opinion_number = forms.CharField(label="意见书编号", max_length=50, required=False)
    closes = BoundedModelMultipleChoiceField(
        label="本次复查核实已整改、予以销号的问题",
        queryset=Rectification.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    attachments = MultipleFileField(label="照片、签字的记录表扫描件", required=False)

    def __init__(self, *args, operator, day=None, **kwargs):
        super().__init__(*args, **kwargs)
        day = day or timezone.localdate()
        self.fields["rectification_deadline"].initial = day + datetime.timedelta(days=DEFAULT_RECTIFICATION_DAYS)
        self.fields["responsible_person"].initial = operator.legal_representative
        self.fields["closes"].queryset = operator.rectifications.valid().exclude(status=Rectification.Status.CLOSED)
        self.fields["correction_order_number"].widget.attrs["placeholder"] = "留空自动编号"
        self.fields["opinion_number"].widget.attrs["placeholder"] = "留空自动编号"

    def clean_attachments(self):
        files = self.cleaned_data["attachments"]
        for upload in files:
            if upload.size > 10 * 1024 * 1024:
                raise forms.ValidationError(f"“{upload.name}”超过10MB，请压缩后上传。")
        return files

    def documents(self):
        requested = {}
        if self.cleaned_data["correction_order"] or self.cleaned_data["correction_order_number"]:
            requested[InspectionDocument.Kind.CORRECTION_ORDER] = self.cleaned_data["correction_order_number"]
        if self.cleaned_data["opinion"] or self.cleaned_data["opinion_number"]:
            requested[InspectionDocument.Kind.OPINION] = self.cleaned_data["opinion_number"]
        return requested


class InspectionEditForm(forms.ModelForm):
    """What may be corrected after saving; the checklist and result are evidence and stay."""

    class Meta:
        model = Inspection
        fields = ["campaign", "other_officers", "findings"]
        widgets = {"findings": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = Campaign.objects.for_user(user).valid()
