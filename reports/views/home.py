from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.utils import timezone
from django.views.generic import TemplateView

from inspections.models import Rectification
from inspections.selectors import plan_counts
from registry.models import Operator
from registry.roles import is_auditor

from .. import figures as catalogue
from ..dashboard import attention as attention_lists
from ..figures import Period
from ..selection import default_scope
from .dashboard import DashboardView, dashboard_is_home

HOME_FIGURES = (
    "operators_total",
    "producers",
    "wholesalers",
    "retailers",
    "caterers",
    "small_total",
    "markets",
    "mobile_chefs",
    "food_trucks",
    "wholesale_vehicles",
    "villages",
    "village_coordinators",
)


class HomeView(LoginRequiredMixin, TemplateView):
    """The first page after login: the dashboard for leaders and county users (issue 10); for
    inspectors a compact "my work" page: what is overdue or due, and the registry at a glance."""

    template_name = "home.html"

    def get(self, request, *args, **kwargs):
        if is_auditor(request.user):
            return redirect("audit:access_list")
        if dashboard_is_home(request.user):
            return DashboardView.as_view()(request, *args, **kwargs)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        figures, lists = [], []
        if self.request.user.township_ids:
            scope = default_scope(self.request.user)
            values = catalogue.values(scope, Period.year_to_date(today), HOME_FIGURES)
            figures = [values[key] for key in HOME_FIGURES]
            lists = attention_lists.attention(scope, today)
        return super().get_context_data(
            today=today,
            townships=self.request.user.visible_townships(),
            figures=figures,
            attention=attention(self.request.user, today),
            attention_lists=lists,
            **kwargs,
        )


def attention(user, today):
    """What needs doing now: overdue rectifications and operators overdue for inspection (in SQL)."""
    plan = plan_counts(Operator.objects.for_user(user), today).values()
    return {
        "overdue_rectifications": Rectification.objects.for_user(user).overdue_on(today).count(),
        "open_rectifications": Rectification.objects.for_user(user).open_on(today).count(),
        "overdue_inspections": sum(level["overdue"] for level in plan),
        "due_inspections": sum(level["due"] for level in plan),
    }
