from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView
from django_filters.views import FilterView

from registry.ledgers.params import query_page
from registry.ledgers.sheets import XLSX_CONTENT_TYPE

from .access import file_response
from .changes import ChangeFilterForm, change_page
from .exports import access_log_workbook
from .filters import AccessEventFilter
from .models import AccessEvent


class AuditMixin(LoginRequiredMixin, PermissionRequiredMixin):
    """The audit trail is the 审计员's (and a superuser's): nobody else, not even an admin."""

    # A visitor is sent to the login; a signed-in user without the permission gets 403.
    permission_required = "audit.view_accessevent"


def _query_without_page(request):
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


class AccessLogView(AuditMixin, FilterView):
    model = AccessEvent
    filterset_class = AccessEventFilter
    template_name = "audit/access_list.html"
    paginate_by = 50

    def get_queryset(self):
        return AccessEvent.objects.select_related("user")

    def get_context_data(self, **kwargs):
        return super().get_context_data(querystring=_query_without_page(self.request), **kwargs)


class AccessLogExport(AuditMixin, View):
    def get(self, request):
        filterset = AccessEventFilter(request.GET, queryset=AccessEvent.objects.all())
        events = filterset.qs if filterset.is_valid() else AccessEvent.objects.none()
        return file_response(
            request,
            access_log_workbook(events),
            f"访问记录_{timezone.localdate():%Y%m%d}.xlsx",
            XLSX_CONTENT_TYPE,
        )


class ChangeLogView(AuditMixin, TemplateView):
    template_name = "audit/change_list.html"

    def get_context_data(self, **kwargs):
        form = ChangeFilterForm(self.request.GET or None)
        page = query_page(self.request.GET)
        rows, has_next = change_page(form, page)
        return super().get_context_data(
            form=form,
            rows=rows,
            page=page,
            has_next=has_next,
            querystring=_query_without_page(self.request),
            **kwargs,
        )
