from django.urls import path

from .views import dashboard, figures, summaries

app_name = "reports"

urlpatterns = [
    path("dashboard/", dashboard.DashboardView.as_view(), name="dashboard"),
    path("figures/", figures.FigureListView.as_view(), name="figure_list"),
    path("figures.xlsx", figures.FiguresWorkbookView.as_view(), name="figures_xlsx"),
    path("figures/<slug:key>/", figures.FigureDetailView.as_view(), name="figure"),
    path("figures/<slug:key>/export.xlsx", figures.FigureExportView.as_view(), name="figure_export"),
    # The year-end and half-year summaries (工作总结).
    path("summaries/", summaries.ReportList.as_view(), name="report_list"),
    path("summaries/new/", summaries.ReportCreate.as_view(), name="report_create"),
    path("summaries/<int:pk>/", summaries.ReportDetail.as_view(), name="report_detail"),
    path("summaries/<int:pk>/edit/", summaries.ReportUpdate.as_view(), name="report_update"),
    path("summaries/<int:pk>/finalise/", summaries.ReportFinalise.as_view(), name="report_finalise"),
    path("summaries/<int:pk>/redraft/", summaries.ReportRedraft.as_view(), name="report_redraft"),
    path("summaries/<int:pk>/void/", summaries.ReportVoid.as_view(), name="report_void"),
    path("summaries/<int:pk>/file.<str:format>", summaries.ReportDownload.as_view(), name="report_download"),
]
