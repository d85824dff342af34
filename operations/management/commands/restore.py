"""Restore a backup made by `backup`: the database and the uploaded files, then verify both.

    python manage.py restore /var/backups/foodsafe/2026-03-01-0200 [--force]

Refuses a database that already holds an office's data (users or counties) unless --force;
stop the app first (systemctl stop foodsafe), restore, run migrate if told to, start it again.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from operations.backup import (
    BackupError,
    check_backup,
    extra_media,
    office_data,
    pending_migrations,
    restore_backup,
    unknown_migrations,
    verify_restore,
)


class Command(BaseCommand):
    help = "从备份目录恢复数据库和上传的文件，并按清单逐表、逐文件核对"

    def add_arguments(self, parser):
        parser.add_argument("directory", help="备份目录（backup -o 生成的）")
        parser.add_argument("--force", action="store_true", help="数据库中已有数据时仍然恢复（覆盖全部数据）")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="数据库别名（默认 default）")

    def handle(self, *args, directory, force, database, **options):
        connection = connections[database]
        directory = Path(directory)
        media_root = Path(settings.MEDIA_ROOT)
        try:
            manifest = check_backup(directory)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        if manifest.engine != connection.vendor:
            raise CommandError(f"该备份来自 {manifest.engine} 数据库，当前连接的是 {connection.vendor}，无法直接恢复。")
        newer = unknown_migrations(manifest, connection)
        if newer:
            raise CommandError(
                f"该备份由较新版本的食安台账（{manifest.app_version}）生成，本程序不认识这些迁移："
                + "、".join(newer)
                + "。请先升级程序，再恢复。"
            )
        existing = office_data(connection)
        if existing and not force:
            found = "，".join(f"{table} {rows} 行" for table, rows in existing.items())
            raise CommandError(
                f"数据库 {connection.settings_dict['NAME']} 中已有数据（{found}）。"
                "恢复会用备份覆盖全部数据；确认无误请加 --force。"
            )

        self.stdout.write(f"正在恢复 {manifest.created_at} 的备份（{manifest.engine}，版本 {manifest.app_version}）……")
        try:
            restore_backup(directory, manifest, connection, media_root)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        problems = verify_restore(manifest, connection, media_root)
        if problems:
            raise CommandError("恢复后核对不符：\n" + "\n".join(f"  - {p}" for p in problems))

        tables, files = len(manifest.tables), len(manifest.media)
        done = f"恢复完成并已核对：{tables} 张表的行数、{files} 个文件的校验值均与备份一致。"
        self.stdout.write(self.style.SUCCESS(done))
        kept = extra_media(manifest, media_root)
        if kept:
            self.stdout.write(f"{media_root} 中另有 {len(kept)} 个备份里没有的文件，已保留未动。")
        pending = pending_migrations(connection)
        if pending:
            self.stdout.write(
                f"备份早于当前程序版本（{len(pending)} 个迁移未应用），请接着运行：python manage.py migrate"
            )
