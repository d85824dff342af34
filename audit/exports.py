from django.utils import timezone
from openpyxl import Workbook

from registry.ledgers.xlsx import workbook_bytes, write_only_cell

COLUMNS = (("时间", 20), ("类型", 10), ("用户名", 16), ("姓名", 10), ("内容", 48), ("网址", 48), ("来源地址", 16))


def access_log_workbook(events) -> bytes:
    """The filtered access log as .xlsx, one row per event (streamed: the log may be long)."""
    wb = Workbook(write_only=True)
    sheet = wb.create_sheet("访问记录")
    for index, (_, width) in enumerate(COLUMNS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.append([write_only_cell(sheet, title) for title, _ in COLUMNS])
    for event in events.select_related("user").iterator(chunk_size=2000):
        values = (
            f"{timezone.localtime(event.at):%Y-%m-%d %H:%M:%S}",
            event.get_kind_display(),
            event.username,
            event.user.name if event.user else "",
            event.what,
            event.path,
            event.address or "",
        )
        sheet.append([write_only_cell(sheet, value) for value in values])
    return workbook_bytes(wb)
