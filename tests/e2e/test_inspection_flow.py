import io

from playwright.sync_api import expect
from pypdf import PdfReader

from inspections.models import Inspection, Rectification
from registry.roles import INSPECTOR
from tests.e2e.conftest import fill, login
from tests.factories import OperatorFactory, UserFactory


def test_failing_key_item_to_closed_rectification_and_pdf(page, live_server, inspector_a, township_a):
    UserFactory(
        username="colleague", name="李执法", townships=[township_a], role=INSPECTOR, enforcement_id="6207990009"
    )
    OperatorFactory(
        township=township_a,
        name="红星牛肉面馆",
        category="catering",
        subtype="small_scale",
        legal_representative="王红",
    )
    OperatorFactory(township=township_a, name="东街超市")
    login(page, live_server, inspector_a)

    # Pick the operator with the searchable picker, by typing part of its name.
    page.locator("nav").get_by_role("button", name="监督检查").click()
    page.locator("nav").get_by_role("link", name="记录检查").click()
    page.locator(".ts-control").click()
    page.keyboard.type("牛肉")
    page.locator(".ts-dropdown .option", has_text="红星牛肉面馆").click()
    page.get_by_role("button", name="开始检查").click()
    expect(page.get_by_role("heading", name="记录检查：红星牛肉面馆")).to_be_visible()

    page.get_by_label("李执法（执法证 6207990009）").check()
    key_item = page.locator(".checklist-item", has_text="餐饮具清洗消毒设施正常使用")
    key_item.get_by_text("不符合", exact=True).click()
    expect(page.locator("#checklist-summary")).to_have_text("不符合 1 项（重点项 1 项）")
    fill(key_item.get_by_placeholder("具体问题（重点项必填）"), "消毒柜未通电")
    page.get_by_label("下达责令改正通知书").check()
    page.get_by_role("button", name="保存检查记录").click()

    expect(page.get_by_text("已保存检查记录：红星牛肉面馆（不符合）")).to_be_visible()
    expect(page.locator(".card", has_text="整改").get_by_text("待整改")).to_be_visible()
    first = Inspection.objects.get()
    assert first.result == "fail"

    # The rectification is on the ledger, and a follow-up closes it.
    page.goto(f"{live_server.url}/ledgers/rectifications/?state=unclosed")
    page.get_by_role("link", name="餐饮具清洗消毒设施正常使用").click()
    page.get_by_role("link", name="复查").first.click()
    expect(page.get_by_label("检查类型")).to_have_value("follow_up")
    page.get_by_label("李执法（执法证 6207990009）").check()
    closes = page.get_by_label("餐饮具清洗消毒设施正常使用", exact=False).last
    expect(closes).to_be_checked()
    page.get_by_role("button", name="保存检查记录").click()
    expect(page.get_by_text("本次复查销号")).to_be_visible()
    rectification = Rectification.objects.get()
    assert rectification.status == "closed"
    assert rectification.verified_by.follows == first

    # The result record of the first inspection, as a PDF with real Chinese text.
    page.goto(f"{live_server.url}{first.get_absolute_url()}")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="结果记录表PDF").click(modifiers=["Alt"])
    pdf = download_info.value.path().read_bytes()
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text().replace("\n", "")
    assert "食品生产经营监督检查结果记录表" in text
    assert "消毒柜未通电" in text
