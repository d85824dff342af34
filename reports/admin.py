from django.contrib import admin

from registry.admin import AuditedAdmin

from .models import Report, ReportFile


class ReadOnly:
    """Shown, never changed here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Report)
class ReportAdmin(ReadOnly, AuditedAdmin):
    """Summaries are written and finalised on the 报告 pages; the admin only reads them and their history."""

    list_display = ("title", "kind", "county", "township", "year", "status", "finalised_at", "voided_at")
    list_filter = ("county", "township", "kind", "status", "year")
    search_fields = ("title",)
    exclude = ("figures", "document")


@admin.register(ReportFile)
class ReportFileAdmin(ReadOnly, admin.ModelAdmin):
    """The files of finalised reports, as issued; downloaded from the report's page."""

    list_display = ("report", "format", "sha256", "created_at")
    list_filter = ("format",)
    exclude = ("content",)

    def get_queryset(self, request):
        return super().get_queryset(request).filter(report__in=Report.objects.for_user(request.user))
