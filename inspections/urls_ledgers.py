"""URLs of the sampling, rapid-test, case and activity ledgers (under /ledgers/, namespace inspections)."""

from django.urls import path

from . import views_ledgers as views

urlpatterns = [
    path("rapid-tests/batch/", views.RapidTestBatchView.as_view(), name="rapidtest_batch"),
    path("samples/<int:pk>/disposal/", views.SampleDisposalView.as_view(), name="sampledisposal_update"),
    *views.samples.urls("samples"),
    *views.rapid_tests.urls("rapid-tests"),
    *views.cases.urls("cases"),
    *views.trainings.urls("trainings"),
    *views.interviews.urls("interviews"),
    *views.publicity.urls("publicity"),
    *views.lectures.urls("lectures"),
    *views.manuals.urls("manuals"),
    *views.study_sessions.urls("study-sessions"),
    *views.complaints.urls("complaints"),
    *views.banquets.urls("banquets"),
    *views.events.urls("events"),
]
