"""A leader opens the dashboard, changes the period, clicks a number and lands on its records."""

import datetime

from registry.roles import LEADER
from tests.e2e.conftest import login
from tests.factories import OperatorFactory, UserFactory
from tests.inspections.factories import InspectionFactory


def test_a_leader_changes_the_period_and_opens_a_numbers_records(page, live_server, township_a):
    leader = UserFactory(username="leader_a", townships=[township_a], role=LEADER)
    today = datetime.date.today()
    last_year = today.year - 1
    shops = [OperatorFactory(township=township_a, name=f"小卖部{n}") for n in range(4)]
    InspectionFactory(operator=shops[0], inspected_on=today.replace(month=1, day=2))
    for shop in shops[:3]:
        InspectionFactory(operator=shop, inspected_on=datetime.date(last_year, 3, 1))
    problems = []
    page.on(
        "console", lambda message: problems.append(message.text) if "Content Security Policy" in message.text else None
    )
    page.on("pageerror", lambda error: problems.append(str(error)))

    login(page, live_server, leader)  # a leader's home is the dashboard
    assert page.get_by_role("heading", name="甲镇工作看板").is_visible()
    assert page.locator('a[data-figure="inspections"]').inner_text() == "1"
    assert page.locator('a[data-previous="inspections"]').inner_text() == "3"
    page.locator('[data-chart="inspections-by-month"] canvas').first.wait_for()

    page.get_by_role("link", name="去年", exact=True).click()
    page.wait_for_url(f"**/reports/dashboard/?township={township_a.pk}&from={last_year}-01-01&to={last_year}-12-31")
    assert page.get_by_role("heading", name=f"甲镇工作看板 {last_year}年").is_visible()
    number = page.locator('a[data-figure="inspections"]')
    assert number.inner_text() == "3"

    number.click()
    page.wait_for_url("**/reports/figures/inspections/**")
    assert page.locator(".figure-value").inner_text().startswith("3")
    assert page.locator("table.figure-records tbody tr").count() == 3
    assert problems == []


def test_the_dashboard_fits_a_phone(browser, live_server, township_a):
    leader = UserFactory(username="leader_a", townships=[township_a], role=LEADER)
    OperatorFactory(township=township_a, name="小卖部")
    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        login(page, live_server, leader)
        assert page.get_by_text("本期和上年同期都没有现场检查记录。").is_visible()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"the page is {width} px wide on a 390 px phone"
    finally:
        context.close()
