"""One definition per state: each queryset method agrees with its model method on every record,
on several days; and the home card, the list filter, the badge and the figure all count the same.

The records include the awkward ones: a closing date in the future (an import can bring one), a
deadline of today, a voided record, an extended deadline, a voided disposal.
"""

import datetime

from django.urls import reverse
from django.utils import timezone

from inspections.models import Complaint, Rectification, Sample
from reports import figures
from reports.figures import Period, Scope
from tests.base import CastTestCase
from tests.factories import OperatorFactory
from tests.inspections.factories import ComplaintFactory, RectificationFactory, SampleDisposalFactory, SampleFactory

TODAY = timezone.localdate()
DAYS = [
    TODAY - datetime.timedelta(days=10),
    TODAY - datetime.timedelta(days=1),
    TODAY,
    TODAY + datetime.timedelta(days=5),
]


def ago(days):
    return TODAY - datetime.timedelta(days=days)


class RectificationStateTests(CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        operator = OperatorFactory(township=cls.township_a)

        def make(**fields):
            return RectificationFactory(operator=operator, opened_on=ago(30), **fields)

        cls.records = {
            "open, late": make(deadline=ago(5)),
            "closing date in the future": make(
                deadline=ago(5), status="closed", closed_on=TODAY + datetime.timedelta(days=3)
            ),
            "closed yesterday, late": make(deadline=ago(5), status="closed", closed_on=ago(1)),
            "deadline today": make(deadline=TODAY),
            "reported, late": make(deadline=ago(3), status="reported", reported_on=ago(2)),
            "voided, late": make(deadline=ago(5), voided_at=timezone.now()),
            "opened later": RectificationFactory(operator=operator, opened_on=ago(2), deadline=ago(1)),
        }

    def test_querysets_and_model_methods_agree_on_every_day(self):
        pairs = [("open_on", "is_open_on"), ("overdue_on", "is_overdue_on"), ("closed_by", "is_closed_by")]
        for day in DAYS:
            for queryset_method, model_method in pairs:
                with self.subTest(day=day, state=queryset_method):
                    by_queryset = set(getattr(Rectification.objects, queryset_method)(day))
                    by_model = {r for r in self.records.values() if getattr(r, model_method)(day)}
                    self.assertEqual(by_queryset, by_model)

    def test_a_closing_date_in_the_future_is_not_a_closing_yet(self):
        record = self.records["closing date in the future"]
        self.assertTrue(record.is_overdue_on(TODAY))
        self.assertEqual(record.state_today, "overdue")
        self.assertIn(record, Rectification.objects.overdue_on(TODAY))

    def test_card_filter_badge_and_figure_count_the_same(self):
        expected = {
            self.records[k] for k in ("open, late", "closing date in the future", "reported, late", "opened later")
        }
        self.assertEqual(set(Rectification.objects.overdue_on(TODAY)), expected)
        self.login(self.inspector_a)
        home = self.client.get(reverse("home"))
        self.assertEqual(home.context["attention"]["overdue_rectifications"], len(expected))
        listing = self.client.get(reverse("inspections:rectification_list"), {"state": "overdue"})
        self.assertEqual(set(listing.context["object_list"]), expected)
        everything = self.client.get(reverse("inspections:rectification_list"))
        self.assertEqual(everything.content.decode().count('<i class="bi bi-alarm"></i> 逾期'), len(expected))
        value = figures.values(Scope.of([self.township_a]), Period(ago(60), TODAY), ["hazards_overdue"])
        self.assertEqual(value["hazards_overdue"].total, len(expected))
        unclosed = self.client.get(reverse("inspections:rectification_list"), {"state": "unclosed"})
        self.assertEqual(set(unclosed.context["object_list"]), set(Rectification.objects.open_on(TODAY)))


class ComplaintStateTests(CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()

        def make(**fields):
            if fields.get("closed_on"):
                fields["outcome"] = Complaint.Outcome.MEDIATED
            complaint = ComplaintFactory(township=cls.township_a, received_on=ago(60), **fields)
            # The deadline is computed on save from working days: set the one the case needs.
            Complaint.objects.filter(pk=complaint.pk).update(**fields)
            complaint.refresh_from_db()
            return complaint

        cls.records = {
            "open, late": make(deadline=ago(5)),
            "closing date in the future": make(deadline=ago(5), closed_on=TODAY + datetime.timedelta(days=2)),
            "closed on time": make(deadline=ago(5), closed_on=ago(6)),
            "closed late": make(deadline=ago(5), closed_on=ago(1)),
            "extended, open": make(deadline=ago(5), extended_to=TODAY + datetime.timedelta(days=10)),
            "deadline today": make(deadline=TODAY),
        }

    def test_querysets_and_model_methods_agree_on_every_day(self):
        for day in DAYS:
            with self.subTest(day=day):
                self.assertEqual(
                    set(Complaint.objects.overdue(day)), {c for c in self.records.values() if c.overdue_on(day)}
                )
                self.assertEqual(
                    set(Complaint.objects.open_on(day)), {c for c in self.records.values() if c.is_open_on(day)}
                )

    def test_filter_and_badge_agree(self):
        self.login(self.inspector_a)
        states = {"overdue": "超期未办结", "open": None, "on_time": "按时办结", "late": "超期办结"}
        for value, label in states.items():
            with self.subTest(value):
                listing = self.client.get(reverse("inspections:complaint_list"), {"state": value})
                shown = set(listing.context["object_list"])
                if label:
                    self.assertEqual(shown, {c for c in self.records.values() if c.state_today == label})
                else:
                    self.assertEqual(shown, {c for c in self.records.values() if c.is_open_on(TODAY)})
        self.assertEqual(self.records["closing date in the future"].state_today, "超期未办结")


class DisposalStateTests(CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        operator = OperatorFactory(township=cls.township_a)

        def failed(**fields):
            return SampleFactory(
                operator=operator,
                failed=True,
                sampled_on=ago(20),
                report_date=ago(15),
                disposal_deadline=ago(5),
                **fields,
            )

        cls.records = {
            "no disposal, late": failed(),
            "done": SampleDisposalFactory(sample=failed(), completed_on=ago(6)).sample,
            "done by a voided disposal": SampleDisposalFactory(
                sample=failed(), completed_on=ago(6), voided_at=timezone.now()
            ).sample,
            "done in the future": SampleDisposalFactory(
                sample=failed(), completed_on=TODAY + datetime.timedelta(days=2)
            ).sample,
            "extended": SampleDisposalFactory(sample=failed(), extended_to=TODAY + datetime.timedelta(days=9)).sample,
            "passed": SampleFactory(operator=operator, sampled_on=ago(20), report_date=ago(15)),
        }

    def test_querysets_and_model_methods_agree_on_every_day(self):
        pairs = [
            ("disposal_overdue", "disposal_overdue_on"),
            ("disposal_open_on", "disposal_open_on"),
            ("disposal_completed_by", "disposal_completed_on"),
        ]
        for day in DAYS:
            for queryset_method, model_method in pairs:
                with self.subTest(day=day, state=queryset_method):
                    records = [Sample.objects.select_related("disposal").get(pk=s.pk) for s in self.records.values()]
                    by_model = {s for s in records if getattr(s, model_method)(day)}
                    self.assertEqual(set(getattr(Sample.objects, queryset_method)(day)), by_model)

    def test_filter_badge_and_figure_agree(self):
        self.login(self.inspector_a)
        for value, label in (("overdue", "逾期未处置"), ("done", "已完成处置")):
            with self.subTest(value):
                listing = self.client.get(reverse("inspections:sample_list"), {"disposal": value})
                shown = set(listing.context["object_list"])
                self.assertEqual(shown, {s for s in self.records.values() if s.disposal_state_today == label})
        value = figures.values(Scope.of([self.township_a]), Period(ago(60), TODAY), ["failed_disposed"])
        self.assertEqual(value["failed_disposed"].total, 1)
