"""Section 5 (duty of care, training, publicity, the public): values counted by hand.

甲镇 2025: trainings of 40 and 35 (and one of 2024 with 99); an interview of 12 (and a voided one);
manuals 200 + 100; a school lecture and a public lecture; publicity 500 + 300 leaflets, 80 + 20
questions; one study session. Complaints: cp1 received 2025-03-02, closed 2025-03-20 (in time);
cp2 received 2025-12-01, open, not yet due; cp3 received 2025-01-06, closed 2025-06-30 (late);
cp4 a 举报 received 2025-11-03, still open at the year end and past its 15 working days.
Banquets: 200 guests checked on site, 80 guests not checked (2025), one of 2024.
Events: 元旦 2024-12-30 to 2025-01-02, 高考 2025-06-07 to 06-09, one in 2026.
"""

import datetime

from inspections.models import Complaint, Lecture
from reports.figures import Period, Scope
from tests.base import CastTestCase
from tests.inspections.factories import (
    BanquetFactory,
    ComplaintFactory,
    InterviewFactory,
    LectureFactory,
    MajorEventFactory,
    ManualDistributionFactory,
    PublicityEventFactory,
    StudySessionFactory,
    TrainingFactory,
)

from .figure_checks import FigureAssertions

D = datetime.date
YEAR = Period.year(2025)


class ActivityFiguresTests(FigureAssertions, CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        a, b = cls.township_a, cls.township_b
        TrainingFactory(township=a, held_on=D(2025, 1, 1), attendees=40)
        TrainingFactory(township=a, held_on=D(2025, 12, 31), attendees=35)
        TrainingFactory(township=a, held_on=D(2024, 12, 31), attendees=99)
        TrainingFactory(township=b, held_on=D(2025, 5, 1), attendees=10)
        InterviewFactory(township=a, held_on=D(2025, 2, 1), interviewees=12)
        InterviewFactory(township=a, held_on=D(2025, 2, 2), interviewees=30).void(by=cls.inspector_a, reason="重复")
        ManualDistributionFactory(township=a, held_on=D(2025, 3, 1), copies=200)
        ManualDistributionFactory(township=a, held_on=D(2025, 9, 1), copies=100)
        LectureFactory(township=a, held_on=D(2025, 4, 1), kind=Lecture.Kind.SCHOOL)
        LectureFactory(township=a, held_on=D(2025, 4, 2), kind=Lecture.Kind.PUBLIC)
        PublicityEventFactory(township=a, held_on=D(2025, 6, 1), materials=500, consultations=80)
        PublicityEventFactory(township=a, held_on=D(2025, 6, 15), materials=300, consultations=20)
        StudySessionFactory(township=a, held_on=D(2025, 7, 1))

        ComplaintFactory(township=a, received_on=D(2025, 3, 2), closed_on=D(2025, 3, 20), outcome="mediated")
        ComplaintFactory(township=a, received_on=D(2025, 12, 1))
        ComplaintFactory(township=a, received_on=D(2025, 1, 6), closed_on=D(2025, 6, 30), outcome="mediated")
        ComplaintFactory(township=a, kind=Complaint.Kind.REPORT, received_on=D(2025, 11, 3))

        BanquetFactory(
            village=cls.village_a, reported_on=D(2025, 4, 1), held_on=D(2025, 4, 6), guests=200, inspected=True
        )
        BanquetFactory(village=cls.village_a, reported_on=D(2025, 8, 1), held_on=D(2025, 8, 8), tables=8, guests=80)
        BanquetFactory(village=cls.village_a, reported_on=D(2024, 8, 1), held_on=D(2024, 8, 8))

        MajorEventFactory(township=a, name="元旦", start_date=D(2024, 12, 30), end_date=D(2025, 1, 2), place="镇区")
        MajorEventFactory(township=a, name="高考", start_date=D(2025, 6, 7), end_date=D(2025, 6, 9), place="中学")
        MajorEventFactory(township=a, name="2026年春节", start_date=D(2026, 1, 20), end_date=D(2026, 1, 30))

    def test_training_publicity_and_duty_of_care(self):
        self.assertFigures(
            Scope.township(self.township_a),
            YEAR,
            {
                "trainings": 2,
                "trainees": 75,
                "interviews": 1,
                "interviewees": 12,
                "manuals_distributed": 300,
                "school_lectures": 1,
                "lectures_public": 1,
                "publicity_events": 2,
                "materials_distributed": 800,
                "consultations": 100,
                "staff_study_sessions": 1,
            },
        )

    def test_complaints_closed_on_time(self):
        self.assertFigures(
            Scope.township(self.township_a),
            YEAR,
            {
                "complaints": 4,
                "complaints_closed_on_time": 1,
                "complaints_due": 3,
                "complaints_closed_on_time_pct": 33.3,
            },
        )

    def test_banquets_and_events(self):
        self.assertFigures(
            Scope.township(self.township_a),
            YEAR,
            {
                "collective_dinners": 2,
                "dinner_guests": 280,
                "dinners_inspected": 1,
                "events_assured": [
                    {"name": "元旦", "start_date": "2024-12-30", "end_date": "2025-01-02", "place": "镇区"},
                    {"name": "高考", "start_date": "2025-06-07", "end_date": "2025-06-09", "place": "中学"},
                ],
            },
        )

    def test_county(self):
        self.assertFigures(Scope.county(self.county), YEAR, {"trainings": 3, "trainees": 85})
