"""Uploaded evidence: checked by content, stored under random names, downloaded only inside the
scope and as an attachment, never served from /media/, and not left behind by a failed save."""

import datetime
import io
import os
import zipfile

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from audit.models import AccessEvent
from inspections.models import Inspection, InspectionAttachment, Rectification
from registry.ledgers.uploads import MAX_FILE_BYTES, MAX_FILES, files_kept_on_commit, sniff
from tests.factories import UserFactory
from tests.inspections.base import InspectionFormTestCase
from tests.inspections.factories import InspectionFactory, RectificationFactory

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\0" * 64
PDF = b"%PDF-1.7\n" + b"\0" * 64
HTML = b"<!doctype html><script>fetch('/ledgers/inspections/export.xlsx')</script>"


def office_file(member):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(member, "<x/>")
    return buffer.getvalue()


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="image/jpeg")


class ContentCheckTests(InspectionFormTestCase):
    def test_kinds_are_told_by_their_bytes(self):
        cases = {
            "photo.jpg": (JPEG, "jpg"),
            "scan.png": (PNG, "png"),
            "record.pdf": (PDF, "pdf"),
            "note.docx": (office_file("word/document.xml"), "docx"),
            "list.xlsx": (office_file("xl/workbook.xml"), "xlsx"),
            "evidence.jpg": (HTML, None),  # an .html named .jpg
            "archive.docx": (office_file("payload.exe"), None),
        }
        for name, (content, kind) in cases.items():
            with self.subTest(name):
                self.assertEqual(sniff(upload(name, content)), kind)

    def test_an_html_evidence_is_refused_in_chinese_and_nothing_is_stored(self):
        self.login(self.inspector_a)
        response = self.create(self.post_data(attachments=upload("evidence.html", HTML)))
        self.assertContains(response, "不是允许上传的文件类型")
        self.assertContains(response, "evidence.html")
        self.assertFalse(Inspection.objects.exists())

    def test_too_many_or_too_large_files_are_refused(self):
        self.login(self.inspector_a)
        many = [upload(f"p{n}.png", PNG) for n in range(MAX_FILES + 1)]
        response = self.create(self.post_data(attachments=many))
        self.assertContains(response, f"一次最多上传 {MAX_FILES} 个文件")
        big = upload("big.jpg", JPEG + b"\0" * MAX_FILE_BYTES)
        response = self.create(self.post_data(attachments=big))
        self.assertContains(response, "超过 10 MB")
        self.assertFalse(Inspection.objects.exists())

    def test_rectification_evidence_is_checked_too(self):
        rectification = RectificationFactory(
            operator=self.restaurant,
            opened_on=timezone.localdate(),
            deadline=timezone.localdate() + datetime.timedelta(days=9),
        )
        self.login(self.inspector_a)
        url = reverse("inspections:rectification_close", args=[rectification.pk])
        data = {"day": timezone.localdate().isoformat(), "note": "已整改", "evidence": upload("x.png", HTML)}
        response = self.client.post(url, data)
        self.assertContains(response, "不是允许上传的文件类型")
        rectification.refresh_from_db()
        self.assertNotEqual(rectification.status, Rectification.Status.CLOSED)


class DownloadTests(InspectionFormTestCase):
    def setUp(self):
        self.inspection = InspectionFactory(operator=self.restaurant, inspected_on=datetime.date(2026, 3, 2))
        self.login(self.inspector_a)
        self.create(self.post_data(attachments=upload("后厨 照片.png", PNG)))
        self.attachment = InspectionAttachment.objects.get()

    def test_stored_under_a_random_name(self):
        name = self.attachment.file.name
        self.assertRegex(name, r"^inspections/\d{4}/\d{2}/[0-9a-f]{32}\.png$")
        self.assertEqual(self.attachment.caption, "后厨 照片.png")

    def test_downloaded_as_an_attachment_inside_the_scope(self):
        url = reverse("inspections:inspectionattachment_download", args=[self.attachment.pk])
        detail = self.client.get(self.attachment.inspection.get_absolute_url())
        self.assertContains(detail, url)
        self.assertNotContains(detail, "/media/")
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(b"".join(response.streaming_content), PNG)
        self.assertTrue(response["Content-Disposition"].startswith("attachment"))
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")
        self.assertEqual(response["Content-Type"], "image/png")
        self.assertTrue(AccessEvent.objects.filter(kind="download", what__contains="后厨 照片").exists())
        self.login(self.inspector_b)
        self.assertEqual(self.client.get(url).status_code, 404)
        self.client.logout()
        self.assertEqual(self.client.get(url).status_code, 302)

    def test_the_admin_links_a_file_to_its_download_page(self):
        download = reverse("inspections:inspectionattachment_download", args=[self.attachment.pk])
        self.assertEqual(self.attachment.file.url, download)
        for user in (self.admin, UserFactory(username="root", is_staff=True, is_superuser=True)):
            with self.subTest(user=user.username):
                self.login(user)
                page = reverse("admin:inspections_inspectionattachment_change", args=[self.attachment.pk])
                response = self.client.get(page)
                self.assertContains(response, f'href="{download}"')
                self.assertNotContains(response, "/media/")

    @override_settings(MEDIA_ACCEL_REDIRECT=True)
    def test_behind_nginx_the_file_is_sent_by_nginx(self):
        url = reverse("inspections:inspectionattachment_download", args=[self.attachment.pk])
        response = self.client.get(url)
        self.assertEqual(response["X-Accel-Redirect"], f"/protected-media/{self.attachment.file.name}")
        self.assertEqual(response.content, b"")
        self.assertTrue(response["Content-Disposition"].startswith("attachment"))

    @override_settings(DEBUG=True)
    def test_media_is_not_served_by_url(self):
        from django.urls import clear_url_caches

        clear_url_caches()
        self.assertEqual(self.client.get(f"/media/{self.attachment.file.name}").status_code, 404)

    def test_rectification_evidence_downloaded_inside_the_scope(self):
        rectification = RectificationFactory(
            operator=self.restaurant,
            opened_on=timezone.localdate(),
            deadline=timezone.localdate() + datetime.timedelta(days=9),
        )
        url = reverse("inspections:rectification_close", args=[rectification.pk])
        data = {"day": timezone.localdate().isoformat(), "note": "已整改", "evidence": upload("整改.pdf", PDF)}
        self.assertEqual(self.client.post(url, data).status_code, 302)
        rectification.refresh_from_db()
        self.assertRegex(rectification.evidence.name, r"^rectifications/\d{4}/\d{2}/[0-9a-f]{32}\.pdf$")
        download = reverse("inspections:rectification_evidence", args=[rectification.pk])
        self.assertContains(self.client.get(rectification.get_absolute_url()), download)
        response = self.client.get(download)
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertTrue(response["Content-Disposition"].startswith("attachment"))
        self.login(self.inspector_b)
        self.assertEqual(self.client.get(download).status_code, 404)


class CleanupTests(InspectionFormTestCase):
    def test_files_of_a_save_that_rolled_back_are_deleted(self):
        inspection = InspectionFactory(operator=self.restaurant)
        with self.assertRaises(RuntimeError), files_kept_on_commit():
            attachment = InspectionAttachment.objects.create(inspection=inspection, file=ContentFile(PNG, name="a.png"))
            name = attachment.file.name
            self.assertTrue(default_storage.exists(name))
            raise RuntimeError("the save fails after the file was written")
        self.assertFalse(default_storage.exists(name))

    def test_clean_uploads_removes_old_orphans_and_abandoned_imports(self):
        inspection = InspectionFactory(operator=self.restaurant)
        kept = InspectionAttachment.objects.create(inspection=inspection, file=ContentFile(PNG, name="a.png"))
        orphan = default_storage.save("inspections/2026/01/orphan.png", ContentFile(PNG))
        fresh_orphan = default_storage.save("inspections/2026/01/fresh.png", ContentFile(PNG))
        preview = default_storage.save("imports/abandoned.json", ContentFile(b"{}"))
        old = (timezone.now() - datetime.timedelta(hours=30)).timestamp()
        for name in (kept.file.name, orphan, preview):
            os.utime(default_storage.path(name), (old, old))
        call_command("clean_uploads", "--hours", "24", stdout=io.StringIO())
        self.assertTrue(default_storage.exists(kept.file.name))
        self.assertTrue(default_storage.exists(fresh_orphan))
        self.assertFalse(default_storage.exists(orphan))
        self.assertFalse(default_storage.exists(preview))
