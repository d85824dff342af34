from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts.views import PasswordChangeView
from operations.views import healthz
from reports.views.home import HomeView

admin.site.site_header = "食安台账 管理后台"
admin.site.site_title = "食安台账"
admin.site.index_title = "系统管理"

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", PasswordChangeView.as_view(), name="password_change"),
    path("registry/", include("registry.urls")),
    path("ledgers/", include("inspections.urls")),
    path("reports/", include("reports.urls")),
    path("audit/", include("audit.urls")),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
]

# Error pages in the app's layout, with the request (so the navigation) and the view's own reason.
handler400 = "operations.views.bad_request"
handler403 = "operations.views.permission_denied"
# No /media/ URL, not even in DEBUG: uploads are downloaded through views that check the scope.
