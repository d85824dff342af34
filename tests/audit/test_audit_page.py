"""The audit page: the 审计员 reads the access log and the record changes, with filters and an
export, and nothing else; no other role reads the audit trail."""

import datetime

from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from audit.models import AccessEvent
from registry.models import Operator
from registry.roles import ADMIN, AUDITOR, INSPECTOR
from tests.base import CastTestCase
from tests.factories import OperatorFactory, UserFactory

Kind = AccessEvent.Kind
AUDIT_PAGES = ("/audit/", "/audit/changes/", "/audit/export.xlsx")


class AuditorTests(CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.auditor = UserFactory(username="shenji", name="审计员甲", role=AUDITOR, county=cls.county)
        now = timezone.now()
        AccessEvent.objects.create(kind=Kind.LOGIN, username="inspector_a", user=cls.inspector_a, address="10.0.0.8")
        AccessEvent.objects.create(
            kind=Kind.LOGIN_FAILED, username="inspector_a", address="10.0.0.9", at=now - datetime.timedelta(days=3)
        )
        AccessEvent.objects.create(kind=Kind.EXPORT, username="leader_a", what="食品生产经营者_20261201.xlsx")

    def test_the_auditor_reads_the_audit_pages(self):
        self.login(self.auditor)
        for path in AUDIT_PAGES:
            self.assertEqual(self.client.get(path).status_code, 200, path)
        page = self.client.get("/audit/")
        self.assertContains(page, "登录失败")
        self.assertContains(page, "食品生产经营者_20261201.xlsx")
        self.assertContains(page, "10.0.0.8")

    def test_the_auditors_first_page_is_the_audit_page(self):
        self.login(self.auditor)
        self.assertRedirects(self.client.get("/"), "/audit/")
        page = self.client.get("/audit/")
        self.assertNotContains(page, "登记台账")  # no menu of pages it cannot open

    def test_the_auditor_reads_nothing_else(self):
        operator = OperatorFactory(township=self.township_a)
        self.login(self.auditor)
        for path in (
            reverse("registry:operator_list"),
            reverse("registry:operator_detail", args=[operator.pk]),
            reverse("registry:operator_export"),
            reverse("registry:operator_create"),
            reverse("inspections:inspection_list"),
            reverse("reports:figure_list"),
            reverse("reports:figures_xlsx"),
            reverse("reports:report_list"),
            reverse("reports:dashboard"),
        ):
            self.assertIn(self.client.get(path).status_code, (403, 404), path)
        self.assertEqual(self.client.get("/admin/").status_code, 302)  # not staff: the admin's login

    def test_no_other_role_reads_the_audit_trail(self):
        for user in (self.inspector_a, self.leader_a, self.county_leader, self.admin):
            self.login(user)
            for path in AUDIT_PAGES:
                self.assertEqual(self.client.get(path).status_code, 403, (user.username, path))
            self.assertNotContains(self.client.get(reverse("registry:operator_list")), 'href="/audit/"')

    def test_filters(self):
        self.login(self.auditor)
        today = timezone.localdate()

        def rows(query):
            return list(self.client.get("/audit/?" + query).context["object_list"])

        self.assertEqual([e.kind for e in rows("kind=login_failed")], [Kind.LOGIN_FAILED])
        self.assertEqual(len(rows("username=INSPECTOR_A")), 2)
        self.assertEqual(len(rows("address=10.0.0.8")), 1)
        # Today: the login of inspector_a, the export, and this test's own login as the auditor.
        self.assertEqual(len(rows(f"at_from={today:%Y-%m-%d}")), 3)
        self.assertEqual(len(rows(f"at_to={today - datetime.timedelta(days=1):%Y-%m-%d}")), 1)
        self.assertEqual(len(rows("q=食品生产")), 1)

    def test_the_export_follows_the_filters(self):
        self.login(self.auditor)
        response = self.client.get("/audit/export.xlsx?kind=login_failed")
        self.assertEqual(response.status_code, 200)
        from io import BytesIO

        from openpyxl import load_workbook

        rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
        self.assertEqual([row[1] for row in rows[1:]], ["登录失败"])


class ChangesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.auditor = UserFactory(username="shenji", role=AUDITOR)
        cls.clerk = UserFactory(username="clerk", name="李明", role=INSPECTOR)
        cls.operator = OperatorFactory(name="红星面馆")
        operator = Operator.objects.get(pk=cls.operator.pk)
        operator._history_user = cls.clerk
        operator.phone = "13800000000"
        operator.address = "红桥村1号"
        operator.save()

    def test_changes_of_every_ledger_with_who_and_what(self):
        self.client.force_login(self.auditor)
        response = self.client.get("/audit/changes/")

        rows = response.context["rows"]
        change = next(row for row in rows if row.action == "修改" and row.ledger == "食品生产经营者")
        self.assertEqual(change.who, "李明")
        self.assertEqual(change.record, "红星面馆")
        self.assertIn("联系电话", change.fields)
        self.assertIn("经营地址", change.fields)
        self.assertContains(response, "红星面馆")

    def test_filters(self):
        self.client.force_login(self.auditor)

        def rows(query):
            return self.client.get("/audit/changes/?" + query).context["rows"]

        self.assertEqual([r.action for r in rows("ledger=registry.historicaloperator&action=~")], ["修改"])
        self.assertEqual([r.who for r in rows("username=clerk")], ["李明"])
        self.assertEqual(rows("date_to=2000-01-01"), [])

    def test_the_cost_of_a_page_does_not_grow_with_the_history(self):
        self.client.force_login(self.auditor)
        self.client.get("/audit/changes/")  # the session's first request stores its last-seen time
        # session, user, 2× permissions, the page, its ledger's rows, the user's roles (menu).
        with self.assertNumQueries(7):
            self.client.get("/audit/changes/?ledger=registry.historicaloperator&action=%2B")
        for _ in range(5):
            OperatorFactory()
        with self.assertNumQueries(7):
            self.client.get("/audit/changes/?ledger=registry.historicaloperator&action=%2B")


class RoleTests(TestCase):
    def test_the_auditor_holds_only_the_audit_permission_and_the_admin_not_that(self):
        auditor = UserFactory(role=AUDITOR)
        admin = UserFactory(role=ADMIN)
        self.assertEqual(auditor.get_all_permissions(), {"audit.view_accessevent"})
        self.assertNotIn("audit.view_accessevent", admin.get_all_permissions())
