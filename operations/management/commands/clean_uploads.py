"""Delete uploads nothing refers to: abandoned import previews, and evidence files no row names.

A file no row names is left by a save that failed outside `files_kept_on_commit`, or by a crash
between writing the file and committing. Only files older than --hours are touched, so a save in
progress keeps its file. Run daily (deploy/systemd) or by hand; --dry-run lists without deleting.
"""

import datetime

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand

from inspections.models import InspectionAttachment, Rectification
from registry.ledgers.uploads import orphans
from registry.ledgers.views import discard_abandoned_imports

EVIDENCE_FOLDERS = ("inspections", "rectifications")


def referenced_names() -> set[str]:
    """Every file name a row or its audit trail names (a replaced file stays evidence)."""
    names = set()
    for model, field in ((InspectionAttachment, "file"), (Rectification, "evidence")):
        for manager in (model.objects, model.history):
            names.update(manager.exclude(**{field: ""}).values_list(field, flat=True).distinct())
    return names


class Command(BaseCommand):
    help = "删除无记录引用的上传文件和超时未确认的导入预览"

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=int, default=24, help="只删除早于这么多小时的文件（默认 24）")
        parser.add_argument("--dry-run", action="store_true", help="只列出，不删除")

    def handle(self, *args, hours, dry_run, **options):
        age = datetime.timedelta(hours=hours)
        stale = list(orphans(referenced_names(), EVIDENCE_FOLDERS, age))
        for name in stale:
            self.stdout.write(f"{'将删除' if dry_run else '已删除'}：{name}")
            if not dry_run:
                default_storage.delete(name)
        imports = 0 if dry_run else discard_abandoned_imports(age)
        self.stdout.write(f"无引用的上传文件 {len(stale)} 个，过期的导入预览 {imports} 个。")
