"""Pages of the activity ledgers."""

from registry.ledgers.views import LedgerDetailView, LedgerViewSet

from ..filters.activities import (
    InterviewFilter,
    LectureFilter,
    MajorEventFilter,
    ManualDistributionFilter,
    PublicityEventFilter,
    StudySessionFilter,
    TrainingFilter,
)
from ..forms.activities import (
    InterviewForm,
    LectureForm,
    MajorEventForm,
    ManualDistributionForm,
    PublicityEventForm,
    StudySessionForm,
    TrainingForm,
)
from ..models import Interview, Lecture, MajorEvent, ManualDistribution, PublicityEvent, StudySession, Training
from ..sheets.activities import (
    InterviewSheet,
    LectureSheet,
    MajorEventSheet,
    ManualDistributionSheet,
    PublicityEventSheet,
    StudySessionSheet,
    TrainingSheet,
)


class ActivityDetail(LedgerDetailView):
    """The generic detail, with 备注 last (the activity base model declares it first)."""

    def field_rows(self):
        notes = str(self.model._meta.get_field("notes").verbose_name)
        rows = super().field_rows()
        return [row for row in rows if row[0] != notes] + [row for row in rows if row[0] == notes]


class WithOperatorsDetail(ActivityDetail):
    """Detail of a record with operators (M2M): they are listed under the fields."""

    def get_template_names(self):
        return [f"inspections/{self.model._meta.model_name}_detail.html", "inspections/with_operators_detail.html"]

    def get_context_data(self, **kwargs):
        label = self.model._meta.get_field("operators").verbose_name
        return super().get_context_data(operators=list(self.object.operators.all()), operators_label=label, **kwargs)


trainings = LedgerViewSet(
    Training,
    form_class=TrainingForm,
    filterset_class=TrainingFilter,
    sheet_class=TrainingSheet,
    select_related=("township",),
    detail_view=ActivityDetail,
)

interviews = LedgerViewSet(
    Interview,
    form_class=InterviewForm,
    filterset_class=InterviewFilter,
    sheet_class=InterviewSheet,
    select_related=("township",),
    detail_view=WithOperatorsDetail,
)

publicity = LedgerViewSet(
    PublicityEvent,
    form_class=PublicityEventForm,
    filterset_class=PublicityEventFilter,
    sheet_class=PublicityEventSheet,
    select_related=("township",),
    detail_view=ActivityDetail,
)

lectures = LedgerViewSet(
    Lecture,
    form_class=LectureForm,
    filterset_class=LectureFilter,
    sheet_class=LectureSheet,
    select_related=("township",),
    detail_view=ActivityDetail,
)

manuals = LedgerViewSet(
    ManualDistribution,
    form_class=ManualDistributionForm,
    filterset_class=ManualDistributionFilter,
    sheet_class=ManualDistributionSheet,
    select_related=("township",),
    detail_view=ActivityDetail,
)

study_sessions = LedgerViewSet(
    StudySession,
    form_class=StudySessionForm,
    filterset_class=StudySessionFilter,
    sheet_class=StudySessionSheet,
    select_related=("township", "village"),
    detail_view=ActivityDetail,
)

events = LedgerViewSet(
    MajorEvent,
    form_class=MajorEventForm,
    filterset_class=MajorEventFilter,
    sheet_class=MajorEventSheet,
    select_related=("township",),
    detail_view=WithOperatorsDetail,
)
