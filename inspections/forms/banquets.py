"""Forms of the rural banquet (农村集体聚餐) ledger."""

from crispy_forms.layout import Fieldset

from registry.ledgers.forms import ScopedModelForm
from registry.models import MobileChef

from ..models import Banquet
from .common import row, searchable, short_rows, village_labels


class BanquetForm(ScopedModelForm):
    class Meta:
        model = Banquet
        fields = [
            "village",
            "host",
            "host_phone",
            "occasion",
            "reported_on",
            "held_on",
            "meals",
            "place",
            "tables",
            "guests",
            "chef",
            "commitment_signed",
            "samples_kept",
            "inspected",
            "inspection_note",
            "notes",
        ]

    layout = (
        Fieldset(
            "报告备案",
            row("village", "host", "host_phone"),
            row("occasion", "reported_on", "held_on"),
            row("place", "meals"),
            row("tables", "guests", "chef"),
        ),
        Fieldset(
            "食品安全措施",
            row("commitment_signed", "samples_kept", "inspected"),
            "inspection_note",
            "notes",
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        chefs = self.fields["chef"].queryset.exclude(status=MobileChef.Status.CANCELLED)
        if self.instance.chef_id:
            chefs = chefs | MobileChef.objects.filter(pk=self.instance.chef_id)
        self.fields["chef"].queryset = chefs
        self.fields["chef"].empty_label = "未登记厨师"
        village_labels(self)
        searchable(self, "chef")
        short_rows(self, "notes")
