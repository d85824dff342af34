import datetime

from django.core.exceptions import ValidationError
from django.urls import reverse

from inspections.models import Complaint, RuleParameter
from inspections.sheets import LEDGER_SHEETS
from tests.base import CastTestCase
from tests.factories import OperatorFactory
from tests.inspections.excel import ImportErrorTestCase
from tests.inspections.factories import CaseFactory, ComplaintFactory

D = datetime.date


class ComplaintDeadlineTests(CastTestCase):
    """Deadlines count working days on the Chinese calendar, from the day after receipt."""

    def test_a_report_received_before_national_day_is_due_after_it(self):
        # 15 working days from Monday 28 September 2026: the holiday (1–7 October) does not count and
        # Saturday 10 October, a make-up working day, does. Counting Monday to Friday would say 19 October.
        report = ComplaintFactory(township=self.township_a, kind="report", received_on=D(2026, 9, 28))
        self.assertEqual(report.deadline, D(2026, 10, 23))

    def test_closure_on_time_across_the_holiday(self):
        report = ComplaintFactory(township=self.township_a, kind="report", received_on=D(2026, 9, 28))
        report.closed_on, report.outcome = D(2026, 10, 22), "unfounded"
        report.save()
        self.assertIs(report.closed_on_time, True)
        report.closed_on = D(2026, 10, 26)
        report.save()
        self.assertIs(report.closed_on_time, False)

    def test_a_complaint_has_45_working_days(self):
        complaint = ComplaintFactory(township=self.township_a, received_on=D(2026, 5, 11))
        self.assertEqual(complaint.deadline, D(2026, 7, 14))  # the Dragon Boat Festival (19 June) is a holiday

    def test_the_rule_in_force_on_the_day_received_applies(self):
        RuleParameter.objects.create(key="report_days", value=10, effective_from=D(2026, 10, 1))
        before = ComplaintFactory(township=self.township_a, kind="report", received_on=D(2026, 9, 28))
        after = ComplaintFactory(township=self.township_a, kind="report", received_on=D(2026, 10, 12))
        self.assertEqual(before.deadline, D(2026, 10, 23))
        self.assertEqual(after.deadline, D(2026, 10, 26))

    def test_an_approved_extension_moves_the_deadline(self):
        report = ComplaintFactory(
            township=self.township_a,
            kind="report",
            received_on=D(2026, 9, 28),
            extended_to=D(2026, 11, 13),
            extension_reason="情况复杂，经负责人批准延长15个工作日",
            closed_on=D(2026, 11, 2),
            outcome="not_filed",
        )
        self.assertIs(report.closed_on_time, True)
        self.assertFalse(report.overdue_on(D(2026, 10, 30)))

    def test_an_open_complaint_past_its_deadline_is_overdue(self):
        report = ComplaintFactory(township=self.township_a, kind="report", received_on=D(2026, 9, 28))
        self.assertFalse(report.overdue_on(D(2026, 10, 23)))
        self.assertTrue(report.overdue_on(D(2026, 10, 24)))
        self.assertEqual(list(Complaint.objects.overdue(D(2026, 10, 24))), [report])
        self.assertEqual(report.state_today, "超期未办结")


class ComplaintRuleTests(CastTestCase):
    def assertInvalid(self, complaint, field, message):
        with self.assertRaises(ValidationError) as caught:
            complaint.full_clean()
        self.assertIn(message, " ".join(caught.exception.message_dict[field]))

    def complaint(self, **kwargs):
        return ComplaintFactory.build(township=self.township_a, **kwargs)

    def test_dates_in_order_and_a_closure_with_its_outcome(self):
        self.assertInvalid(
            self.complaint(closed_on=D(2026, 5, 1), outcome="mediated"), "closed_on", "办结日期不能早于受理日期。"
        )
        self.assertInvalid(self.complaint(closed_on=D(2026, 5, 20)), "outcome", "办结须选择办理结果。")
        self.assertInvalid(self.complaint(outcome="mediated"), "closed_on", "请填写办结日期")
        self.assertInvalid(
            self.complaint(closed_on=D(2026, 5, 20), outcome="case_filed"), "case", "办理结果为立案查处的，请选择案件。"
        )

    def test_an_extension_needs_its_reason_and_a_later_day(self):
        self.assertInvalid(self.complaint(extended_to=D(2026, 9, 1)), "extension_reason", "延期须填写理由。")
        self.assertInvalid(
            self.complaint(extended_to=D(2026, 7, 1), extension_reason="x"), "extended_to", "延期日期须晚于办结期限"
        )

    def test_the_subject_is_an_operator_or_a_name(self):
        self.assertInvalid(self.complaint(subject=""), "subject", "请选择被投诉举报单位或填写对象名称。")
        operator = OperatorFactory(township=self.township_b, village=self.village_b)
        complaint = self.complaint(subject="", operator=operator)
        complaint.full_clean()
        self.assertEqual((complaint.township, complaint.village), (self.township_b, self.village_b))


class ComplaintFigureTests(CastTestCase):
    """complaints and complaints_closed_on_time_pct for a period and township."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        a = cls.township_a
        # Received in 2026 H1 in township A: closed on time, closed late, open and overdue, open and not yet due.
        ComplaintFactory(township=a, received_on=D(2026, 3, 2), closed_on=D(2026, 3, 20), outcome="mediated")
        ComplaintFactory(
            township=a, kind="report", received_on=D(2026, 4, 1), closed_on=D(2026, 5, 15), outcome="unfounded"
        )
        ComplaintFactory(township=a, kind="report", received_on=D(2026, 5, 6))
        ComplaintFactory(township=a, received_on=D(2026, 6, 25))
        ComplaintFactory(township=a, received_on=D(2025, 12, 20), closed_on=D(2026, 1, 5), outcome="mediated")
        ComplaintFactory(township=a, received_on=D(2026, 2, 2)).void(by=cls.inspector_a, reason="重复录入")
        ComplaintFactory(
            township=cls.township_b, received_on=D(2026, 2, 2), closed_on=D(2026, 2, 10), outcome="mediated"
        )

    def figures(self, townships, start, end):
        complaints = Complaint.objects.in_townships(townships).valid().between(start, end)
        return (
            complaints.count(),
            complaints.closed_on_time_by(end).count(),
            complaints.due_by(end).count(),
            complaints.overdue(end).count(),
        )

    def test_first_half_of_2026_in_township_a(self):
        # 4 received; of the 3 whose timeliness is known on 30 June, 1 was closed on time.
        self.assertEqual(self.figures([self.township_a], D(2026, 1, 1), D(2026, 6, 30)), (4, 1, 3, 1))

    def test_the_county_adds_township_b(self):
        self.assertEqual(self.figures([self.township_a, self.township_b], D(2026, 1, 1), D(2026, 6, 30)), (5, 2, 4, 1))


class ComplaintPageTests(CastTestCase):
    def test_an_inspector_records_a_complaint_and_sees_its_deadline(self):
        self.login(self.inspector_a)
        data = {
            "township": self.township_a.pk,
            "kind": "report",
            "channel": "12345",
            "domain": "food",
            "received_on": "2026-09-28",
            "subject": "流动摊贩",
            "summary": "集市上销售三无食品",
        }
        response = self.client.post(reverse("inspections:complaint_create"), data, follow=True)
        complaint = Complaint.objects.get()
        self.assertEqual(complaint.deadline, D(2026, 10, 23))
        self.assertContains(response, "2026-10-23（受理之日起按工作日计算）")

    def test_a_case_from_another_township_is_not_offered(self):
        own, other = CaseFactory(township=self.township_a), CaseFactory(township=self.township_b)
        self.login(self.inspector_a)
        cases = list(self.client.get(reverse("inspections:complaint_create")).context["form"].fields["case"].queryset)
        self.assertEqual(cases, [own])
        self.assertNotIn(other, cases)

    def test_the_list_filters_overdue_complaints(self):
        overdue = ComplaintFactory(township=self.township_a, kind="report", received_on=D(2026, 5, 6))
        ComplaintFactory(
            township=self.township_a, received_on=D(2026, 5, 6), closed_on=D(2026, 5, 8), outcome="mediated"
        )
        self.login(self.inspector_a)
        response = self.client.get(reverse("inspections:complaint_list"), {"state": "overdue"})
        self.assertEqual(list(response.context["object_list"]), [overdue])


class ComplaintImportTests(ImportErrorTestCase):
    def test_complaint_rows(self):
        complaint = {
            "受理日期": "2026-05-11",
            "类别": "投诉",
            "来源渠道": "12315平台",
            "被投诉举报对象": "流动摊贩",
            "反映问题": "三无食品",
        }
        errors = self.errors(LEDGER_SHEETS["complaints"], [complaint, {**complaint, "办结日期": "2026-05-20"}])
        self.assertEqual(errors, ["第4行，“办理结果”列：办结须选择办理结果。"])
