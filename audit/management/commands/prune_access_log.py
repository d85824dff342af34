"""python manage.py prune_access_log [--dry-run]: delete access-log entries older than
AUDIT_RETENTION_DAYS (at least 183 days, six months). Run it daily from cron or a systemd timer."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from audit.models import AccessEvent


class Command(BaseCommand):
    help = "删除超过保存期限（AUDIT_RETENTION_DAYS 天）的访问记录"

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="只统计，不删除")

    def handle(self, *args, **options):
        days = settings.AUDIT_RETENTION_DAYS
        cutoff = timezone.now() - datetime.timedelta(days=days)
        old = AccessEvent.objects.filter(at__lt=cutoff)
        before = f"保存期限 {days} 天：早于 {timezone.localtime(cutoff):%Y-%m-%d %H:%M} 的访问记录"
        if options["dry_run"]:
            self.stdout.write(f"{before}共 {old.count()} 条可删除（--dry-run，未删除）。")
            return
        # A queryset delete, not AccessEvent.delete (which refuses): this command is the one way out.
        deleted, _ = old.delete()
        self.stdout.write(f"{before}已删除 {deleted} 条。")
