from axes.admin import AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessFailureLog, AccessLog
from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.db.models import Q

from accounts.forms import NewAccountForm, PasswordResetByAdminForm

from .ledgers.admin import AuditedAdmin, AuditLogAdmin, NoDeleteAdmin, ScopedAdminMixin
from .ledgers.submissions import SubmissionToken
from .models import (
    County,
    FoodTruck,
    LeadingGroupMember,
    MobileChef,
    Operator,
    Township,
    User,
    Village,
    VillageCoordinator,
    WholesaleVehicle,
)

__all__ = ["AuditedAdmin", "NoDeleteAdmin"]


def administered_users(users, admin_user):
    """The accounts of `users` a 管理员 administers: those of their townships (or county) and new
    ones not yet given a jurisdiction; never a superuser. A superuser administers them all."""
    if admin_user.is_superuser:
        return users
    mine = Q(townships__in=admin_user.township_ids) | Q(townships__isnull=True, county__isnull=True)
    if admin_user.county_id:
        mine |= Q(county_id=admin_user.county_id)
    else:
        users = users.filter(county__isnull=True)  # a county user is beyond a township's admin
    return users.filter(mine).exclude(is_superuser=True).distinct()


@admin.register(County)
class CountyAdmin(AuditedAdmin):
    list_display = ("code", "name", "bureau_name")


class VillageInline(admin.TabularInline):
    model = Village
    extra = 0


@admin.register(Township)
class TownshipAdmin(AuditedAdmin):
    list_display = ("code", "name", "county", "office_name")
    list_filter = ("county",)
    inlines = [VillageInline]


@admin.register(Village)
class VillageAdmin(AuditedAdmin):
    list_display = ("name", "township", "population")
    list_filter = ("township",)
    search_fields = ("name",)


@admin.register(User)
class FoodsafeUserAdmin(ScopedAdminMixin, UserAdmin):
    """Accounts. A 管理员 who is not a superuser administers the accounts of their jurisdiction: gives
    roles they hold themselves, never a permission of its own or superuser; deactivates, never deletes
    (an inspection's officers, a record's 录入人 must still name who it was)."""

    add_form = NewAccountForm
    change_password_form = PasswordResetByAdminForm
    list_display = ("username", "name", "county", "is_active", "is_staff")
    list_filter = ("groups", "county", "townships", "is_active")
    search_fields = ("username", "name", "phone")
    filter_horizontal = ("groups", "user_permissions", "townships")
    actions = ["deactivate"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("个人信息", {"fields": ("name", "phone", "enforcement_id", "email")}),
        ("管辖范围", {"fields": ("county", "townships")}),
        ("角色与权限", {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        ("密码", {"fields": ("must_change_password",)}),
        ("时间", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "name", "password1", "password2")}),
        ("管辖范围与角色", {"fields": ("county", "townships", "groups", "is_staff")}),
    )
    # Only a superuser makes a superuser or grants a permission outside the roles.
    superuser_fields = ("is_superuser", "user_permissions", "last_login", "date_joined")

    def get_queryset(self, request):
        return administered_users(super().get_queryset(request), request.user)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly += self.superuser_fields
            if not request.user.county_id:
                readonly.append("county")
        return readonly

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "county" and not request.user.is_superuser:
            kwargs["queryset"] = County.objects.filter(pk=request.user.county_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups" and not request.user.is_superuser:
            kwargs["queryset"] = grantable_roles(request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description="停用所选用户（保留其记录，不能再登录）", permissions=["change"])
    def deactivate(self, request, queryset):
        stopped = queryset.exclude(pk=request.user.pk).update(is_active=False)
        if queryset.filter(pk=request.user.pk).exists():
            messages.warning(request, "不能停用自己的账号。")
        messages.success(request, f"已停用 {stopped} 个用户。")


def grantable_roles(user):
    """Roles (groups) holding no permission the user lacks: what a non-superuser may give."""
    held = user.get_all_permissions()
    allowed = [
        group.pk
        for group in Group.objects.prefetch_related("permissions__content_type")
        if {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()} <= held
    ]
    return Group.objects.filter(pk__in=allowed)


admin.site.unregister(Group)


@admin.register(Group)
class RoleAdmin(GroupAdmin):
    """Roles: their permissions follow the models (registry/roles.py, re-applied on every migrate)."""

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        return readonly if request.user.is_superuser else [*readonly, "permissions"]


# Audit logs of access (django-axes): read, never changed or deleted, even by a superuser.
for model, base in ((AccessLog, AccessLogAdmin), (AccessFailureLog, AccessFailureLogAdmin)):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(model, type(base.__name__, (AuditLogAdmin, base), {"__module__": __name__}))


@admin.register(Operator)
class OperatorAdmin(NoDeleteAdmin):
    list_display = ("name", "township", "category", "subtype", "status", "risk_level", "voided_at")
    list_filter = ("township", "category", "status", "risk_level")
    search_fields = ("name", "credit_code", "licence_no")
    raw_id_fields = ("market",)


@admin.register(MobileChef)
class MobileChefAdmin(NoDeleteAdmin):
    list_display = ("name", "township", "phone", "status")
    list_filter = ("township", "status")
    search_fields = ("name", "id_number")


@admin.register(FoodTruck)
class FoodTruckAdmin(NoDeleteAdmin):
    list_display = ("plate_no", "owner", "township", "gps_installed", "camera_installed", "status")
    list_filter = ("township", "status")


@admin.register(WholesaleVehicle)
class WholesaleVehicleAdmin(NoDeleteAdmin):
    list_display = ("plate_no", "operator", "township", "status")
    list_filter = ("township", "status")
    raw_id_fields = ("operator",)


@admin.register(VillageCoordinator)
class VillageCoordinatorAdmin(NoDeleteAdmin):
    list_display = ("name", "village", "role", "appointed_on", "left_on")
    list_filter = ("role", "village__township")


@admin.register(LeadingGroupMember)
class LeadingGroupMemberAdmin(NoDeleteAdmin):
    list_display = ("name", "position", "role", "township", "county", "appointed_on", "left_on", "voided_at")
    list_filter = ("county", "township", "role")
    search_fields = ("name", "position")


@admin.register(SubmissionToken)
class SubmissionTokenAdmin(admin.ModelAdmin):
    """Forms already saved (one-time tokens against double submission): read only, and for a
    管理员 only those of the accounts they administer."""

    list_display = ("created_at", "user", "result_url")
    list_select_related = ("user",)

    def get_queryset(self, request):
        tokens = super().get_queryset(request)
        if request.user.is_superuser:
            return tokens
        return tokens.filter(user__in=administered_users(User.objects.all(), request.user).values("pk"))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
