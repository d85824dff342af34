"""Back up the database and the uploaded files into a new directory (see operations/backup.py).

python manage.py backup -o /var/backups/foodsafe/2026-03-01-0200
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from operations.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "备份数据库和上传的文件到一个新目录（含校验清单 manifest.json）"

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", required=True, help="备份目录（新建或空目录）")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="数据库别名（默认 default）")

    def handle(self, *args, output, database, **options):
        directory = Path(output)
        try:
            manifest = create_backup(directory, connections[database], Path(settings.MEDIA_ROOT))
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        rows = sum(manifest.tables.values())
        size = sum(meta["size"] for meta in manifest.media.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"备份完成：{directory}\n"
                f"  数据库（{manifest.engine}）：{len(manifest.tables)} 张表，共 {rows} 行\n"
                f"  上传文件：{len(manifest.media)} 个，共 {size / 1024 / 1024:.1f} MB"
            )
        )
