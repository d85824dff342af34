"""Two people edit the same operator at once: the later save is refused, shows what changed, keeps its input."""

from playwright.sync_api import expect

from registry.models import Operator
from registry.roles import INSPECTOR
from tests.e2e.conftest import fill, login
from tests.factories import OperatorFactory, UserFactory


def test_the_second_of_two_concurrent_edits_is_refused_with_its_input_kept(
    browser, page, live_server, township_a, inspector_a
):
    operator = OperatorFactory(township=township_a, name="红星面馆", address="甲镇东街1号")
    colleague = UserFactory(username="colleague", name="李协管", townships=[township_a], role=INSPECTOR)
    edit_url = f"{live_server.url}/registry/operators/{operator.pk}/edit/"

    other_context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    other = other_context.new_page()
    other.set_default_timeout(10_000)
    try:
        # Both open the edit page of the same version.
        login(page, live_server, inspector_a)
        page.goto(edit_url)
        login(other, live_server, colleague)
        other.goto(edit_url)

        # The colleague saves first.
        fill(other.get_by_label("经营地址"), "甲镇西街9号")
        other.get_by_role("button", name="保存").click()
        expect(other.get_by_text("已保存：红星面馆")).to_be_visible()

        # The inspector's save, from the page drawn before, is refused.
        fill(page.get_by_label("名称"), "红星牛肉面馆")
        page.get_by_role("button", name="保存").click()
        expect(page.get_by_text("保存未执行").first).to_be_visible()
        expect(page.get_by_text("已被李协管于", exact=False).first).to_be_visible()
        expect(page.get_by_text("经营地址：您打开时为“甲镇东街1号”，现为“甲镇西街9号”").first).to_be_visible()
        expect(page.get_by_label("名称")).to_have_value("红星牛肉面馆")
        operator.refresh_from_db()
        assert (operator.name, operator.address, operator.version) == ("红星面馆", "甲镇西街9号", 2)

        # Having read what changed, the inspector takes the colleague's address and saves again.
        fill(page.get_by_label("经营地址"), "甲镇西街9号")
        page.get_by_role("button", name="保存").click()
        expect(page.get_by_text("已保存：红星牛肉面馆")).to_be_visible()
        operator = Operator.objects.get(pk=operator.pk)
        assert (operator.name, operator.address, operator.version) == ("红星牛肉面馆", "甲镇西街9号", 3)
    finally:
        other_context.close()
