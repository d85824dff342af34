"""The 报告 pages: who may draft, edit, finalise and download; a finalised report stays as printed."""

import datetime
from urllib.parse import quote

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from registry.roles import OFFICE_HEAD
from reports.models import Report, ReportFile
from reports.summaries import lifecycle
from tests.base import CastTestCase
from tests.factories import UserFactory
from tests.inspections.factories import InspectionFactory
from tests.reports.summary_data import registry, year_of_records

YEAR = 2025


def new_report(township, year=YEAR, **fields):
    report = Report(county=township.county, township=township, kind=Report.Kind.ANNUAL, year=year, **fields)
    report.set_period()
    report.title = report.default_title()
    report.problems, report.plans = "一是问题。", "一是打算。"
    report.save()
    return report


class SummaryPagesTests(CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.head_a = UserFactory(username="head_a", townships=[cls.township_a], role=OFFICE_HEAD)
        village, cls.operators = registry(cls.township_a)
        year_of_records(cls.township_a, village, cls.operators, YEAR)
        cls.report = new_report(cls.township_a, created_by=cls.inspector_a)

    def url(self, name, report=None, *args):
        return reverse(f"reports:{name}", args=[(report or self.report).pk, *args])

    def test_the_office_drafts_a_report_for_its_township(self):
        self.login(self.inspector_a)
        form = self.client.get(reverse("reports:report_create")).context["form"]
        self.assertEqual([v for v, _ in form.fields["jurisdiction"].choices], [f"t:{self.township_a.pk}"])
        response = self.client.post(
            reverse("reports:report_create"),
            {"kind": "half_year", "jurisdiction": f"t:{self.township_a.pk}", "year": YEAR, "half": 1},
        )
        report = Report.objects.latest("pk")
        self.assertRedirects(response, report.get_absolute_url())
        self.assertEqual((report.start_date, report.end_date), (datetime.date(YEAR, 1, 1), datetime.date(YEAR, 6, 30)))
        self.assertEqual(report.title, f"甲镇{YEAR}年上半年食品安全工作总结")
        self.assertEqual((report.status, report.created_by), (Report.Status.DRAFT, self.inspector_a))
        self.assertTrue(report.problems.startswith(f"{YEAR}年上半年，虽然做了大量工作"))
        self.assertIn("下一步，我镇将", report.plans)

    def test_a_custom_period_needs_its_dates(self):
        self.login(self.inspector_a)
        data = {"kind": "custom", "jurisdiction": f"t:{self.township_a.pk}", "year": YEAR}
        response = self.client.post(reverse("reports:report_create"), data)
        self.assertFormError(response.context["form"], "start_date", "阶段工作总结须填写统计起止日期。")
        data.update(start_date=f"{YEAR}-03-01", end_date=f"{YEAR}-09-30")
        self.client.post(reverse("reports:report_create"), data)
        report = Report.objects.latest("pk")
        self.assertEqual(report.title, f"甲镇{YEAR}年3月1日至{YEAR}年9月30日食品安全工作总结")

    def test_county_reports_are_for_county_users(self):
        self.login(self.inspector_a)
        response = self.client.post(
            reverse("reports:report_create"), {"kind": "annual", "jurisdiction": f"c:{self.county.pk}", "year": YEAR}
        )
        self.assertIn("jurisdiction", response.context["form"].errors)
        county_report = Report.objects.create(
            county=self.county,
            kind=Report.Kind.ANNUAL,
            year=YEAR,
            start_date=datetime.date(YEAR, 1, 1),
            end_date=datetime.date(YEAR, 12, 31),
            title="青山县总结",
        )
        self.assertEqual(self.client.get(county_report.get_absolute_url()).status_code, 404)
        self.login(self.county_leader)
        response = self.client.get(county_report.get_absolute_url())
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "表1 青山县各乡镇主要工作指标对比")

    def test_scope_a_township_report_is_not_found_elsewhere(self):
        self.login(self.inspector_b)
        for name in ("report_detail", "report_update"):
            self.assertEqual(self.client.get(self.url(name)).status_code, 404, name)
        self.assertEqual(self.client.get(self.url("report_download", None, "pdf")).status_code, 404)
        self.assertNotContains(self.client.get(reverse("reports:report_list")), self.report.title)

    def test_draft_preview_links_every_number_to_its_records(self):
        self.login(self.inspector_a)
        response = self.client.get(self.report.get_absolute_url())
        self.assertContains(response, "一、基本情况")
        self.assertContains(response, 'href="/reports/figures/inspections/?township=')
        self.assertContains(response, "编辑文字")
        self.assertNotContains(response, 'bi-lock"></i> 定稿')  # an inspector does not finalise

    def test_the_editor_shows_what_the_ledgers_suggest_as_problems(self):
        self.login(self.inspector_a)
        response = self.client.get(self.url("report_update"))
        hints = ["".join(run.text for run in hint.runs) for hint in response.context["hints"]]
        self.assertIn("逾期未整改的风险隐患1个", hints)
        self.assertIn("不合格食品核查处置率0.0%", hints)
        self.assertContains(response, 'href="/reports/figures/hazards_overdue/?township=')

    def test_the_office_edits_the_free_text_and_it_is_printed(self):
        self.login(self.inspector_a)
        response = self.client.post(
            self.url("report_update"),
            {
                "title": self.report.title,
                "version": self.report.version,
                "overview": "全年未发生食品安全事故。",
                "highlights": "修订了食品安全事故应急预案。",
                "problems": "一是执法车辆短缺。",
                "plans": "一是加强培训。",
            },
        )
        self.assertRedirects(response, self.report.get_absolute_url())
        page = self.client.get(self.report.get_absolute_url())
        self.assertContains(page, "全年未发生食品安全事故。")
        self.assertContains(page, "（七）特色亮点工作。")
        self.assertContains(page, "修订了食品安全事故应急预案。")
        self.assertContains(page, "一是执法车辆短缺。")

    def test_a_leader_reads_and_downloads_but_cannot_draft_edit_or_finalise(self):
        self.login(self.leader_a)
        self.assertEqual(self.client.get(self.report.get_absolute_url()).status_code, 200)
        self.assertEqual(self.client.get(reverse("reports:report_create")).status_code, 403)
        self.assertEqual(self.client.get(self.url("report_update")).status_code, 403)
        self.assertEqual(self.client.post(self.url("report_update"), {"title": "x"}).status_code, 403)
        self.assertEqual(self.client.post(self.url("report_finalise")).status_code, 403)
        self.assertEqual(self.client.post(self.url("report_void"), {"reason": "x"}).status_code, 403)
        response = self.client.get(self.url("report_download", None, "docx"))
        self.assertEqual(response.status_code, 200)
        self.assertIn(quote("（草稿）.docx"), response["Content-Disposition"])
        self.report.refresh_from_db()
        self.assertEqual(self.report.status, Report.Status.DRAFT)

    def test_an_inspector_cannot_finalise(self):
        self.login(self.inspector_a)
        self.assertEqual(self.client.post(self.url("report_finalise")).status_code, 403)

    def test_finalising_needs_the_problems_and_plans(self):
        report = new_report(self.township_a)
        report.problems = ""
        report.save()
        self.login(self.head_a)
        response = self.client.post(self.url("report_finalise", report), follow=True)
        self.assertContains(response, "请先填写：存在的问题。")
        report.refresh_from_db()
        self.assertFalse(report.is_final)

    def test_the_list_shows_reports_by_year(self):
        new_report(self.township_a).void(by=self.inspector_a, reason="重复")
        self.login(self.leader_a)
        response = self.client.get(reverse("reports:report_list"))
        self.assertContains(response, f"{YEAR}年</div>")
        self.assertContains(response, self.report.title, count=1)
        self.assertContains(self.client.get(reverse("reports:report_list") + "?voided=1"), "已作废")

    def test_the_list_costs_the_same_queries_however_many_reports(self):
        self.login(self.leader_a)
        url = reverse("reports:report_list")
        self.client.get(url)
        with CaptureQueriesContext(connection) as few:
            self.client.get(url)
        for _ in range(4):
            new_report(self.township_a, created_by=self.inspector_a, based_on=self.report)
        with CaptureQueriesContext(connection) as many:
            response = self.client.get(url)
        self.assertEqual(len(response.context["object_list"]), 5)
        self.assertEqual(len(many), len(few))

    def test_home_links_the_latest_annual_report(self):
        self.login(self.leader_a)
        response = self.client.get(reverse("home"))
        self.assertContains(response, "最新年度工作总结")
        self.assertContains(response, self.report.get_absolute_url())
        self.login(self.county_leader)
        self.assertContains(self.client.get(reverse("home")), "尚无年度工作总结")

    def test_a_finalised_summary_comes_before_a_later_draft(self):
        earlier = new_report(self.township_a, year=YEAR - 1)
        Report.objects.filter(pk=earlier.pk).update(status=Report.Status.FINAL)
        later_draft = new_report(self.township_a, year=YEAR + 1)
        reports = Report.objects.filter(pk__in=[earlier.pk, later_draft.pk, self.report.pk])
        self.assertEqual(list(reports.final_first()), [earlier, later_draft, self.report])


class FinalisedReportTests(CastTestCase):
    """Finalised once (rendering every format), then read, downloaded and compared with the ledgers."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.head_a = UserFactory(username="head_a", townships=[cls.township_a], role=OFFICE_HEAD)
        village, cls.operators = registry(cls.township_a)
        year_of_records(cls.township_a, village, cls.operators, YEAR)
        cls.report = lifecycle.finalise(new_report(cls.township_a), by=cls.head_a)
        cls.stored = {f.format: bytes(f.content) for f in ReportFile.objects.filter(report=cls.report)}

    def download(self, format):
        response = self.client.get(reverse("reports:report_download", args=[self.report.pk, format]))
        self.assertEqual(response.status_code, 200)
        return response

    def test_finalising_stores_the_files_the_figures_and_the_text_with_who_and_when(self):
        self.assertEqual(self.stored.keys(), {"pdf", "docx", "xlsx"})
        self.assertTrue(self.stored["pdf"].startswith(b"%PDF"))
        self.assertEqual(self.report.finalised_by, self.head_a)
        self.assertEqual(self.report.figures["inspections"]["value"], 4)
        self.assertEqual(self.report.document["title"], f"甲镇{YEAR}年食品安全工作总结")
        self.assertEqual(self.report.history.first().history_change_reason, "定稿")

    def test_downloads_are_the_stored_bytes_even_after_a_ledger_edit(self):
        self.login(self.leader_a)
        before = {format: self.download(format).content for format in ("pdf", "docx", "xlsx")}
        self.assertEqual(before, self.stored)
        InspectionFactory(operator=self.operators[0], inspected_on=datetime.date(YEAR, 11, 3))
        self.operators[1].void(by=self.inspector_a, reason="重复登记")
        after = {format: self.download(format).content for format in ("pdf", "docx", "xlsx")}
        self.assertEqual(after, before)
        self.assertNotIn(quote("（草稿）"), self.download("pdf")["Content-Disposition"])

    def test_its_page_shows_what_was_printed_and_where_the_ledgers_now_differ(self):
        self.login(self.leader_a)
        response = self.client.get(self.report.get_absolute_url())
        self.assertContains(response, "各项指标现在的数值与定稿时一致")
        self.assertContains(response, "共检查食品生产经营单位")
        InspectionFactory(operator=self.operators[0], inspected_on=datetime.date(YEAR, 11, 3))
        response = self.client.get(self.report.get_absolute_url())
        drift = {item.label: (item.printed, item.now) for item in response.context["drift"]}
        self.assertEqual(drift["检查食品生产经营单位"], ("4", "5"))
        self.assertContains(response, "定稿后台账有变化")
        self.assertContains(response, "共检查食品生产经营单位<a")  # the text is still the printed one
        self.assertIn("4户次", response.context["document"].text)
        self.assertNotIn("5户次", response.context["document"].sections[0].text)

    def test_a_finalised_report_is_not_edited_nor_finalised_again(self):
        self.login(self.head_a)
        self.assertEqual(self.client.get(reverse("reports:report_update", args=[self.report.pk])).status_code, 403)
        response = self.client.post(reverse("reports:report_finalise", args=[self.report.pk]), follow=True)
        self.assertContains(response, "该工作总结已经定稿。")
        self.assertEqual(ReportFile.objects.filter(report=self.report).count(), 3)

    def test_a_new_draft_starts_from_a_finalised_report(self):
        self.login(self.inspector_a)
        response = self.client.post(reverse("reports:report_redraft", args=[self.report.pk]))
        draft = Report.objects.latest("pk")
        self.assertRedirects(response, draft.get_absolute_url())
        self.assertEqual((draft.based_on, draft.status, draft.created_by), (self.report, "draft", self.inspector_a))
        self.assertEqual((draft.problems, draft.period), (self.report.problems, self.report.period))
        self.login(self.leader_a)
        self.assertEqual(self.client.post(reverse("reports:report_redraft", args=[self.report.pk])).status_code, 403)

    def test_the_home_page_prefers_the_finalised_report(self):
        new_report(self.township_a)  # a later draft of the same year
        self.login(self.leader_a)
        response = self.client.get(reverse("home"))
        self.assertContains(response, f'href="{self.report.get_absolute_url()}"')
