"""Browser tests: Playwright's sync API driving Debian's Chromium against pytest-django's live server."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from registry.roles import INSPECTOR
from tests.factories import CountyFactory, TownshipFactory, UserFactory, VillageFactory

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PASSWORD = "pw-for-tests-123"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package (make test does)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, request):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    if getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture
def township_a(transactional_db):
    county = CountyFactory()
    township = TownshipFactory(county=county, code="town-a", name="甲镇")
    VillageFactory(township=township, name="甲一村")
    VillageFactory(township=township, name="甲二村")
    return township


@pytest.fixture
def inspector_a(township_a):
    return UserFactory(username="inspector_a", name="王监管", townships=[township_a], role=INSPECTOR)


def fill(locator, value):
    """Type `value` into a field and make sure it landed.

    Playwright's fill focuses the field, then inserts the text into whatever has focus. Under CPU
    load a late focus change (Tom Select settling after a pick, a date field closing) can take the
    focus in between and swallow the text: seen in CI as a field posted empty. Type again then.
    """
    for _attempt in range(3):
        locator.fill(value)
        if locator.input_value() == value:
            return
    raise AssertionError(f"{locator} did not take {value!r}")


def login(page, live_server, user):
    page.goto(f"{live_server.url}/login/")
    fill(page.get_by_label("用户名"), user.username)
    fill(page.get_by_label("密码"), PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/")
