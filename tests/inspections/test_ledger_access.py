"""Every ledger of this issue obeys the same scoping, roles, void-not-delete and period filters."""

import datetime
import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from tests.base import CastTestCase
from tests.factories import OperatorFactory
from tests.inspections import factories as f

D = datetime.date


def in_township(cast, township, day):
    """One record of each ledger in `township`, dated `day`."""
    village = cast.village_a if township == cast.township_a else cast.village_b
    operator = OperatorFactory(township=township)
    return {
        "sample": f.SampleFactory(operator=operator, sampled_on=day, report_date=day),
        "rapidtest": f.RapidTestFactory(operator=operator, tested_on=day),
        "case": f.CaseFactory(township=township, filed_on=day),
        "training": f.TrainingFactory(township=township, held_on=day),
        "interview": f.InterviewFactory(township=township, held_on=day),
        "publicityevent": f.PublicityEventFactory(township=township, held_on=day),
        "lecture": f.LectureFactory(township=township, held_on=day),
        "manualdistribution": f.ManualDistributionFactory(township=township, held_on=day),
        "studysession": f.StudySessionFactory(township=township, held_on=day),
        "complaint": f.ComplaintFactory(township=township, received_on=day),
        "banquet": f.BanquetFactory(village=village, held_on=day, reported_on=day),
        "majorevent": f.MajorEventFactory(township=township, start_date=day, end_date=day),
    }


class LedgerAccessTests(CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.own = in_township(cls, cls.township_a, D(2026, 4, 1))
        cls.other = in_township(cls, cls.township_b, D(2026, 4, 1))

    def test_an_inspector_sees_own_records_and_gets_404_for_others(self):
        self.login(self.inspector_a)
        for name, own in self.own.items():
            with self.subTest(name):
                listing = self.client.get(reverse(f"inspections:{name}_list"))
                self.assertEqual(list(listing.context["object_list"]), [own])
                self.assertEqual(self.client.get(own.get_absolute_url()).status_code, 200)
                self.assertEqual(self.client.get(reverse(f"inspections:{name}_create")).status_code, 200)
                other = self.other[name]
                for role in ("detail", "update", "void"):
                    url = reverse(f"inspections:{name}_{role}", args=[other.pk])
                    self.assertEqual(self.client.get(url).status_code, 404)
                response = self.client.post(reverse(f"inspections:{name}_void", args=[other.pk]), {"reason": "x"})
                self.assertEqual(response.status_code, 404)
                other.refresh_from_db()
                self.assertFalse(other.is_voided)

    def test_the_county_leader_reads_every_township(self):
        self.login(self.county_leader)
        for name in self.own:
            with self.subTest(name):
                listing = self.client.get(reverse(f"inspections:{name}_list"))
                self.assertEqual(len(listing.context["object_list"]), 2)

    def test_a_leader_reads_and_exports_but_does_not_record(self):
        self.login(self.leader_a)
        for name, own in self.own.items():
            with self.subTest(name):
                self.assertEqual(self.client.get(own.get_absolute_url()).status_code, 200)
                self.assertEqual(self.client.get(reverse(f"inspections:{name}_export")).status_code, 200)
                for role in ("create", "import"):
                    self.assertEqual(self.client.get(reverse(f"inspections:{name}_{role}")).status_code, 403)
                self.assertEqual(self.client.get(reverse(f"inspections:{name}_update", args=[own.pk])).status_code, 403)
                response = self.client.post(reverse(f"inspections:{name}_void", args=[own.pk]), {"reason": "x"})
                self.assertEqual(response.status_code, 403)

    def test_a_voided_record_stays_with_its_audit_trail_and_leaves_the_list(self):
        self.login(self.inspector_a)
        for name, own in self.own.items():
            with self.subTest(name):
                url = reverse(f"inspections:{name}_void", args=[own.pk])
                self.assertContains(self.client.post(url, {"reason": ""}), "这个字段是必填项")
                self.client.post(url, {"reason": "重复录入"})
                own.refresh_from_db()
                self.assertEqual((own.voided_by, own.void_reason), (self.inspector_a, "重复录入"))
                self.assertEqual(list(self.client.get(reverse(f"inspections:{name}_list")).context["object_list"]), [])
                voided = self.client.get(reverse(f"inspections:{name}_list"), {"voided": "1"})
                self.assertEqual(list(voided.context["object_list"]), [own])
                detail = self.client.get(own.get_absolute_url())
                self.assertEqual([e.action for e in detail.context["audit_trail"]], ["作废", "新建"])
                self.assertContains(detail, "本记录已作废：重复录入")


class LedgerPeriodTests(CastTestCase):
    """Lists and exports filter by the record's own date, and the query count does not grow with rows."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.spring = in_township(cls, cls.township_a, D(2026, 4, 1))
        cls.autumn = in_township(cls, cls.township_a, D(2026, 9, 1))

    def test_the_export_holds_only_the_period_asked_for(self):
        self.login(self.inspector_a)
        for name in self.spring:
            with self.subTest(name):
                url = reverse(f"inspections:{name}_export")
                whole = self.client.get(url)
                half = self.client.get(url, {"date_from": "2026-07-01", "date_to": "2026-12-31"})
                self.assertEqual((rows(whole), rows(half)), (2, 1))
                listing = self.client.get(reverse(f"inspections:{name}_list"), {"date_to": "2026-06-30"})
                self.assertEqual(list(listing.context["object_list"]), [self.spring[name]])

    def test_list_queries_do_not_grow_with_rows(self):
        self.login(self.inspector_a)
        counts = {}
        for name in self.spring:
            with CaptureQueriesContext(connection) as two:
                self.client.get(reverse(f"inspections:{name}_list"))
            counts[name] = len(two)
        in_township(self, self.township_a, D(2026, 5, 1))
        in_township(self, self.township_a, D(2026, 5, 2))
        for name in self.spring:
            with self.subTest(name), CaptureQueriesContext(connection) as four:
                self.client.get(reverse(f"inspections:{name}_list"))
            self.assertEqual(len(four), counts[name], name)

    def test_export_queries_do_not_grow_with_rows(self):
        self.login(self.inspector_a)
        counts = {}
        for name in self.spring:
            with CaptureQueriesContext(connection) as two:
                self.client.get(reverse(f"inspections:{name}_export"))
            counts[name] = len(two)
        in_township(self, self.township_a, D(2026, 5, 1))
        in_township(self, self.township_a, D(2026, 5, 2))
        for name in self.spring:
            with self.subTest(name), CaptureQueriesContext(connection) as four:
                self.client.get(reverse(f"inspections:{name}_export"))
            self.assertEqual(len(four), counts[name], name)

    def test_detail_pages_cost_the_same_queries_however_long_the_audit_trail(self):
        self.login(self.inspector_a)
        for name, record in self.spring.items():
            with self.subTest(name):
                url = record.get_absolute_url()
                with CaptureQueriesContext(connection) as first:
                    self.assertEqual(self.client.get(url).status_code, 200)
                for n in range(3):  # changed three times, by two users
                    record._history_user = self.inspector_a if n % 2 else self.leader_a
                    record._change_reason = f"第{n}次修改"
                    record.save()
                with CaptureQueriesContext(connection) as later:
                    self.client.get(url)
                self.assertEqual(len(later), len(first), name)


def rows(response):
    return len(list(load_workbook(io.BytesIO(response.content)).active.iter_rows(min_row=3)))
