"""URLs of the ledgers under /ledgers/ (namespace inspections), grouped by ledger.

A ledger's own pages come before its `LedgerViewSet.urls(prefix)`, so "new/" or "batch/" is not
read as a record's number.
"""

from django.urls import path

from .views import (
    activities,
    banquets,
    campaigns,
    cases,
    complaints,
    inspections,
    planning,
    rapid_tests,
    rectifications,
    sampling,
    scoring,
)

app_name = "inspections"

urlpatterns = [
    # 监督检查
    path("inspections/new/", inspections.InspectionCreate.as_view(), name="inspection_create"),
    path("inspections/<int:pk>/record.pdf", inspections.InspectionRecordPdf.as_view(), name="inspection_pdf"),
    path("inspections/plan/", planning.InspectionPlan.as_view(), name="inspection_plan"),
    path(
        "inspections/attachments/<int:pk>/",
        inspections.InspectionAttachmentDownload.as_view(),
        name="inspectionattachment_download",
    ),
    *inspections.inspections.urls("inspections"),
    # 整改
    path(
        "rectifications/<int:pk>/report/",
        rectifications.RectificationReport.as_view(),
        name="rectification_report",
    ),
    path("rectifications/<int:pk>/close/", rectifications.RectificationClose.as_view(), name="rectification_close"),
    path(
        "rectifications/<int:pk>/evidence/",
        rectifications.RectificationEvidence.as_view(),
        name="rectification_evidence",
    ),
    *rectifications.rectifications.urls("rectifications"),
    # 专项整治
    *campaigns.campaigns.urls("campaigns"),
    # 记分, 负面清单, 等级
    path("scores/ledger/", scoring.ScoreLedger.as_view(), name="score_ledger"),
    path("scores/<int:pk>/notice.pdf", scoring.ScoreNoticePdf.as_view(), name="scorerecord_pdf"),
    *scoring.scores.urls("scores"),
    path("negative-list/print/", scoring.NegativeListPrint.as_view(), name="negativelistentry_print"),
    *scoring.negative_list.urls("negative-list"),
    path("operators/<int:pk>/level/", scoring.OperatorLevelChange.as_view(), name="operator_level"),
    # 监督抽检
    path("samples/<int:pk>/disposal/", sampling.SampleDisposalView.as_view(), name="sampledisposal_update"),
    *sampling.samples.urls("samples"),
    # 快检
    path("rapid-tests/batch/", rapid_tests.RapidTestBatchView.as_view(), name="rapidtest_batch"),
    *rapid_tests.rapid_tests.urls("rapid-tests"),
    # 立案查处
    *cases.cases.urls("cases"),
    # 投诉举报
    *complaints.complaints.urls("complaints"),
    # 农村集体聚餐
    *banquets.banquets.urls("banquets"),
    # 活动台账
    *activities.trainings.urls("trainings"),
    *activities.interviews.urls("interviews"),
    *activities.publicity.urls("publicity"),
    *activities.lectures.urls("lectures"),
    *activities.manuals.urls("manuals"),
    *activities.study_sessions.urls("study-sessions"),
    *activities.events.urls("events"),
]
