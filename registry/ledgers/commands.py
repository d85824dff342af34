"""The shared body of the Excel import commands (import_operators, import_ledger)."""

from django.core.management.base import BaseCommand, CommandError

from registry.models import Township


class SheetImportCommand(BaseCommand):
    """Reads FILE for --township CODE with `sheet_class(options)`; all rows or none; --dry-run."""

    def add_arguments(self, parser):
        parser.add_argument("file", help="Excel 文件（.xlsx）")
        parser.add_argument("--township", required=True, help="乡镇代码，如 hongqiao")
        parser.add_argument("--dry-run", action="store_true", help="只检查，不保存")

    def sheet_class(self, options):
        raise NotImplementedError

    def handle(self, *args, **options):
        try:
            target = Township.objects.get(code=options["township"])
        except Township.DoesNotExist:
            codes = "、".join(Township.objects.values_list("code", flat=True)) or "（尚无乡镇）"
            raise CommandError(f"没有代码为“{options['township']}”的乡镇。可用代码：{codes}") from None
        sheet = self.sheet_class(options)(township=target)
        try:
            with open(options["file"], "rb") as handle:
                result = sheet.read(handle)
        except OSError as exc:
            raise CommandError(f"无法打开文件：{exc}") from None
        if not result.ok:
            for error in result.errors:
                self.stderr.write(str(error))
            raise CommandError(f"发现 {len(result.errors)} 处错误，未导入任何数据。")
        if options["dry_run"]:
            self.stdout.write(f"检查通过：{len(result.records)} 行可以导入到{target}（--dry-run，未保存）。")
            return
        sheet.save(result)
        self.stdout.write(self.style.SUCCESS(f"已导入 {len(result.records)} 条记录到{target}。"))
