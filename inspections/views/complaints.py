"""Pages of the complaint ledger."""

from django.utils import timezone

from registry.ledgers.audit import display_value
from registry.ledgers.views import LedgerDetailView, LedgerViewSet

from ..filters.complaints import ComplaintFilter
from ..forms.complaints import ComplaintForm
from ..models import Complaint
from ..sheets.complaints import ComplaintSheet


class ComplaintDetail(LedgerDetailView):
    select_related = ("township", "operator", "village", "case", "created_by", "voided_by")

    def field_rows(self):
        complaint, today = self.object, timezone.localdate()
        rows = super().field_rows()
        deadline = display_value(Complaint._meta.get_field("deadline"), complaint.deadline)
        rows.insert(6, ("办结期限", f"{deadline}（受理之日起按工作日计算）"))
        if complaint.closed_on_time is not None:
            rows.append(("是否按时办结", "按时办结" if complaint.closed_on_time else "超期办结"))
        elif complaint.overdue_on(today):
            rows.append(("是否按时办结", "已超期，尚未办结"))
        return rows


complaints = LedgerViewSet(
    Complaint,
    form_class=ComplaintForm,
    filterset_class=ComplaintFilter,
    sheet_class=ComplaintSheet,
    select_related=("township", "operator", "village"),
    detail_view=ComplaintDetail,
)
