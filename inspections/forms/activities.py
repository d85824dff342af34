"""Forms of the activity ledgers: trainings, 约谈, publicity, lectures, manuals, study sessions, major events."""

from registry.ledgers.forms import ScopedModelForm

from ..models import Interview, Lecture, MajorEvent, ManualDistribution, PublicityEvent, StudySession, Training
from .common import DerivedTownshipForm, row, searchable, short_rows, village_labels


class TrainingForm(ScopedModelForm):
    class Meta:
        model = Training
        fields = ["township", "held_on", "topic", "audience", "attendees", "place", "lecturer", "notes"]

    layout = (
        "township",
        row("held_on", "audience", "attendees"),
        "topic",
        row("place", "lecturer"),
        "notes",
    )


class OperatorsInTownshipMixin:
    """A record's operators (M2M) must be of its township; the count of people at least theirs."""

    def clean(self):
        cleaned = super().clean()
        township = cleaned.get("township")
        operators = cleaned.get("operators") or []
        strangers = [o.name for o in operators if township and o.township_id != township.pk]
        if strangers:
            self.add_error("operators", "以下单位不在所选乡镇：" + "、".join(strangers))
        return cleaned


class InterviewForm(OperatorsInTownshipMixin, ScopedModelForm):
    class Meta:
        model = Interview
        fields = [
            "township",
            "held_on",
            "kind",
            "topic",
            "operators",
            "persons",
            "interviewees",
            "requirements",
            "notes",
        ]

    layout = (
        "township",
        row("held_on", "kind", "interviewees"),
        "topic",
        "operators",
        "persons",
        "requirements",
        "notes",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        searchable(self, "operators")
        short_rows(self, "requirements", "notes")

    def clean(self):
        cleaned = super().clean()
        operators = cleaned.get("operators") or []
        interviewees = cleaned.get("interviewees")
        if interviewees is not None and len(operators) > interviewees:
            self.add_error("interviewees", f"约谈人数不能少于被约谈单位数（{len(operators)}家）。")
        return cleaned


class PublicityEventForm(ScopedModelForm):
    class Meta:
        model = PublicityEvent
        fields = ["township", "held_on", "theme", "title", "place", "materials", "consultations", "notes"]

    layout = ("township", row("held_on", "theme"), row("title", "place"), row("materials", "consultations"), "notes")


class LectureForm(ScopedModelForm):
    class Meta:
        model = Lecture
        fields = ["township", "held_on", "kind", "topic", "venue", "audience", "lecturer", "notes"]

    layout = ("township", row("held_on", "kind"), "topic", row("venue", "audience", "lecturer"), "notes")


class ManualDistributionForm(ScopedModelForm):
    class Meta:
        model = ManualDistribution
        fields = ["township", "held_on", "title", "copies", "recipients", "notes"]

    layout = ("township", row("held_on", "copies"), "title", "recipients", "notes")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["held_on"].label = "发放日期"


class StudySessionForm(DerivedTownshipForm):
    township_sources = ("village",)

    class Meta:
        model = StudySession
        fields = ["township", "held_on", "village", "topic", "attendees", "notes"]

    layout = ("township", row("held_on", "village", "attendees"), "topic", "notes")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].empty_label = "全镇"
        village_labels(self)


class MajorEventForm(OperatorsInTownshipMixin, ScopedModelForm):
    class Meta:
        model = MajorEvent
        fields = ["township", "name", "start_date", "end_date", "place", "operators", "diners", "officers", "notes"]

    layout = (
        "township",
        "name",
        row("start_date", "end_date", "place"),
        "operators",
        row("diners", "officers"),
        "notes",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        searchable(self, "operators")
        short_rows(self, "notes")
