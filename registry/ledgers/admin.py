"""The admin site's rules for records: what a 管理员 who is not a superuser may see and change there.

- Scoped: a 管理员 sees (and chooses from) the rows of their jurisdiction only, as in the app:
  `Model.objects.for_user`, or `scope_field` for rows reached through another record.
- Evidence is read-only: who entered and voided a record, and each admin's `evidence_fields`
  (results, points, document numbers…) are shown, never rewritten, by anyone but a superuser.
- The audit trail stays as written: a past version is shown, never reverted to
  (`SIMPLE_HISTORY_REVERT_DISABLED` hides the button; a posted revert is refused here).
- Ledger records are voided in the app, never deleted.
"""

from django.contrib import admin
from django.contrib.admin.utils import get_fields_from_path, unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin

# Fields of every `LedgerRecord` that say who entered or voided it, and when.
RECORD_EVIDENCE = ("created_by", "voided_at", "voided_by", "void_reason")


def scoped(queryset, user, scope_field=None):
    """Rows of `queryset` in the user's jurisdiction (all of them for a superuser)."""
    if user.is_superuser:
        return queryset
    if scope_field:
        return queryset.filter(**{f"{scope_field}__in": user.township_ids})
    if hasattr(queryset, "for_user"):
        return queryset.for_user(user)
    return queryset


class ScopedAdminMixin:
    """Lists, change pages and the choices of related fields limited to the user's jurisdiction."""

    # For rows scoped through another record (e.g. "inspection__township"); else Model.objects.for_user.
    scope_field = None
    evidence_fields = ()

    def get_queryset(self, request):
        return scoped(super().get_queryset(request), request.user, self.scope_field)

    def get_list_filter(self, request):
        """A filter by a related row (乡镇, 县…) offers only the values of the rows the user sees."""
        filters = super().get_list_filter(request)
        if request.user.is_superuser:
            return filters
        return [
            (f, admin.RelatedOnlyFieldListFilter)
            if isinstance(f, str) and get_fields_from_path(self.model, f)[-1].is_relation
            else f
            for f in filters
        ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "queryset" not in kwargs:
            kwargs["queryset"] = scoped(db_field.related_model._default_manager.all(), request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "queryset" not in kwargs:
            kwargs["queryset"] = scoped(db_field.related_model._default_manager.all(), request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            names = {f.name for f in self.model._meta.get_fields()}
            readonly += [name for name in RECORD_EVIDENCE if name in names]
            readonly += self.evidence_fields
        return list(dict.fromkeys(readonly))

    def save_related(self, request, form, formsets, change):
        # A many-to-many field offers only the rows the user may give (their townships, their roles);
        # the rows beyond that which the record already has are kept, not silently taken away.
        kept = {}
        for field in self.model._meta.many_to_many:
            choices = getattr(form.fields.get(field.name), "queryset", None)
            if change and choices is not None:
                kept[field.name] = list(getattr(form.instance, field.name).exclude(pk__in=choices.values("pk")))
        super().save_related(request, form, formsets, change)
        for name, rows in kept.items():
            getattr(form.instance, name).add(*rows)


class AuditedAdmin(ScopedAdminMixin, SimpleHistoryAdmin):
    """A model with an audit trail: its history is read, never reverted."""

    def history_view(self, request, object_id, extra_context=None):
        # simple-history falls back to the history of a row the queryset does not hold (a deleted
        # one), which would show another township's record: outside the jurisdiction is a 404.
        self.check_in_scope(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def check_in_scope(self, request, object_id):
        if not request.user.is_superuser and not self.get_queryset(request).filter(pk=unquote(object_id)).exists():
            raise Http404

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied("审计记录只读：不能恢复到历史版本。")
        # simple-history finds the version without the admin's queryset: check the scope here.
        self.check_in_scope(request, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)


class NoDeleteAdmin(AuditedAdmin):
    """Ledger records are voided in the app, never deleted."""

    def has_delete_permission(self, request, obj=None):
        return False


class EvidenceInline(admin.TabularInline):
    """Rows that belong to a record's evidence (documents, item results): shown, not rewritten."""

    extra = 0
    can_delete = False
    evidence_fields = ()

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly += self.evidence_fields
        return readonly

    def has_add_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_add_permission(request, obj)


class AuditLogAdmin(admin.ModelAdmin):
    """An audit log (access, failed logins): read by those allowed, changed and deleted by nobody."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
