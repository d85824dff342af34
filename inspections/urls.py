from django.urls import path

from . import views
from .urls_ledgers import urlpatterns as ledger_urlpatterns

app_name = "inspections"

urlpatterns = [
    path("inspections/new/", views.InspectionCreate.as_view(), name="inspection_create"),
    path("inspections/<int:pk>/record.pdf", views.InspectionRecordPdf.as_view(), name="inspection_pdf"),
    path("inspections/plan/", views.InspectionPlan.as_view(), name="inspection_plan"),
    *views.inspections.urls("inspections"),
    *views.rectifications.urls("rectifications"),
    path("rectifications/<int:pk>/report/", views.RectificationReport.as_view(), name="rectification_report"),
    path("rectifications/<int:pk>/close/", views.RectificationClose.as_view(), name="rectification_close"),
    *views.campaigns.urls("campaigns"),
    path("scores/ledger/", views.ScoreLedger.as_view(), name="score_ledger"),
    *views.scores.urls("scores"),
    path("scores/<int:pk>/notice.pdf", views.ScoreNoticePdf.as_view(), name="scorerecord_pdf"),
    path("negative-list/print/", views.NegativeListPrint.as_view(), name="negativelistentry_print"),
    *views.negative_list.urls("negative-list"),
    path("operators/<int:pk>/level/", views.OperatorLevelChange.as_view(), name="operator_level"),
    *ledger_urlpatterns,
]
