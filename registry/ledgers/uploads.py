"""Uploaded evidence (photos, scans, documents): checked by content, stored under random names,
served only through a view that checks the record's scope, and never left behind by a rollback.

- `check_file` reads the first bytes (and, for a zip, its member names): a photo (JPEG, PNG, WebP,
  HEIC), a PDF, a Word or Excel file; anything else (an .html named .jpg, an .exe) is refused in
  Chinese, whatever its name or the browser's content type says.
- The stored name is random (`stored_name`); the extension comes from the content.
- `protected_download` answers as an attachment with nosniff, through nginx's X-Accel-Redirect
  when `MEDIA_ACCEL_REDIRECT` is set (deploy/nginx/foodsafe.conf), else streamed by Django.
- `UploadStorage` (the default storage) notes each file it writes inside `files_kept_on_commit()`;
  if that block rolls back, the files are deleted. `manage.py clean_uploads` removes the rest:
  files no row names and abandoned import previews, older than a few hours.
"""

import contextlib
import contextvars
import datetime
import os
import uuid
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.http import Http404
from django.utils import timezone

from audit.access import stored_file_response

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_FILES = 10
ACCEL_PREFIX = "/protected-media/"

# extension → (what the user is told, content type)
KINDS = {
    "jpg": ("JPG 照片", "image/jpeg"),
    "png": ("PNG 图片", "image/png"),
    "webp": ("WebP 图片", "image/webp"),
    "heic": ("HEIC 照片", "image/heic"),
    "pdf": ("PDF", "application/pdf"),
    "docx": ("Word", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": ("Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}
# The file picker's hint only; the server decides by content.
UPLOAD_ACCEPT = "image/jpeg,image/png,image/webp,image/heic,.heic,application/pdf,.docx,.xlsx"
ALLOWED_TEXT = "照片（JPG/PNG/WebP/HEIC）、PDF、Word（.docx）或 Excel（.xlsx）"
HEIC_BRANDS = (b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1")


def sniff(upload) -> str | None:
    """The kind of file by its bytes (a key of KINDS), or None."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[4:8] == b"ftyp" and head[8:12] in HEIC_BRANDS:
        return "heic"
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        finally:
            upload.seek(0)
        if "[Content_Types].xml" in names:
            if "word/document.xml" in names:
                return "docx"
            if "xl/workbook.xml" in names:
                return "xlsx"
    return None


def check_file(upload) -> str:
    """The file's kind, or a ValidationError in Chinese; renames the upload to its content's extension."""
    name = os.path.basename(upload.name or "")
    if upload.size > MAX_FILE_BYTES:
        raise ValidationError(f"“{name}”超过 {MAX_FILE_BYTES // (1024 * 1024)} MB，请压缩后再上传。")
    kind = sniff(upload)
    if kind is None:
        raise ValidationError(f"“{name}”不是允许上传的文件类型。只能上传{ALLOWED_TEXT}。")
    upload.original_name = name
    upload.name = f"upload.{kind}"
    return kind


def check_files(uploads) -> list:
    if len(uploads) > MAX_FILES:
        raise ValidationError(f"一次最多上传 {MAX_FILES} 个文件（选择了 {len(uploads)} 个）。")
    errors = []
    for upload in uploads:
        try:
            check_file(upload)
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError(errors)
    return uploads


def stored_name(folder: str, filename: str) -> str:
    """`folder/YYYY/MM/<random>.<ext>`: nothing of the user's file name reaches the disk."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    extension = extension if extension in KINDS else "bin"
    return f"{folder}/{timezone.localdate():%Y/%m}/{uuid.uuid4().hex}.{extension}"


def protected_download(request, fieldfile, download_name: str):
    """The file as a download (never shown inline), after the caller checked the record's scope."""
    if not fieldfile:
        raise Http404
    extension = fieldfile.name.rsplit(".", 1)[-1].lower()
    content_type = KINDS.get(extension, (None, "application/octet-stream"))[1]
    if not download_name.lower().endswith(f".{extension}"):
        download_name = f"{download_name}.{extension}"
    accel_prefix = ACCEL_PREFIX if settings.MEDIA_ACCEL_REDIRECT else None
    response = stored_file_response(
        request, fieldfile.storage, fieldfile.name, download_name, content_type, accel_prefix=accel_prefix
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


_written = contextvars.ContextVar("uploads_written", default=None)


class UploadStorage(FileSystemStorage):
    """MEDIA_ROOT on disk; remembers the names written inside `files_kept_on_commit()`."""

    def _save(self, name, content):
        name = super()._save(name, content)
        written = _written.get()
        if written is not None:
            written.append(name)
        return name


@contextlib.contextmanager
def files_kept_on_commit():
    """transaction.atomic() whose uploaded files are deleted again when it rolls back."""
    written = []
    token = _written.set(written)
    try:
        with transaction.atomic():
            yield
    except BaseException:
        for name in written:
            default_storage.delete(name)
        raise
    finally:
        _written.reset(token)


def orphans(referenced: set[str], folders, older_than: datetime.timedelta):
    """Files under `folders` that no row names, written more than `older_than` ago."""
    cutoff = timezone.now() - older_than
    for folder in folders:
        yield from _walk(folder, referenced, cutoff)


def _walk(folder, referenced, cutoff):
    try:
        directories, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        path = f"{folder}/{name}"
        if path not in referenced and default_storage.get_modified_time(path) < cutoff:
            yield path
    for directory in directories:
        yield from _walk(f"{folder}/{directory}", referenced, cutoff)


class ProtectedFieldFile(FieldFile):
    """A stored upload whose `url` is its record's download page, which checks the user's scope.
    Files are never served from MEDIA_URL, so a link there (the admin's) would be dead."""

    @property
    def url(self):
        self._require_file()
        return self.instance.download_url(self.field.name)


class ProtectedFileField(models.FileField):
    """A FileField of a record with `download_url(field_name)`: its files link to that page."""

    attr_class = ProtectedFieldFile
