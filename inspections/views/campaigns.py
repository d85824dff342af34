"""Pages of the campaign ledger."""

from registry.ledgers.views import LedgerDetailView, LedgerViewSet

from ..filters.campaigns import CampaignFilter
from ..forms.campaigns import CampaignForm
from ..models import Campaign, Inspection
from ..selectors import campaign_summary


class CampaignDetail(LedgerDetailView):
    select_related = ("county", "township")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        campaign = self.object
        visible = Inspection.objects.for_user(self.request.user).valid().filter(campaign=campaign)
        context.update(
            summary=campaign_summary(visible),
            campaign_inspections=visible.select_related("operator", "township")[:200],
        )
        return context


campaigns = LedgerViewSet(
    Campaign,
    form_class=CampaignForm,
    filterset_class=CampaignFilter,
    select_related=("county", "township"),
    detail_view=CampaignDetail,
)
