"""A leader clicks a number and lands on the records behind it, with the same count."""

import datetime

from registry.roles import LEADER
from tests.e2e.conftest import fill, login
from tests.factories import OperatorFactory, UserFactory
from tests.inspections.factories import InspectionFactory


def test_a_number_opens_the_records_it_counts(page, live_server, township_a):
    leader = UserFactory(username="leader_a", townships=[township_a], role=LEADER)
    today = datetime.date.today()
    shops = [OperatorFactory(township=township_a, name=f"小卖部{n}") for n in range(3)]
    for shop in shops[:2]:
        InspectionFactory(operator=shop, inspected_on=today.replace(month=1, day=2))
    InspectionFactory(operator=shops[0], inspected_on=datetime.date(today.year - 1, 6, 1))

    login(page, live_server, leader)
    page.goto(f"{live_server.url}/reports/figures/")
    fill(page.get_by_label("开始日期"), f"{today.year}-01-01")
    page.get_by_role("button", name="统计").click()
    number = page.locator('a[data-figure="inspections"]')
    assert number.inner_text() == "2"
    number.click()
    page.wait_for_url("**/reports/figures/inspections/**")
    assert page.locator(".figure-value").inner_text().startswith("2")
    assert page.locator("table.figure-records tbody tr").count() == 2
    assert page.get_by_text("共 2 条").is_visible()

    page.get_by_role("link", name="统计指标").click()
    page.locator('a[data-figure="inspection_coverage_pct"]').click()
    assert page.get_by_text("分子：现场检查覆盖的经营单位").is_visible()
    page.get_by_text("分母：食品生产经营单位").click()
    page.wait_for_url("**/reports/figures/operators_total/**")
    assert page.locator("table.figure-records tbody tr").count() == 3
