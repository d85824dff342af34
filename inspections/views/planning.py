"""The inspection plan: whom to visit next."""

from django.utils import timezone
from django.views.generic import TemplateView

from registry.ledgers.params import query_id
from registry.ledgers.views import ScopedMixin
from registry.models import Operator

from ..models import Inspection
from ..selectors import inspection_plan


class InspectionPlan(ScopedMixin, TemplateView):
    """Whom to visit next: operators due or overdue for inspection by their risk level."""

    model = Inspection
    template_name = "inspections/plan.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        operators = Operator.objects.for_user(self.request.user)
        township = query_id(self.request.GET, "township")
        if township:
            operators = operators.filter(township_id=township)
        rows = inspection_plan(operators, today)
        status = self.request.GET.get("status", "attention")
        shown = [
            r for r in rows if status == "all" or r.status == status or (status == "attention" and r.status != "ok")
        ]
        counts = {key: sum(1 for r in rows if r.status == key) for key in ("overdue", "due", "ok")}
        return super().get_context_data(
            today=today,
            rows=shown,
            counts=counts,
            status=status,
            townships=self.request.user.visible_townships(),
            township=township,
            **kwargs,
        )
