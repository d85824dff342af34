"""The operations `make bench` measures, each with the target of issue 11 (None: measured only).

Add a case by appending to the list `cases()` returns (a `Case` of bench/harness.py): a page is
`page(client, url)`, anything else a function. Users: an inspector of 红桥镇 (one township) and
the county leader (all fifteen); lists and exports are measured at county level, the worst case.
"""

import datetime
import io

from django.test import Client
from django.urls import get_resolver, reverse

from inspections.models import ChecklistItem, ChecklistTemplate, Inspection, ScoreRecord
from registry.models import County, Operator, Township, User
from reports import figures as catalogue
from reports.models import Report
from tests.registry.workbooks import wide_rows

from .harness import Case

# Targets of issue 11, in seconds (and MB).
DASHBOARD = 0.3
PAGE = 0.15  # list and detail pages
FIGURES = 1.5
SUMMARY = {"township": 3.0, "county": 8.0}
EXPORT, EXPORT_MB = 30.0, 300
IMPORT = 20.0
RECORD_PDF = 1.5  # a single record's PDF (not in the issue; kept from the earlier bench)


def page(client, url, *, method="get", data=None, expect=200):
    def action():
        response = getattr(client, method)(url, data) if data is not None else getattr(client, method)(url)
        if response.status_code != expect:
            raise AssertionError(f"{url}: {response.status_code}")
        if response.streaming:
            b"".join(response.streaming_content)

    return action


def login(username):
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


class Fixtures:
    """The users, records and period the cases use, found in whichever demo data is loaded."""

    def __init__(self):
        self.county = County.objects.get(code="qingshan")
        self.township = Township.objects.get(code="hongqiao")
        self.large = Township.objects.count() > 2  # the county of seed_demo --scale county
        # A full year of records: the county data covers 2022–2026, the demo only 2026 to date.
        self.year = 2025 if self.large else 2026
        self.inspector = login("hongqiao_jgy1")
        self.leader = login("hongqiao_leader")
        self.county_user = login("county_leader")
        ids = Inspection.objects.valid().filter(township=self.township).values("operator")
        self.operator = (
            Operator.objects.filter(pk__in=ids).order_by("-pk").first()
            if not self.large
            else max(
                Operator.objects.filter(township=self.township, category="catering")[:200],
                key=lambda o: o.inspections.count(),
            )
        )
        self.inspection = (
            Inspection.objects.filter(township=self.township, checklist__isnull=False, result="fail")
            .order_by("-inspected_on")
            .first()
        ) or Inspection.objects.filter(township=self.township).order_by("-inspected_on").first()
        self.score = ScoreRecord.objects.filter(township=self.township).order_by("-scored_on").first()

    def period_query(self, **extra):
        query = {"from": f"{self.year}-01-01", "to": f"{self.year}-12-31", **extra}
        return "&".join(f"{k}={v}" for k, v in query.items())


def cases(fx: Fixtures) -> list[Case]:
    return [
        *home_cases(fx),
        *list_cases(fx),
        *detail_cases(fx),
        *entry_cases(fx),
        *figure_cases(fx),
        *summary_cases(fx),
        *export_cases(fx),
        *import_cases(fx),
    ]


def home_cases(fx):
    return [
        Case("首页/看板", "inspector's home page", page(fx.inspector, "/"), DASHBOARD),
        Case(
            "首页/看板",
            "dashboard, township-year",
            page(fx.leader, f"/reports/dashboard/?{fx.period_query()}"),
            DASHBOARD,
        ),
        Case(
            "首页/看板",
            "dashboard, county-year",
            page(fx.county_user, f"/reports/dashboard/?{fx.period_query(county=fx.county.pk)}"),
            DASHBOARD,
        ),
    ]


def _ledger_views(suffix):
    """(url name, view class) of every ledger page named `<model>_<suffix>`, registry first."""
    resolver = get_resolver()
    found = []
    for namespace in ("registry", "inspections"):
        _, sub = resolver.namespace_dict[namespace]
        for pattern in sub.url_patterns:
            name = getattr(pattern, "name", None) or ""
            view = getattr(pattern.callback, "view_class", None)
            if name.endswith(f"_{suffix}") and view is not None and getattr(view, "model", None) is not None:
                found.append((f"{namespace}:{name}", view))
    return found


def list_cases(fx):
    result = []
    for name, view in _ledger_views("list"):
        url = reverse(name)
        label = view.model._meta.verbose_name
        rows = view.model.objects.for_user(User.objects.get(username="county_leader"))
        if hasattr(view.model, "voided_at"):
            rows = rows.filter(voided_at__isnull=True)
        deep = max(1, rows.count() // 25 // 2)
        filters = getattr(view, "filterset_class", None)
        query = {"township": fx.township.pk}
        if filters is not None and "date_from" in filters.base_filters:
            query.update(date_from=f"{fx.year}-01-01", date_to=f"{fx.year}-12-31")
        filtered = "&".join(f"{k}={v}" for k, v in query.items())
        result += [
            Case("列表", f"{label}: first page", page(fx.county_user, url), PAGE),
            Case("列表", f"{label}: page {deep}", page(fx.county_user, f"{url}?page={deep}"), PAGE),
            Case("列表", f"{label}: township+year", page(fx.county_user, f"{url}?{filtered}"), PAGE),
        ]
        if filters is not None and "q" in filters.base_filters:
            result.append(Case("列表", f"{label}: search 红", page(fx.county_user, f"{url}?q=红"), PAGE))
    return result


def detail_cases(fx):
    return [
        Case("详情", "operator with its history", page(fx.inspector, fx.operator.get_absolute_url()), PAGE),
        Case("详情", "inspection detail", page(fx.inspector, fx.inspection.get_absolute_url()), PAGE),
        Case("详情", "inspection plan, township", page(fx.inspector, "/ledgers/inspections/plan/"), None),
        Case(
            "详情",
            "inspection record PDF",
            page(fx.inspector, f"/ledgers/inspections/{fx.inspection.pk}/record.pdf"),
            RECORD_PDF,
            runs=3,
        ),
        Case(
            "详情",
            "score notice PDF",
            page(fx.inspector, f"/ledgers/scores/{fx.score.pk}/notice.pdf"),
            RECORD_PDF,
            runs=3,
        ),
    ]


def entry_cases(fx):
    """The inspection form, and saving an inspection of 30 checklist items (rolled back each time)."""
    operator = fx.operator
    today = datetime.date.today()
    form_url = f"/ledgers/inspections/new/?operator={operator.pk}"
    officers = list(User.objects.filter(username__in=["hongqiao_jgy1", "hongqiao_jgy2"]).values_list("pk", flat=True))
    state = {}

    def thirty_items():
        template = ChecklistTemplate.objects.create(
            name="基准测试要点表（30项）", category=operator.category, effective_from=today
        )
        items = ChecklistItem.objects.bulk_create(
            ChecklistItem(template=template, section="other", number=str(n), text=f"检查内容{n}", points=2, order=n)
            for n in range(1, 31)
        )
        data = {
            "operator": operator.pk,
            "inspected_on": today.isoformat(),
            "kind": "routine",
            "officers": officers,
            "result": "",
            "rectification_deadline": (today + datetime.timedelta(days=15)).isoformat(),
            "responsible_person": "王红",
        }
        for item in items:
            failed = item.order in (3, 17)
            data[f"outcome_{item.pk}"] = "fail" if failed else "pass"
            data[f"note_{item.pk}"] = "未按要求整改" if failed else ""
        state["data"] = data

    def save():
        response = fx.inspector.post(form_url, state["data"])
        if response.status_code != 302:
            raise AssertionError(f"inspection not saved: {response.status_code}")

    return [
        Case("录入", "inspection form", page(fx.inspector, form_url), PAGE),
        Case("录入", "save an inspection of 30 items", save, None, setup=thirty_items, rollback=True),
    ]


def figure_cases(fx):
    period = catalogue.Period.year(fx.year)
    township_scope = catalogue.Scope.of([fx.township], fx.township.name)
    county_scope = catalogue.Scope.county(fx.county)
    return [
        Case("指标", "all figures, township-year", lambda: catalogue.values(township_scope, period), FIGURES),
        Case("指标", "all figures, county-year", lambda: catalogue.values(county_scope, period), FIGURES),
        Case(
            "指标",
            "figures page, county-year",
            page(fx.county_user, f"/reports/figures/?{fx.period_query(county=fx.county.pk)}"),
            FIGURES,
        ),
    ]


def draft_summary(fx, *, county):
    report = Report(county=fx.county, township=None if county else fx.township, kind=Report.Kind.ANNUAL)
    report.year = fx.year
    report.set_period()
    report.title = report.default_title()
    report.save()
    return report


def summary_cases(fx):
    result = []
    for scope in ("township", "county"):
        report = draft_summary(fx, county=scope == "county")
        user = fx.county_user
        result.append(
            Case("总结", f"annual summary HTML, {scope}", page(user, report.get_absolute_url()), SUMMARY[scope], runs=3)
        )
        for fmt in ("pdf", "docx", "xlsx"):
            url = reverse("reports:report_download", args=[report.pk, fmt])
            result.append(
                Case("总结", f"annual summary {fmt.upper()}, {scope}", page(user, url), SUMMARY[scope], runs=3)
            )
    return result


def export_cases(fx):
    """Every ledger's .xlsx export of the whole county (every year), and the statistics workbook."""
    result = []
    for name, view in _ledger_views("export"):
        label = view.model._meta.verbose_name
        rows = view.model.objects.for_user(User.objects.get(username="county_leader")).count()
        result.append(
            Case(
                "导出",
                f"{label} export, county ({rows:,} rows)",
                page(fx.county_user, reverse(name)),
                EXPORT,
                runs=1,
                warmup=False,
                memory_target_mb=EXPORT_MB,
            )
        )
    result.append(
        Case(
            "导出",
            "statistics workbook, county-year",
            page(fx.county_user, f"/reports/figures.xlsx?{fx.period_query(county=fx.county.pk)}"),
            EXPORT,
            runs=1,
            warmup=False,
            memory_target_mb=EXPORT_MB,
        )
    )
    return result


def import_cases(fx):
    from registry.sheets import OperatorSheet

    inspector = User.objects.get(username="hongqiao_jgy1")
    header = ["名称", "业态类别", "细类", "登记日期", "许可/登记证编号", "联系电话"]
    # An upload holds at most 5,000 rows (ImportResult's limit): two files, as an office would send them.
    workbooks = [_operator_workbook(header, range(start, start + 5000)) for start in (1, 5001)]
    wide = wide_rows(
        ["名称", "业态类别", "细类", "登记日期"], ["面馆", "餐饮服务", "小型餐饮", "2022-01-01"], rows=5000
    )

    def import_10000():
        for workbook in workbooks:
            sheet = OperatorSheet(township=fx.township, user=inspector)
            result = sheet.read(io.BytesIO(workbook))
            if not result.ok:
                raise AssertionError(result.error_lines[:3])
            sheet.save(result)

    return [
        Case(
            "导入",
            "import 10,000 operators (2 files)",
            import_10000,
            IMPORT,
            runs=1,
            warmup=False,
            rollback=True,
            memory=True,
        ),
        # 150 KB of rows claiming 16,384 columns: read naively it took gigabytes (issue 13).
        Case(
            "导入",
            "read 5,000 rows claiming 16,384 columns",
            lambda: OperatorSheet(township=fx.township).read(io.BytesIO(wide)),
            3.0,
            runs=3,
        ),
    ]


def _operator_workbook(header, numbers):
    from openpyxl import Workbook

    from tests.registry.workbooks import save

    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for n in numbers:
        ws.append([f"基准面馆{n}号", "餐饮服务", "小型餐饮", "2024-03-01", f"JY9620799{n:07d}", f"139{n:08d}"])
    return save(wb)
