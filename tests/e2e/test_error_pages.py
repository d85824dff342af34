"""A refused page speaks Chinese inside the app, with its menus and a way back; English browsers too."""

from registry.roles import LEADER
from tests.e2e.conftest import login
from tests.factories import UserFactory


def test_a_403_page_is_in_chinese_with_the_navigation(page, live_server, township_a):
    leader = UserFactory(username="leader_a", townships=[township_a], role=LEADER)
    login(page, live_server, leader)

    response = page.goto(f"{live_server.url}/ledgers/inspections/new/")
    assert response.status == 403
    assert page.get_by_role("heading", name="没有权限打开这个页面").is_visible()
    assert page.title().startswith("没有权限")
    navigation = page.locator("nav.app-navbar")
    assert navigation.get_by_role("link", name="食安台账").is_visible()
    assert navigation.get_by_text("登记台账").is_visible()
    assert "Forbidden" not in page.content()

    page.get_by_role("link", name="返回首页").click()
    page.wait_for_url(f"{live_server.url}/")


def test_an_english_browser_gets_the_chinese_login(browser, live_server, township_a):
    context = browser.new_context(locale="en-US", extra_http_headers={"Accept-Language": "en-US,en;q=0.9"})
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/login/")
        assert page.get_by_label("用户名").is_visible()
        assert page.get_by_label("密码").is_visible()
        assert "Username" not in page.content()
        response = page.goto(f"{live_server.url}/no-such-page/")
        assert response.status == 404
        assert page.get_by_role("heading", name="页面不存在，或不在您的辖区内").is_visible()
    finally:
        context.close()
