"""An .html file passed off as evidence is refused with a Chinese message; a photo is kept and downloads."""

import datetime

from tests.e2e.conftest import fill, login
from tests.factories import OperatorFactory
from tests.inspections.factories import RectificationFactory

HTML = b"<!doctype html><script>fetch('/ledgers/inspections/export.xlsx')</script>"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


def test_an_html_evidence_is_refused(page, live_server, township_a, inspector_a):
    today = datetime.date.today()
    rectification = RectificationFactory(
        operator=OperatorFactory(township=township_a, name="红星面馆"),
        opened_on=today,
        deadline=today + datetime.timedelta(days=10),
    )
    login(page, live_server, inspector_a)
    page.goto(f"{live_server.url}/ledgers/rectifications/{rectification.pk}/close/")
    fill(page.get_by_label("整改情况"), "已更换消毒柜")
    page.get_by_label("整改佐证（照片/扫描件）").set_input_files(
        {"name": "evidence.html", "mimeType": "image/jpeg", "buffer": HTML}
    )
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.get_by_text("“evidence.html”不是允许上传的文件类型").is_visible()
    rectification.refresh_from_db()
    assert rectification.status != "closed"
    # What was typed is still there; only the file must be chosen again.
    assert page.get_by_label("整改情况").input_value() == "已更换消毒柜"

    page.get_by_label("整改佐证（照片/扫描件）").set_input_files(
        {"name": "整改后.png", "mimeType": "image/png", "buffer": PNG}
    )
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**/ledgers/rectifications/{rectification.pk}/")
    with page.expect_download() as download:
        page.get_by_role("link", name="查看").click()
    assert download.value.suggested_filename.endswith(".png")
