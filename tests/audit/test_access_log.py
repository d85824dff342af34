"""Every login, failed login, lockout, logout, password change, export and download leaves one
access-log entry: who, when, what, from which address; entries are never changed."""

import io
import time
from pathlib import Path
from unittest import mock

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.test import TestCase, override_settings
from django.urls import reverse
from openpyxl import load_workbook

from audit.models import AccessEvent
from inspections.models import Inspection
from tests.base import CastTestCase
from tests.factories import OperatorFactory, UserFactory
from tests.inspections.factories import InspectionFactory

Kind = AccessEvent.Kind
PASSWORD = "pw-for-tests-123"


def files():
    """The export and download entries (a test's force_login is itself a login entry)."""
    return AccessEvent.objects.filter(kind__in=(Kind.EXPORT, Kind.DOWNLOAD))


def kinds():
    return list(AccessEvent.objects.order_by("pk").values_list("kind", "username"))


class LoginEventsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.user = UserFactory(username="wang", name="王红")

    def login(self, password, **extra):
        return self.client.post("/login/", {"username": "wang", "password": password}, **extra)

    def test_login_and_logout(self):
        self.login(PASSWORD, REMOTE_ADDR="10.1.2.3")
        self.client.post("/logout/", REMOTE_ADDR="10.1.2.3")

        self.assertEqual(kinds(), [(Kind.LOGIN, "wang"), (Kind.LOGOUT, "wang")])
        login = AccessEvent.objects.get(kind=Kind.LOGIN)
        self.assertEqual(login.user, self.user)
        self.assertEqual(login.address, "10.1.2.3")
        self.assertEqual(login.path, "/login/")

    def test_failed_login_keeps_the_name_typed_and_never_the_password(self):
        self.client.post("/login/", {"username": "nobody", "password": "secret-guess-1"}, REMOTE_ADDR="10.9.9.9")

        event = AccessEvent.objects.get()
        self.assertEqual(
            (event.kind, event.username, event.user, event.address), (Kind.LOGIN_FAILED, "nobody", None, "10.9.9.9")
        )
        self.assertNotIn("secret-guess-1", f"{event.what}{event.path}")

    def test_lockout_is_recorded(self):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            self.login("wrong-password")

        self.assertEqual(
            AccessEvent.objects.filter(kind=Kind.LOGIN_FAILED, username="wang").count(), settings.AXES_FAILURE_LIMIT
        )
        locked = AccessEvent.objects.get(kind=Kind.LOCKED_OUT)
        self.assertEqual((locked.username, locked.address), ("wang", "127.0.0.1"))

    def test_idle_logout_says_why(self):
        with mock.patch.object(time, "time", return_value=1_800_000_000):
            self.client.force_login(self.user)
            self.client.get("/")
        with mock.patch.object(time, "time", return_value=1_800_000_000 + settings.SESSION_IDLE_TIMEOUT + 1):
            self.client.get("/")

        event = AccessEvent.objects.get(kind=Kind.LOGOUT)
        self.assertEqual(event.what, "长时间未操作，自动退出")

    def test_password_change_is_recorded(self):
        self.client.force_login(self.user)
        self.client.post(
            "/password/",
            {"old_password": PASSWORD, "new_password1": "New-pass-2026", "new_password2": "New-pass-2026"},
        )
        self.assertEqual(kinds(), [(Kind.LOGIN, "wang"), (Kind.PASSWORD_CHANGE, "wang")])


class FileEventsTests(CastTestCase):
    def test_a_ledger_export_records_the_file_and_its_filters(self):
        OperatorFactory(township=self.township_a)
        self.login(self.inspector_a)

        response = self.client.get(reverse("registry:operator_export") + "?q=面馆", REMOTE_ADDR="192.168.0.7")

        self.assertEqual(response.status_code, 200)
        event = files().get()
        self.assertEqual((event.kind, event.user, event.address), (Kind.EXPORT, self.inspector_a, "192.168.0.7"))
        self.assertTrue(event.what.endswith(".xlsx"))
        self.assertIn("?q=", event.path)

    def test_a_figure_export_is_recorded(self):
        self.login(self.county_leader)
        response = self.client.get(reverse("reports:figures_xlsx"))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(files().get().kind, Kind.EXPORT)

    def test_a_pdf_download_is_recorded(self):
        inspection = InspectionFactory(operator=OperatorFactory(township=self.township_a, name="红星面馆"))
        self.login(self.inspector_a)

        response = self.client.get(reverse("inspections:inspection_pdf", args=[inspection.pk]))

        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertEqual(response["Content-Disposition"][:6], "inline")
        event = files().get()
        self.assertEqual(event.kind, Kind.DOWNLOAD)
        self.assertIn("红星面馆", event.what)
        self.assertTrue(event.what.endswith(".pdf"))

    def test_a_refused_download_records_nothing(self):
        inspection = InspectionFactory(operator=OperatorFactory(township=self.township_b))
        self.login(self.inspector_a)
        self.assertEqual(self.client.get(reverse("inspections:inspection_pdf", args=[inspection.pk])).status_code, 404)
        self.assertFalse(files().exists())
        self.assertTrue(Inspection.objects.exists())


def test_every_file_response_goes_through_the_audit_helper():
    """A view that sets Content-Disposition itself would hand out a file unrecorded."""
    offenders = []
    for path in Path(settings.BASE_DIR).glob("*/**/*.py"):
        if ".venv" in path.parts or "tests" in path.parts or path.match("audit/access.py"):
            continue
        text = path.read_text(encoding="utf-8")
        if "Content-Disposition" in text or "content_disposition_header" in text or "FileResponse" in text:
            offenders.append(str(path.relative_to(settings.BASE_DIR)))
    assert offenders == []


class ImmutableTests(TestCase):
    def test_an_entry_cannot_be_changed_or_deleted(self):
        event = AccessEvent.objects.create(kind=Kind.LOGIN, username="wang")
        event.what = "篡改"
        with self.assertRaises(PermissionDenied):
            event.save()
        with self.assertRaises(PermissionDenied):
            event.delete()
        self.assertEqual(AccessEvent.objects.get().what, "")


class ExportWorkbookTests(TestCase):
    def test_user_text_is_written_as_text_never_a_formula(self):
        auditor = UserFactory(username="shenji", role="审计员")
        self.client.force_login(auditor)
        AccessEvent.objects.create(kind=Kind.LOGIN_FAILED, username='=HYPERLINK("http://x","点击")')

        response = self.client.get("/audit/export.xlsx")

        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(rows[0], ("时间", "类型", "用户名", "姓名", "内容", "网址", "来源地址"))
        self.assertEqual(rows[1][1:3], ("登录失败", '=HYPERLINK("http://x","点击")'))  # newest first
        self.assertEqual(sheet["C2"].data_type, "s")
        self.assertEqual(rows[2][1:3], ("登录", "shenji"))
        # The export itself is an access.
        self.assertTrue(AccessEvent.objects.filter(kind=Kind.EXPORT, username="shenji").exists())


@override_settings(AUDIT_RETENTION_DAYS=200)
class PruneTests(TestCase):
    def test_entries_older_than_the_retention_are_removed(self):
        import datetime

        from django.core.management import call_command
        from django.utils import timezone

        now = timezone.now()
        old = AccessEvent.objects.create(kind=Kind.LOGIN, username="old", at=now - datetime.timedelta(days=201))
        kept = AccessEvent.objects.create(kind=Kind.LOGIN, username="kept", at=now - datetime.timedelta(days=199))

        out = io.StringIO()
        call_command("prune_access_log", "--dry-run", stdout=out)
        self.assertIn("共 1 条可删除", out.getvalue())
        self.assertEqual(AccessEvent.objects.count(), 2)

        out = io.StringIO()
        call_command("prune_access_log", stdout=out)
        self.assertIn("已删除 1 条", out.getvalue())
        self.assertEqual(list(AccessEvent.objects.values_list("pk", flat=True)), [kept.pk])
        self.assertFalse(AccessEvent.objects.filter(pk=old.pk).exists())
