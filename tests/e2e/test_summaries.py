"""The year-end summary in the browser: the office drafts, edits, finalises and downloads it; the
township leader reads and downloads it, and may neither edit nor finalise it."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from registry.roles import LEADER, OFFICE_HEAD
from reports.models import Report, ReportFile
from tests.e2e.conftest import fill, login
from tests.factories import UserFactory
from tests.reports.summary_data import registry, year_of_records

YEAR = 2025


@pytest.fixture
def year_a(township_a):
    village, operators = registry(township_a)
    year_of_records(township_a, village, operators, YEAR)
    return operators


@pytest.fixture
def head_a(township_a):
    return UserFactory(username="head_a", name="甲所长", townships=[township_a], role=OFFICE_HEAD)


@pytest.fixture
def leader_a(township_a):
    return UserFactory(username="leader_a", name="甲镇长", townships=[township_a], role=LEADER)


def download(page, link_name) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name).click()
    return Path(info.value.path()).read_bytes()


def test_the_office_finalises_the_annual_summary_and_the_leader_downloads_it(
    page, live_server, township_a, year_a, head_a, leader_a
):
    # A draft's page computes the whole summary and 定稿 renders three files: seconds, not milliseconds,
    # and many more on a CI machine shared with other suites.
    page.set_default_timeout(90_000)
    login(page, live_server, head_a)
    page.get_by_role("button", name="报告").click()
    page.locator("#mainNav").get_by_role("link", name="工作总结").click()
    page.get_by_role("link", name="新建工作总结").click()
    page.get_by_label("类型").select_option(label="年度工作总结")
    expect(page.get_by_label("半年")).to_be_hidden()
    page.get_by_label("年度").select_option(label=f"{YEAR}年")
    page.get_by_role("button", name="保存").click()

    title = f"甲镇{YEAR}年食品安全工作总结"
    expect(page.get_by_role("heading", name=title).first).to_be_visible()
    document = page.locator("article.summary-doc")
    expect(document).to_contain_text("一、基本情况")
    expect(document).to_contain_text("共检查食品生产经营单位4户次")
    report = Report.objects.get()
    assert report.status == Report.Status.DRAFT

    # The office writes what no table knows.
    page.get_by_role("link", name="编辑文字").click()
    fill(page.get_by_label("存在的问题"), "一是执法车辆短缺，偏远村组检查频次不足。")
    fill(page.get_by_label("特色亮点工作"), "修订了甲镇食品安全事故应急预案。")
    page.get_by_role("button", name="保存").click()
    expect(document).to_contain_text("一是执法车辆短缺，偏远村组检查频次不足。")
    expect(document).to_contain_text("（七）特色亮点工作。修订了甲镇食品安全事故应急预案。")
    assert download(page, "下载PDF").startswith(b"%PDF")

    # 定稿 asks first, then freezes the report.
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="定稿").click()
    expect(page.get_by_text("定稿后的文字、数据和文件不再随台账变化")).to_be_visible()
    expect(page.get_by_role("link", name="编辑文字")).to_have_count(0)
    stored = {f.format: bytes(f.content) for f in ReportFile.objects.filter(report=report)}
    assert download(page, "下载PDF") == stored["pdf"]
    assert download(page, "下载Word") == stored["docx"]
    assert download(page, "下载Excel") == stored["xlsx"]

    # The township leader finds it on the home page and downloads the same file.
    page.get_by_role("button", name="甲所长").click()
    page.get_by_role("button", name="退出登录").click()
    login(page, live_server, leader_a)
    expect(page.locator(".home-summary")).to_contain_text(title)
    page.locator(".home-summary").get_by_role("link", name=title).click()
    expect(page.get_by_role("link", name="编辑文字")).to_have_count(0)
    expect(page.get_by_role("button", name="定稿")).to_have_count(0)
    assert download(page, "下载PDF") == stored["pdf"]

    # … and is refused both the editor and the finalising, even when asking for them directly.
    token = page.locator("input[name=csrfmiddlewaretoken]").first.input_value()
    refused = page.request.post(
        f"{live_server.url}/reports/summaries/{report.pk}/finalise/", form={"csrfmiddlewaretoken": token}
    )
    assert refused.status == 403
    response = page.goto(f"{live_server.url}/reports/summaries/{report.pk}/edit/")
    assert response.status == 403
    report.refresh_from_db()
    assert (report.status, report.finalised_by) == (Report.Status.FINAL, head_a)
