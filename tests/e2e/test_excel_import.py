"""An office's own workbook: a group row above the header, merged village cells, a column we do not know."""

from openpyxl import Workbook
from playwright.sync_api import expect

from registry.models import Operator
from tests.e2e.conftest import ARTIFACTS, login
from tests.registry.workbooks import save


def office_workbook():
    wb = Workbook()
    ws = wb.active
    ws.title = "2022年经营户"
    ws.append(["红桥镇食品经营户花名册"])
    ws.append(["序号", "基本信息", None, None, "所在村", "登记日期", "状态", "微信号"])
    ws.append([None, "单位名称", "业态类别", "细类", None, None, None, None])
    ws.append([1, "红星面馆", "餐饮服务", "小型餐饮", "甲一村", "2022-03-01", "营业", "hongxing88"])
    ws.append([2, "张记豆腐坊", "三小", "小作坊", None, 44621, "停业", None])
    ws.append([3, "东街超市", "食品零售", "商超", "甲二村", "2022/3/5", "营业", None])
    for ref in ("A1:H1", "B2:D2", "A2:A3", "E2:E3", "F2:F3", "G2:G3", "H2:H3", "E4:E5"):
        ws.merge_cells(ref)
    return save(wb)


def test_preview_shows_the_mapping_and_asks_about_the_unknown_column(page, live_server, inspector_a, tmp_path):
    upload = tmp_path / "经营户花名册.xlsx"
    upload.write_bytes(office_workbook())
    login(page, live_server, inspector_a)
    page.goto(f"{live_server.url}/registry/operators/import/")
    page.get_by_label("Excel 文件（.xlsx）").set_input_files(str(upload))
    page.get_by_role("button", name="上传并预览").click()

    expect(page.locator(".import-source")).to_contain_text("读取工作表“2022年经营户”，表头在第 3 行，共 3 行数据")
    expect(page.locator(".import-ignored")).to_contain_text("H列“微信号”")
    mapping = page.locator(".import-mapping")
    expect(mapping.get_by_role("row", name="B列“单位名称” 名称")).to_be_visible()
    expect(mapping.get_by_role("row", name="G列“状态” 经营状态")).to_be_visible()
    expect(mapping.get_by_role("row", name="A列“序号” 序号（不导入）")).to_be_visible()
    # The merged village cell fills both rows of the preview.
    preview = page.locator(".import-preview tbody tr")
    expect(preview.nth(1)).to_contain_text("甲一村")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "excel_import_preview.png"), full_page=True)

    # Confirming without ticking the checkbox is stopped by the browser (the view checks too).
    tick = page.get_by_label("我已核对：以上列的内容不导入")
    page.get_by_role("button", name="确认导入").click()
    assert tick.evaluate("box => box.validity.valueMissing")
    expect(page.locator(".import-ignored")).to_be_visible()
    assert not Operator.objects.exists()
    tick.check()
    page.get_by_role("button", name="确认导入").click()
    expect(page.get_by_text("导入 3 条记录到甲镇")).to_be_visible()
    tofu = Operator.objects.get(name="张记豆腐坊")
    assert (tofu.village.name, tofu.status, str(tofu.registered_on)) == ("甲一村", "suspended", "2022-03-01")
