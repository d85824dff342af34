"""Print every figure of the catalogue for a township or a county and a period.

The same numbers as the dashboard, the summaries and the statistics workbook, for checking a
report by hand or feeding another system: a table by default, `--json` for one object mapping
each figure key to its value, `--xlsx FILE` for the statistics workbook.
"""

import datetime
import json

from django.core.management.base import BaseCommand, CommandError

from registry.models import County, Township
from reports import exports
from reports import figures as catalogue


def iso_date(text):
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"日期格式应为 YYYY-MM-DD：{text}") from None


class Command(BaseCommand):
    help = "按乡镇或县和日期范围输出全部统计指标（表格、--json 或 --xlsx）。"

    def add_arguments(self, parser):
        where = parser.add_mutually_exclusive_group(required=True)
        where.add_argument("--township", help="乡镇代码")
        where.add_argument("--county", help="县代码（全县所有乡镇）")
        parser.add_argument("--from", dest="start", required=True, type=iso_date, help="开始日期 YYYY-MM-DD")
        parser.add_argument("--to", dest="end", required=True, type=iso_date, help="结束日期 YYYY-MM-DD")
        parser.add_argument("--json", action="store_true", help="输出 JSON：指标代码 → 数值")
        parser.add_argument("--xlsx", metavar="FILE", help="另存统计指标 Excel 文件")

    def handle(self, *args, township=None, county=None, start, end, **options):
        if end < start:
            raise CommandError("结束日期不能早于开始日期。")
        if township:
            found = Township.objects.filter(code=township).first()
            if found is None:
                raise CommandError(f"没有代码为“{township}”的乡镇。")
            scope = catalogue.Scope.township(found)
        else:
            found = County.objects.filter(code=county).first()
            if found is None:
                raise CommandError(f"没有代码为“{county}”的县。")
            scope = catalogue.Scope.county(found)
        period = catalogue.Period(start, end)
        values = catalogue.values(scope, period)
        if options["xlsx"]:
            with open(options["xlsx"], "wb") as handle:
                handle.write(exports.figures_workbook(scope, period))
        if options["json"]:
            self.stdout.write(
                json.dumps({key: value.json for key, value in values.items()}, ensure_ascii=False, indent=2)
            )
            return
        self.stdout.write(f"{scope.label} {period.label}（{start:%Y-%m-%d}至{end:%Y-%m-%d}）")
        section = None
        for value in values.values():
            figure = value.figure
            if figure.section != section:
                section = figure.section
                self.stdout.write(f"\n{catalogue.SECTIONS[section]}")
            if value.rows is None:
                self.stdout.write(f"  {figure.label}：{value.display} {figure.unit}")
                continue
            self.stdout.write(f"  {figure.label}：{value.display} {figure.unit}")
            for row in value.rows:
                cells = "，".join(
                    catalogue.display_number(row[key]) if not isinstance(row[key], str) else row[key]
                    for key, _ in figure.columns
                )
                self.stdout.write(f"    - {cells}")
