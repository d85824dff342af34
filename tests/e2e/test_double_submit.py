"""A double tap on 保存 records one inspection; the same form sent again later is not saved again."""

from playwright.sync_api import expect

from inspections.models import Inspection, InspectionDocument
from registry.roles import INSPECTOR
from tests.e2e.conftest import fill, login
from tests.factories import OperatorFactory, UserFactory


def test_a_double_tap_on_save_makes_one_inspection(page, live_server, inspector_a, township_a):
    UserFactory(
        username="colleague", name="李执法", townships=[township_a], role=INSPECTOR, enforcement_id="6207990009"
    )
    operator = OperatorFactory(township=township_a, name="红星牛肉面馆", category="catering", subtype="small_scale")
    login(page, live_server, inspector_a)
    page.goto(f"{live_server.url}/ledgers/inspections/new/?operator={operator.pk}")
    page.get_by_label("李执法（执法证 6207990009）").check()
    key_item = page.locator(".checklist-item", has_text="餐饮具清洗消毒设施正常使用")
    key_item.get_by_text("不符合", exact=True).click()
    fill(key_item.get_by_placeholder("具体问题（重点项必填）"), "消毒柜未通电")
    page.get_by_label("下达责令改正通知书").check()
    # What this form posts, to send it once more after the save (as 后退 and 保存 would).
    sent = page.evaluate(
        "Array.from(new FormData(document.querySelector('form.inspection-form')).entries())"
        ".filter(([name, value]) => typeof value === 'string')"
    )

    page.get_by_role("button", name="保存检查记录").dblclick()
    expect(page.get_by_text("已保存检查记录：红星牛肉面馆（不符合）")).to_be_visible()
    inspection = Inspection.objects.get()
    assert InspectionDocument.objects.filter(kind="correction_order").count() == 1

    # The same form posted again (its one-time token already used) saves nothing and shows the first.
    landed = page.evaluate(
        """async (sent) => {
            const response = await fetch('/ledgers/inspections/new/', {
                method: 'POST', body: new URLSearchParams(sent), credentials: 'same-origin'});
            return new URL(response.url).pathname;
        }""",
        sent,
    )
    assert landed == inspection.get_absolute_url()
    assert Inspection.objects.count() == 1
    assert InspectionDocument.objects.filter(kind="correction_order").count() == 1
