from django.urls import path

from .views import figures

app_name = "reports"

urlpatterns = [
    path("figures/", figures.FigureListView.as_view(), name="figure_list"),
    path("figures.xlsx", figures.FiguresWorkbookView.as_view(), name="figures_xlsx"),
    path("figures/<slug:key>/", figures.FigureDetailView.as_view(), name="figure"),
    path("figures/<slug:key>/export.xlsx", figures.FigureExportView.as_view(), name="figure_export"),
]
