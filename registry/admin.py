from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from accounts.forms import NewAccountForm, PasswordResetByAdminForm

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


class NoDeleteAdmin(SimpleHistoryAdmin):
    """Ledger records are voided in the app, never deleted."""

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(County)
class CountyAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "bureau_name")


class VillageInline(admin.TabularInline):
    model = Village
    extra = 0


@admin.register(Township)
class TownshipAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "county", "office_name")
    list_filter = ("county",)
    inlines = [VillageInline]


@admin.register(Village)
class VillageAdmin(SimpleHistoryAdmin):
    list_display = ("name", "township", "population")
    list_filter = ("township",)
    search_fields = ("name",)


@admin.register(User)
class FoodsafeUserAdmin(UserAdmin):
    add_form = NewAccountForm
    change_password_form = PasswordResetByAdminForm
    list_display = ("username", "name", "county", "is_active", "is_staff")
    list_filter = ("groups", "county", "townships", "is_active")
    search_fields = ("username", "name", "phone")
    filter_horizontal = ("groups", "user_permissions", "townships")
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
    """Forms already saved (one-time tokens against double submission): read only."""

    list_display = ("created_at", "user", "result_url")
    list_select_related = ("user",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
