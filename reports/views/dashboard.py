"""The leaders' dashboard (工作看板): KPI cards, charts, the townships side by side, what needs attention."""

from django.utils import timezone
from django.views.generic import TemplateView

from registry.roles import LEADER, OFFICE_HEAD

from ..dashboard import attention, charts, kpis, periods
from .figures import SelectionMixin

# Whose home page is the dashboard: those who lead, and every county user (issue 10).
DASHBOARD_ROLES = (LEADER, OFFICE_HEAD)


def dashboard_is_home(user) -> bool:
    if user.county_id or user.is_superuser:
        return True
    return any(group.name in DASHBOARD_ROLES for group in user.groups.all())


class DashboardView(SelectionMixin, TemplateView):
    template_name = "reports/dashboard.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        dashboard_charts = charts.Charts(self.scope, self.period)
        cards = kpis.kpis(
            self.scope, self.period, dashboard_charts.breakdowns(), dashboard_charts.previous_breakdowns()
        )
        townships = kpis.townships(self.scope, self.period, cards) if len(self.scope.township_ids) > 1 else []
        return super().get_context_data(
            today=today,
            cards=cards,
            townships_table=townships,
            highlighted=kpis.HIGHLIGHTED,
            township_chart=kpis.township_chart(townships, cards) if townships else None,
            charts=dashboard_charts.charts({card.key: card for card in cards}),
            attention=attention.attention(self.scope, today),
            period_choices=periods.choices(self.scope, self.period, today),
            previous_period=self.period.previous_year(),
            county_scope=self.county_scope(),
            **self.selection_context(),
            **kwargs,
        )

    def county_scope(self):
        """The county the user may see whole, for the scope picker's 全县 entry (None if not)."""
        from ..selection import default_scope

        if self.scope.is_county and self.scope.county_id == self.request.user.county_id:
            return self.scope  # the user's own county, already read and checked for this page
        scope = default_scope(self.request.user)
        return scope if scope.is_county else None
