from playwright.sync_api import expect

from registry.models import Operator
from tests.e2e.conftest import fill, login


def test_inspector_registers_finds_and_views_an_operator(page, live_server, inspector_a):
    login(page, live_server, inspector_a)
    page.get_by_role("link", name="登记经营者").click()

    fill(page.get_by_label("名称"), "红星牛肉面馆")
    page.get_by_label("业态类别").select_option(label="餐饮服务（社会餐饮）")
    # 细类 now offers only the catering scales.
    subtype = page.get_by_label("细类")
    expect(subtype.locator("option:not([hidden])")).to_have_text(["（无细类）", "大型餐饮", "中型餐饮", "小型餐饮"])
    subtype.select_option(label="小型餐饮")
    page.get_by_label("所属村").select_option(label="甲二村")
    fill(page.get_by_label("经营地址"), "甲镇甲二村3社8号")
    fill(page.get_by_label("联系电话"), "13912345678")
    # A mistyped credit code is refused with the reason, and nothing typed is lost.
    fill(page.get_by_label("统一社会信用代码"), "91330100716105852E")
    page.get_by_label("明厨亮灶").check()
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("校验位错误（第18位应为 F）")).to_be_visible()
    expect(page.get_by_label("名称")).to_have_value("红星牛肉面馆")
    expect(page.get_by_label("经营地址")).to_have_value("甲镇甲二村3社8号")
    expect(page.get_by_label("明厨亮灶")).to_be_checked()

    fill(page.get_by_label("统一社会信用代码"), "91330100716105852F")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("已登记：红星牛肉面馆")).to_be_visible()

    page.goto(f"{live_server.url}/registry/operators/")
    fill(page.get_by_placeholder("名称、编号、电话…"), "牛肉面")
    page.get_by_role("button", name="查询").click()
    rows = page.locator("table.ledger-table tbody tr")
    expect(rows).to_have_count(1)
    rows.get_by_role("link", name="红星牛肉面馆").click()

    expect(page.get_by_role("heading", name="红星牛肉面馆")).to_be_visible()
    expect(page.locator(".detail-list")).to_contain_text(["甲二村", "91330100716105852F"])
    expect(page.locator(".audit-trail")).to_contain_text("王监管")
    operator = Operator.objects.get(name="红星牛肉面馆")
    assert (operator.category, operator.subtype, operator.bright_kitchen) == ("catering", "small_scale", True)
    assert operator.created_by == inspector_a
