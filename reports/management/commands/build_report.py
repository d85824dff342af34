"""Write a year-end or half-year summary from the ledgers, as HTML, PDF, Word or Excel.

The same document the 报告 page drafts, with the office's sections at their starting text:
    python manage.py build_report --kind annual --year 2026 --township hongqiao --format pdf -o 红桥镇.pdf
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from registry.models import County, Township
from reports.figures import Period, Scope
from reports.summaries.compose import Spec, Summary, default_texts, title_for

FORMATS = ("html", "pdf", "docx", "xlsx")


class Command(BaseCommand):
    help = "由台账生成乡镇或全县的年度/半年食品安全工作总结（html、pdf、docx 或 xlsx）。"

    def add_arguments(self, parser):
        parser.add_argument("--kind", choices=("annual", "half-year"), default="annual", help="年度或半年总结")
        parser.add_argument("--year", type=int, required=True, help="年度，如 2026")
        parser.add_argument("--half", type=int, choices=(1, 2), default=1, help="半年总结：1 上半年，2 下半年")
        where = parser.add_mutually_exclusive_group(required=True)
        where.add_argument("--township", help="乡镇代码")
        where.add_argument("--county", help="县代码（全县工作总结）")
        parser.add_argument("--format", choices=FORMATS, default="pdf", help="输出格式")
        parser.add_argument("-o", "--output", required=True, metavar="FILE", help="输出文件")

    def handle(self, *args, kind, year, half, township, county, format, output, **options):
        if not 2000 <= year <= timezone.localdate().year + 1:
            raise CommandError(f"年度超出范围：{year}")
        if township:
            place = Township.objects.filter(code=township).first()
            if place is None:
                raise CommandError(f"没有代码为“{township}”的乡镇。")
            scope = Scope.township(place)
        else:
            place = County.objects.filter(code=county).first()
            if place is None:
                raise CommandError(f"没有代码为“{county}”的县。")
            scope = Scope.county(place)
        half_year = kind == "half-year"
        period = Period.half_year(year, half) if half_year else Period.year(year)
        summary = Summary(
            Spec(
                scope=scope,
                period=period,
                place=place,
                title=title_for(place, period),
                half_year=half_year,
                texts=default_texts(place, period, county=scope.is_county),
            )
        )
        content = summary.render(format)
        with open(output, "wb") as handle:
            handle.write(content)
        self.stdout.write(self.style.SUCCESS(f"已生成 {output}（{len(content)} 字节）"))
