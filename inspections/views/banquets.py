"""Pages of the banquet ledger."""

from registry.ledgers.views import LedgerDetailView, LedgerViewSet

from ..filters.banquets import BanquetFilter
from ..forms.banquets import BanquetForm
from ..models import Banquet
from ..sheets.banquets import BanquetSheet


class BanquetDetail(LedgerDetailView):
    select_related = ("township", "village", "chef", "created_by", "voided_by")

    def get_context_data(self, **kwargs):
        return super().get_context_data(warnings=self.object.warnings(), **kwargs)


banquets = LedgerViewSet(
    Banquet,
    form_class=BanquetForm,
    filterset_class=BanquetFilter,
    sheet_class=BanquetSheet,
    select_related=("township", "village", "chef"),
    detail_view=BanquetDetail,
)
