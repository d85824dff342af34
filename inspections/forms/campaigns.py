"""Forms of the campaign (专项整治) ledger."""

from registry.ledgers.forms import ScopedModelForm

from ..models import Campaign


class CampaignForm(ScopedModelForm):
    class Meta:
        model = Campaign
        fields = ["name", "theme", "township", "start_date", "end_date", "description"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["township"].required = False
        self.fields["township"].empty_label = "全县"
        self.fields["description"].widget.attrs["rows"] = 3
        if self.user.county_id:
            self.instance.county_id = self.user.county_id

    def clean(self):
        cleaned = super().clean()
        township = cleaned.get("township")
        if township is not None:
            self.instance.county_id = township.county_id
        elif not self.user.county_id:
            self.add_error("township", "乡镇用户只能登记本乡镇的专项整治。")
        return cleaned
