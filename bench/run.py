"""Speed benchmarks, run by hand (`make bench`), never by the test suite.

Seeds the demo data into a fresh SQLite file (or uses DATABASE_URL), then times the pages people
wait for and compares each with its target. Prints a table; exits 1 when a target is missed.
"""

import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "foodsafe.settings")
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from inspections.models import Inspection, ScoreRecord  # noqa: E402
from registry.models import Operator, Township, User  # noqa: E402
from registry.sheets import OperatorSheet  # noqa: E402
from reports.models import Report  # noqa: E402
from tests.registry.workbooks import wide_rows  # noqa: E402

RUNS = 5
# Issue 9: a township's annual summary within 3 s, the county's within 8 s, in every format.
SUMMARY_TARGETS = {"township": 3.0, "county": 8.0}


def timed(action, runs=RUNS):
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def draft_summary(township, *, county):
    """A draft annual summary of the demo year for the township or its county."""
    report = Report(county=township.county, township=None if county else township, kind=Report.Kind.ANNUAL)
    report.year = 2026
    report.set_period()
    report.title = report.default_title()
    report.save()
    return report


def summary_file(report, fmt):
    return reverse("reports:report_download", args=[report.pk, fmt])


def main():
    call_command("migrate", verbosity=0)
    call_command("seed_demo", stdout=io.StringIO())
    client = Client()
    client.force_login(User.objects.get(username="hongqiao_jgy1"))
    county = Client()
    county.force_login(User.objects.get(username="county_leader"))
    operator = Operator.objects.filter(township__code="hongqiao").first()
    inspection = Inspection.objects.filter(township__code="hongqiao", result="fail").first()
    score = ScoreRecord.objects.filter(township__code="hongqiao").first()
    export = county.get("/registry/operators/export.xlsx").content
    wide = wide_rows(
        ["名称", "业态类别", "细类", "登记日期"], ["面馆", "餐饮服务", "小型餐饮", "2022-01-01"], rows=5000
    )
    empty = Township.objects.create(county=operator.township.county, code="bench", name="基准镇")
    summaries = {scope: draft_summary(operator.township, county=scope == "county") for scope in ("township", "county")}

    def get(c, url):
        def action():
            response = c.get(url)
            assert response.status_code == 200, (url, response.status_code)

        return action

    cases = [
        ("home page", get(client, "/"), 0.3),
        ("operator list", get(client, "/registry/operators/"), 0.3),
        ("operator list, county, search", get(county, "/registry/operators/?q=店"), 0.3),
        ("operator detail with history", get(client, operator.get_absolute_url()), 0.3),
        ("inspection form", get(client, f"/ledgers/inspections/new/?operator={operator.pk}"), 0.3),
        ("inspection list", get(client, "/ledgers/inspections/"), 0.3),
        ("inspection plan", get(client, "/ledgers/inspections/plan/"), 0.5),
        ("result record PDF", get(client, f"/ledgers/inspections/{inspection.pk}/record.pdf"), 1.5),
        ("score notice PDF", get(client, f"/ledgers/scores/{score.pk}/notice.pdf"), 1.5),
        ("registry export, county (xlsx)", get(county, "/registry/operators/export.xlsx"), 2.0),
        ("inspection export, county (xlsx)", get(county, "/ledgers/inspections/export.xlsx"), 3.0),
        ("read 300-row registry import", lambda: OperatorSheet(township=empty).read(io.BytesIO(export)), 5.0),
        # 150 KB of rows claiming 16,384 columns: read naively it took gigabytes (issue 13).
        ("read 5,000 rows claiming 16,384 columns", lambda: OperatorSheet(township=empty).read(io.BytesIO(wide)), 3.0),
        # The annual summary of a draft is rendered on each download (a finalised one is stored).
        *(
            (f"annual summary {fmt}, {scope}", get(county, summary_file(report, fmt)), SUMMARY_TARGETS[scope])
            for scope, report in summaries.items()
            for fmt in ("pdf", "docx", "xlsx")
        ),
    ]
    failed = False
    print(f"{'benchmark':40} {'median':>9} {'target':>8}")
    for name, action, target in cases:
        seconds = timed(action)
        flag = "" if seconds <= target else "  MISSED"
        failed |= bool(flag)
        print(f"{name:40} {seconds * 1000:7.0f}ms {target * 1000:6.0f}ms{flag}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
