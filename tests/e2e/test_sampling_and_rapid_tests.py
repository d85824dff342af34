"""A market morning of rapid tests in one form, and a failed sample followed through to its disposal."""

import datetime

import pytest
from playwright.sync_api import expect

from inspections.models import Case, RapidTest, Sample
from tests.e2e.conftest import fill, login
from tests.factories import OperatorFactory
from tests.inspections.factories import RapidTestItemFactory

SAMPLES = ["小白菜", "菠菜", "芹菜", "韭菜", "油麦菜", "黄瓜", "西红柿", "豇豆", "辣椒", "生菜"] * 2


@pytest.fixture
def market_a(township_a):
    # The standard items come from a data migration, which an earlier browser test's flush removes.
    for name in ("农残", "注水肉", "瘦肉精"):
        RapidTestItemFactory(name=name)
    return OperatorFactory(township=township_a, name="甲镇农贸市场", category="market", subtype="farmers_market")


@pytest.fixture
def grain_shop(township_a):
    return OperatorFactory(township=township_a, name="甲镇粮油店")


def choose(page, label, text):
    """Pick an option of a searchable drop-down (Tom Select) by typing, as a user does."""
    page.get_by_role("combobox", name=label).locator("xpath=..").click()
    page.keyboard.type(text)
    page.locator(".ts-dropdown .option", has_text=text).first.click()


def day(offset):
    return f"{datetime.date.today() - datetime.timedelta(days=offset):%Y-%m-%d}"


def test_a_market_morning_of_rapid_tests_in_one_form(page, live_server, inspector_a, market_a):
    login(page, live_server, inspector_a)
    page.goto(f"{live_server.url}/ledgers/rapid-tests/")
    page.get_by_role("link", name="批量录入").click()

    choose(page, "检测地点", "甲镇农贸市场")
    expect(page.get_by_label("检测人")).to_have_value("王监管")
    page.get_by_role("button", name="添加10行").click()
    rows = page.locator("#rows-rows .batch-row")
    expect(rows).to_have_count(20)
    for index, sample in enumerate(SAMPLES):
        row = rows.nth(index)
        fill(row.get_by_label("摊位/经营户"), f"{index + 1}号摊位")
        fill(row.get_by_label("样品名称"), sample)
        row.get_by_label("检测项目").select_option(label="农残")
        fill(row.get_by_label("检测值"), "抑制率12%")
    # Row 5 failed, but its disposal is forgotten: nothing is saved and the row says why.
    rows.nth(4).get_by_text("不合格", exact=True).click()
    fill(rows.nth(4).get_by_label("检测值"), "抑制率68%")
    page.get_by_role("button", name="保存全部").click()
    expect(page.locator(".batch-summary")).to_contain_text("第5行：“不合格处置”不合格须填写处置情况。")
    assert not RapidTest.objects.exists()
    expect(rows.nth(19).get_by_label("样品名称")).to_have_value("生菜")
    expect(page.get_by_label("检测人")).to_have_value("王监管")

    fill(rows.nth(4).get_by_label("不合格处置"), "现场监督销毁油麦菜5公斤")
    page.get_by_role("button", name="保存全部").click()
    expect(page.get_by_text("已录入 20 条快检记录（甲镇农贸市场")).to_be_visible()
    expect(page.locator("table.ledger-table tbody tr")).to_have_count(20)
    assert RapidTest.objects.filter(operator=market_a, tester="王监管", created_by=inspector_a).count() == 20
    failed = RapidTest.objects.failed().values_list("vendor", "disposal")
    assert list(failed) == [("5号摊位", "现场监督销毁油麦菜5公斤")]


def test_a_failed_sample_through_to_its_disposal(page, live_server, inspector_a, grain_shop):
    login(page, live_server, inspector_a)
    page.goto(f"{live_server.url}/ledgers/samples/new/")
    choose(page, "被抽样单位", "甲镇粮油店")
    fill(page.get_by_label("抽样单编号"), "NCP26620799000123")
    fill(page.get_by_label("样品名称"), "挂面")
    page.get_by_label("食品类别").select_option(label="粮食加工品")
    fill(page.get_by_label("抽样日期"), day(60))
    fill(page.get_by_role("textbox", name="抽样单位"), "青山县市场监督管理局")
    fill(page.get_by_label("检验机构"), "甘肃省食品检验研究院")
    page.get_by_label("检验结论").select_option(label="不合格")
    fill(page.get_by_label("检验报告编号"), "SP2026001")
    fill(page.get_by_label("报告日期"), day(45))
    fill(page.get_by_label("实测值"), "0.126 g/kg")
    page.get_by_role("button", name="保存").click()
    # A failed batch needs its failing item; what was typed stays.
    expect(page.get_by_text("不合格批次须填写不合格项目。")).to_be_visible()
    expect(page.get_by_label("实测值")).to_have_value("0.126 g/kg")
    fill(page.get_by_label("不合格项目"), "脱氢乙酸及其钠盐")
    fill(page.get_by_label("标准值"), "不得使用")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("已启动核查处置")).to_be_visible()
    disposal = page.locator("#disposal")
    expect(disposal).to_contain_text("处置中")

    # 下架/封存
    disposal.get_by_role("link", name="登记处置步骤").click()
    fill(page.get_by_label("下架/封存日期"), day(44))
    fill(page.get_by_label("下架/封存情况"), "下架封存挂面12袋")
    page.get_by_role("button", name="保存").click()
    steps = page.locator(".disposal-steps li")
    expect(steps.nth(0)).to_contain_text(day(44))

    # 立案: the case form comes filled in from the batch and links back to it.
    disposal.get_by_role("link", name="立案").click()
    expect(page.get_by_text("保存后自动关联到该批次的核查处置")).to_be_visible()
    fill(page.get_by_label("案件编号"), "青市监立〔2026〕8号")
    fill(page.get_by_label("立案日期"), day(40))
    page.locator("#goods-rows").get_by_label("种类").first.select_option(label="不合格食品")
    fill(page.locator("#goods-rows").get_by_label("物品名称").first, "挂面")
    fill(page.locator("#goods-rows").get_by_label("数量").first, "12")
    page.locator("#goods-rows").get_by_label("单位").first.select_option(label="袋")
    page.get_by_role("button", name="保存").click()
    expect(steps.nth(2)).to_contain_text("青市监立〔2026〕8号")
    expect(steps.nth(3)).to_contain_text("未办理")

    # 处罚, on the case.
    steps.nth(2).get_by_role("link", name="青市监立〔2026〕8号").click()
    expect(page.locator(".goods-table")).to_contain_text("12袋")
    page.get_by_role("link", name="修改").click()
    fill(page.get_by_label("处罚决定日期"), day(20))
    fill(page.get_by_label("处罚内容"), "没收不合格挂面，罚款5000元")
    fill(page.get_by_label("罚款（元）", exact=True), "5000")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("已保存")).to_be_visible()

    # 完成.
    page.get_by_role("link", name="NCP26620799000123 挂面").click()  # the case page links its source
    expect(steps.nth(3)).to_contain_text(day(20))
    disposal.get_by_role("link", name="登记处置步骤").click()
    fill(page.get_by_label("处置完成日期"), day(18))
    page.get_by_role("button", name="保存").click()
    expect(disposal).to_contain_text("已完成处置")
    sample = Sample.objects.get(batch_no="NCP26620799000123")
    case = Case.objects.get(case_no="青市监立〔2026〕8号")
    today = datetime.date.today()
    assert Sample.objects.disposal_completed_by(today).get() == sample
    assert Sample.objects.penalty_decided_by(today).get() == sample
    assert (case.operator, case.source, case.fine) == (grain_shop, "sampling", 5000)
