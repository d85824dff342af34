"""The three roles, as Django groups whose permissions are derived from the models.

监管员 (inspector): add, change and view every ledger record; view jurisdictions.
领导 (leader): view only (dashboards, downloads).
管理员 (admin): everything in the app, plus users and groups.
所长 (office head): like 监管员, and finalises (定稿) the year-end reports.
审计员 (auditor): reads the audit trail (access log and record changes) and nothing else; no other
role reads it, not even the admin (等保 2.0 keeps administration and audit apart).
New models are covered by these rules without editing this file; models only an admin
may change are listed in ADMIN_ONLY_MODELS.
"""

from django.contrib.auth.models import Group, Permission

INSPECTOR = "监管员"
LEADER = "领导"
ADMIN = "管理员"
OFFICE_HEAD = "所长"
AUDITOR = "审计员"
# Permissions beyond add/change/view that the office head holds (as does the admin).
OFFICE_HEAD_PERMISSIONS = ("finalise_report",)

DOMAIN_APPS = ("registry", "inspections", "reports")
# Jurisdictions, users and configuration: inspectors may read them, not change them.
ADMIN_ONLY_MODELS = {"county", "township", "village", "user"}
ADMIN_ONLY_PREFIXES = ("checklist", "rule", "scoring", "risk", "rapidtestitem")


def _admin_only(model_name: str) -> bool:
    return model_name in ADMIN_ONLY_MODELS or model_name.startswith(ADMIN_ONLY_PREFIXES)


def role_permissions():
    """{role: queryset of permissions} computed from the installed models."""
    domain = Permission.objects.filter(content_type__app_label__in=DOMAIN_APPS).exclude(
        content_type__model__startswith="historical"
    )
    view = domain.filter(codename__startswith="view_")
    inspector_ids = [
        perm.pk
        for perm in domain.select_related("content_type")
        if perm.codename.startswith("view_")
        or (perm.codename.split("_", 1)[0] in ("add", "change") and not _admin_only(perm.content_type.model))
    ]
    return {
        INSPECTOR: Permission.objects.filter(pk__in=inspector_ids),
        LEADER: view,
        OFFICE_HEAD: Permission.objects.filter(pk__in=inspector_ids)
        | domain.filter(codename__in=OFFICE_HEAD_PERMISSIONS),
        AUDITOR: Permission.objects.filter(content_type__app_label="audit", codename="view_accessevent"),
        ADMIN: domain.exclude(codename__startswith="delete_")
        | Permission.objects.filter(content_type__app_label="auth", content_type__model="group").exclude(
            codename__startswith="delete_"
        ),
    }


def sync_roles(**kwargs):
    for name, permissions in role_permissions().items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(permissions)


def is_auditor(user) -> bool:
    """Reads the audit trail and no ledger: the 审计员 (whose first page is the audit page)."""
    return user.has_perm("audit.view_accessevent") and not user.has_perm("registry.view_operator")
