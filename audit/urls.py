from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("", views.AccessLogView.as_view(), name="access_list"),
    path("export.xlsx", views.AccessLogExport.as_view(), name="access_export"),
    path("changes/", views.ChangeLogView.as_view(), name="change_list"),
]
