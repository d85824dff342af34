import datetime

from django.core.exceptions import ValidationError
from django.urls import reverse

from inspections.models import (
    Interview,
    Lecture,
    MajorEvent,
    ManualDistribution,
    PublicityEvent,
    StudySession,
    Training,
)
from tests.base import CastTestCase
from tests.factories import OperatorFactory, VillageFactory
from tests.inspections.factories import (
    InterviewFactory,
    LectureFactory,
    MajorEventFactory,
    ManualDistributionFactory,
    PublicityEventFactory,
    StudySessionFactory,
    TrainingFactory,
)

D = datetime.date
H1 = (D(2026, 1, 1), D(2026, 6, 30))


class ActivityFigureTests(CastTestCase):
    """Section 5 of the figures: each counted by period and township, voided records left out."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        a, b = cls.township_a, cls.township_b
        for factory, field in (
            (TrainingFactory, "attendees"),
            (InterviewFactory, "interviewees"),
            (ManualDistributionFactory, "copies"),
            (StudySessionFactory, "attendees"),
        ):
            factory(township=a, **{field: 10})
            factory(township=a, held_on=D(2026, 6, 30), **{field: 5})
            factory(township=a, held_on=D(2026, 7, 1), **{field: 100})  # second half
            factory(township=b, **{field: 1000})
            factory(township=a, **{field: 1000}).void(by=cls.inspector_a, reason="重复录入")
        LectureFactory(township=a, kind="school")
        LectureFactory(township=a, kind="school", held_on=D(2026, 3, 1))
        LectureFactory(township=a, kind="public", venue="镇文化活动中心")
        LectureFactory(township=b, kind="public", venue="乙镇文化站")
        PublicityEventFactory(township=a, materials=500, consultations=80)
        PublicityEventFactory(township=a, theme="consumer_day", held_on=D(2026, 3, 15), materials=300, consultations=20)
        PublicityEventFactory(township=a, held_on=D(2025, 12, 31), materials=9999)

    def total(self, model, field, townships=None, period=H1):
        records = model.objects.in_townships(townships or [self.township_a]).valid().between(*period)
        return records.count(), records.total(field)

    def test_head_counts_in_the_first_half_in_township_a(self):
        self.assertEqual(self.total(Training, "attendees"), (2, 15))  # trainings, trainees
        self.assertEqual(self.total(Interview, "interviewees"), (2, 15))  # interviews, interviewees
        self.assertEqual(self.total(ManualDistribution, "copies")[1], 15)  # manuals_distributed
        self.assertEqual(self.total(StudySession, "attendees")[0], 2)  # staff_study_sessions

    def test_the_whole_year_and_the_county(self):
        year = (D(2026, 1, 1), D(2026, 12, 31))
        self.assertEqual(self.total(Training, "attendees", period=year), (3, 115))
        self.assertEqual(self.total(Training, "attendees", [self.township_a, self.township_b]), (3, 1015))

    def test_lectures_by_kind(self):
        lectures = Lecture.objects.in_townships([self.township_a]).valid().between(*H1)
        self.assertEqual(lectures.filter(kind="school").count(), 2)  # school_lectures
        self.assertEqual(lectures.filter(kind="public").count(), 1)  # lectures_public

    def test_publicity_events_leaflets_and_questions(self):
        events = PublicityEvent.objects.in_townships([self.township_a]).valid().between(*H1)
        self.assertEqual((events.count(), events.total("materials"), events.total("consultations")), (2, 800, 100))


class InterviewAndEventTests(CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.ops = [OperatorFactory(township=cls.township_a) for _ in range(3)]
        cls.op_b = OperatorFactory(township=cls.township_b)

    def test_at_least_one_person_per_operator_interviewed(self):
        self.login(self.inspector_a)
        data = {
            "township": self.township_a.pk,
            "held_on": "2026-05-06",
            "kind": "meeting",
            "topic": "校园周边食品经营户集体约谈",
            "operators": [o.pk for o in self.ops],
            "interviewees": "2",
        }
        response = self.client.post(reverse("inspections:interview_create"), data)
        self.assertContains(response, "约谈人数不能少于被约谈单位数（3家）。")
        data["interviewees"] = "4"
        response = self.client.post(reverse("inspections:interview_create"), data)
        interview = Interview.objects.get()
        self.assertEqual(set(interview.operators.all()), set(self.ops))
        self.assertContains(self.client.get(interview.get_absolute_url()), "被约谈单位（3）")

    def test_a_search_lists_an_interview_once_however_many_of_its_operators_match(self):
        interview = InterviewFactory(township=self.township_a)
        for index, operator in enumerate(self.ops[:2]):
            operator.name = f"红星饭店{index}"
            operator.save()
        interview.operators.set(self.ops)
        self.login(self.inspector_a)
        response = self.client.get(reverse("inspections:interview_list"), {"q": "红星"})
        self.assertEqual(list(response.context["object_list"]), [interview])
        self.assertEqual(response.context["paginator"].count, 1)

    def test_another_townships_operator_cannot_be_covered(self):
        self.login(self.inspector_a)
        data = {
            "township": self.township_a.pk,
            "name": "端午节庙会",
            "start_date": "2026-06-19",
            "end_date": "2026-06-21",
            "operators": [self.ops[0].pk, self.op_b.pk],
            "diners": "0",
            "officers": "6",
        }
        response = self.client.post(reverse("inspections:majorevent_create"), data)
        self.assertIn("operators", response.context["form"].errors)
        self.assertFalse(MajorEvent.objects.exists())

    def test_events_assured_are_those_overlapping_the_period(self):
        MajorEventFactory(township=self.township_a, name="跨年活动", start_date=D(2025, 12, 30), end_date=D(2026, 1, 2))
        MajorEventFactory(township=self.township_a)
        MajorEventFactory(township=self.township_a, name="国庆", start_date=D(2026, 10, 1), end_date=D(2026, 10, 7))
        MajorEventFactory(township=self.township_b, name="乙镇活动")
        events = MajorEvent.objects.in_townships([self.township_a]).valid().between(*H1)
        self.assertEqual(sorted(e.name for e in events), ["2026年高考考点食品安全保障", "跨年活动"])
        with self.assertRaises(ValidationError) as caught:
            MajorEventFactory.build(township=self.township_a, end_date=D(2026, 6, 1)).full_clean()
        self.assertEqual(caught.exception.message_dict["end_date"], ["结束日期不能早于开始日期。"])

    def test_a_study_session_in_a_village_belongs_to_its_township(self):
        other_village = VillageFactory(township=self.township_b)
        session = StudySessionFactory.build(township=self.township_a, village=other_village)
        with self.assertRaises(ValidationError) as caught:
            session.full_clean()
        self.assertEqual(caught.exception.message_dict["village"], ["所选村不在该乡镇内。"])
