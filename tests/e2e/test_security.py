"""In a real browser: repeated wrong passwords lock the account with a Chinese message, and the
审计员 finds the lockout in the audit page; the policy blocks nothing the pages need; a new account
changes its password first."""

from django.conf import settings
from playwright.sync_api import expect

from registry.roles import AUDITOR, LEADER
from tests.e2e.conftest import PASSWORD, fill, login
from tests.factories import OperatorFactory, UserFactory


def watch_policy(page):
    """Every Content-Security-Policy violation the page reports, as console messages."""
    violations = []
    page.on(
        "console",
        lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
    )
    return violations


def test_lockout_message_then_the_auditor_sees_the_entry(page, live_server, inspector_a):
    auditor = UserFactory(username="shenji", name="审计员甲", role=AUDITOR)
    violations = watch_policy(page)

    page.goto(f"{live_server.url}/login/")
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        fill(page.get_by_label("用户名"), "inspector_a")
        fill(page.get_by_label("密码"), "not-the-password")
        page.get_by_role("button", name="登录").click()
        expect(page.get_by_text("用户名或密码不正确")).to_be_visible()
    fill(page.get_by_label("用户名"), "inspector_a")
    fill(page.get_by_label("密码"), "not-the-password")
    page.get_by_role("button", name="登录").click()

    expect(page.get_by_role("heading", name="登录已暂时锁定")).to_be_visible()
    expect(page.get_by_text("密码错误次数过多，该账号在本设备上已锁定 1 小时")).to_be_visible()

    # The right password is refused too, now.
    page.goto(f"{live_server.url}/login/")
    fill(page.get_by_label("用户名"), "inspector_a")
    fill(page.get_by_label("密码"), PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="登录已暂时锁定")).to_be_visible()

    # The auditor signs in (another account: not locked) and lands on the audit page.
    page.goto(f"{live_server.url}/login/")
    fill(page.get_by_label("用户名"), auditor.username)
    fill(page.get_by_label("密码"), PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/audit/")
    page.get_by_label("类型").select_option(label="账号锁定")
    page.get_by_role("button", name="查询").click()
    # One when the tenth wrong password locked it, one when the right password was refused.
    rows = page.locator("table.audit-table tbody tr")
    expect(rows).to_have_count(2)
    for row in rows.all():
        expect(row).to_contain_text("账号锁定")
        expect(row).to_contain_text("inspector_a")
        expect(row).to_contain_text("127.0.0.1")

    page.get_by_label("类型").select_option(label="登录失败")
    page.get_by_role("button", name="查询").click()
    expect(page.get_by_text(f"共 {settings.AXES_FAILURE_LIMIT + 1} 条")).to_be_visible()
    assert violations == []


def test_pages_run_under_the_policy(page, live_server, inspector_a, township_a):
    """Scripts, styles, fonts and charts of the main pages: the browser reports no violation."""
    OperatorFactory(township=township_a, name="红星面馆")
    leader = UserFactory(username="county_leader", county=township_a.county, role=LEADER)
    violations = watch_policy(page)

    login(page, live_server, inspector_a)
    for path in ("/", "/registry/operators/", "/registry/operators/new/", "/ledgers/inspections/new/"):
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
    # Scripts ran: the new inspection's operator list became a searchable drop-down.
    expect(page.locator(".ts-wrapper").first).to_be_attached()

    page.context.clear_cookies()
    login(page, live_server, leader)
    for path in ("/", "/reports/figures/", "/reports/dashboard/"):
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
    assert violations == []


def test_a_new_account_changes_its_password_first(page, live_server, township_a):
    newbie = UserFactory(username="newbie", name="新同事", townships=[township_a], must_change_password=True)

    page.goto(f"{live_server.url}/login/")
    fill(page.get_by_label("用户名"), newbie.username)
    fill(page.get_by_label("密码"), PASSWORD)
    page.get_by_role("button", name="登录").click()

    page.wait_for_url(f"{live_server.url}/password/")
    expect(page.get_by_text("请先修改密码")).to_be_visible()
    fill(page.get_by_label("原密码"), PASSWORD)
    fill(page.locator("#id_new_password1"), "short")
    fill(page.locator("#id_new_password2"), "short")
    page.get_by_role("button", name="保存新密码").click()
    expect(page.get_by_text("密码太短：至少需要 10 个字符。")).to_be_visible()

    fill(page.get_by_label("原密码"), PASSWORD)
    fill(page.locator("#id_new_password1"), "Xinmima-2026")
    fill(page.locator("#id_new_password2"), "Xinmima-2026")
    page.get_by_role("button", name="保存新密码").click()
    page.wait_for_url(f"{live_server.url}/")
    expect(page.get_by_text("密码已修改")).to_be_visible()
    newbie.refresh_from_db()
    assert not newbie.must_change_password
