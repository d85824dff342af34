"""The shared body of the Excel import commands (import_operators, import_ledger)."""

from django.core.management.base import BaseCommand, CommandError

from registry.models import Township


class SheetImportCommand(BaseCommand):
    """Reads FILE for --township CODE with `sheet_class(options)`; all rows or none; --dry-run."""

    def add_arguments(self, parser):
        parser.add_argument("file", help="Excel 文件（.xlsx）")
        parser.add_argument("--township", required=True, help="乡镇代码，如 hongqiao")
        parser.add_argument("--dry-run", action="store_true", help="只检查，不保存")
        parser.add_argument(
            "--accept-ignored-columns",
            action="store_true",
            help="确认表格中不认识的列（有内容）不导入；不加此项时有这样的列则不导入",
        )

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
        if result.sheet_name and (options["verbosity"] > 1 or not result.ok or result.ignored_columns):
            # Where the rows came from, beside the errors (or on request): not part of a clean run's output.
            where = f"读取工作表“{result.sheet_name}”，表头在第{result.header_row}行，共{result.data_rows}行数据。"
            (self.stdout if result.ok and options["verbosity"] > 1 else self.stderr).write(where)
        if not result.ok:
            for line in result.error_lines:
                self.stderr.write(str(line))
            raise CommandError(f"发现 {len(result.errors)} 处错误，未导入任何数据。")
        if result.ignored_columns:
            labels = "、".join(column.label for column in result.ignored_columns)
            if not options["accept_ignored_columns"]:
                raise CommandError(
                    f"以下列不是本台账的列，其内容不会导入：{labels}。"
                    "请改正表头，或加 --accept-ignored-columns 确认不导入这些列。未导入任何数据。"
                )
            self.stdout.write(f"按确认不导入：{labels}")
        if options["dry_run"]:
            self.stdout.write(f"检查通过：{len(result.records)} 行可以导入到{target}（--dry-run，未保存）。")
            return
        sheet.save(result)
        self.stdout.write(self.style.SUCCESS(f"已导入 {len(result.records)} 条记录到{target}。"))
