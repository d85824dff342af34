"""Bad files: refused with a clear Chinese message, cheaply, changing nothing (issue 12.5, 13.3)."""

import io
import tracemalloc

from django.core.files.storage import default_storage
from django.urls import reverse
from openpyxl import Workbook

from registry.ledgers.sheets import MAX_IMPORT_ROWS
from registry.ledgers.xlsx import MAX_UPLOAD_BYTES
from registry.models import Operator
from registry.sheets import OperatorSheet
from tests.base import CastTestCase
from tests.factories import OperatorFactory
from tests.registry.workbooks import as_upload, encrypted, save, wide_rows, xlsx, zip_bomb

HEADER = ["名称", "业态类别", "细类", "许可/登记证编号", "所属村", "登记日期"]
ROW = ["面馆", "餐饮服务", "小型餐饮", "JY-NEW-1", "甲一村", "2022-01-01"]


def first_error(result):
    return str(result.error_lines[0])


class BadFileTests(CastTestCase):
    def read(self, content):
        return OperatorSheet(township=self.township_a).read(as_upload(content))

    def test_zip_bomb_is_refused_before_it_is_expanded(self):
        tracemalloc.start()
        try:
            result = self.read(zip_bomb(200))
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        self.assertEqual(first_error(result), "文件解压后过大（超过60 MB），不像是一份台账，请检查文件")
        self.assertLess(peak, 20 * 1024 * 1024)

    def test_rows_claiming_thousands_of_columns_are_read_in_bounded_memory(self):
        content = wide_rows(HEADER, ROW, rows=1000)
        self.assertLess(len(content), 200 * 1024)
        tracemalloc.start()
        try:
            result = self.read(content)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        self.assertEqual([str(e) for e in result.error_lines], [])
        self.assertEqual(len(result.records), 1)
        self.assertLess(peak, 40 * 1024 * 1024)

    def test_the_row_cap_stops_reading(self):
        wb = Workbook()
        wb.active.append(HEADER)
        for n in range(MAX_IMPORT_ROWS + 50):
            wb.active.append([f"店{n}", "食品零售", "食杂店", "", "", "2022-01-01"])
        result = self.read(save(wb))
        self.assertEqual(first_error(result), f"一次最多导入{MAX_IMPORT_ROWS}行，请分批导入")
        self.assertEqual(result.records, [])

    def test_password_protected_workbook(self):
        self.assertEqual(
            first_error(self.read(encrypted())),
            "文件设置了打开密码，无法读取。请在 Excel 中取消密码"
            "（文件→信息→保护工作簿→用密码进行加密，清空密码）后另存再上传",
        )

    def test_old_xls_file(self):
        ole2 = bytes.fromhex("d0cf11e0a1b11ae1") + bytes(4096)
        self.assertEqual(
            first_error(self.read(ole2)), "这是旧版 Excel（.xls）文件，请在 Excel 中“另存为”.xlsx 格式后再上传"
        )

    def test_corrupt_and_foreign_files(self):
        good = xlsx([HEADER, ROW]).getvalue()
        unreadable = "无法读取文件：文件已损坏或不是有效的 Excel 文件，请在 Excel 中打开后另存为 .xlsx 再上传"
        self.assertEqual(first_error(self.read(good[: len(good) // 2])), unreadable)
        self.assertEqual(first_error(self.read(b"name,category\n")), unreadable)
        self.assertEqual(first_error(self.read(b"")), unreadable)
        docx = io.BytesIO()
        import zipfile

        with zipfile.ZipFile(docx, "w") as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr("word/document.xml", "<document/>")
        self.assertEqual(first_error(self.read(docx.getvalue())), unreadable)


class UploadFormTests(CastTestCase):
    def upload(self, content, name="台账.xlsx"):
        self.login(self.inspector_a)
        return self.client.post(
            reverse("registry:operator_import"), {"township": self.township_a.pk, "file": as_upload(content, name)}
        )

    def assert_refused(self, response, message):
        self.assertEqual(response.status_code, 200)
        self.assertIn(message, response.context["form"].errors["file"][0])
        self.assertIsNone(response.context.get("result"))
        self.assertFalse(Operator.objects.exists())
        self.assertFalse(default_storage.exists("imports") and default_storage.listdir("imports")[1])

    def test_too_large_upload(self):
        self.assert_refused(self.upload(b"PK\x03\x04" + bytes(MAX_UPLOAD_BYTES)), "文件过大（超过10 MB）")

    def test_html_named_xlsx_is_refused_by_content(self):
        self.assert_refused(self.upload(b"<html><script>alert(1)</script></html>"), "文件已损坏或不是有效的 Excel 文件")

    def test_zip_bomb_upload(self):
        self.assert_refused(self.upload(zip_bomb(100)), "文件解压后过大")

    def test_encrypted_upload(self):
        self.assert_refused(self.upload(encrypted()), "文件设置了打开密码")

    def test_content_not_name_decides(self):
        response = self.upload(xlsx([HEADER, ROW]).getvalue(), name="台账（另存）.XLS")
        self.assertContains(response, "全部 1 行检查通过")


class PreviewConfirmTests(CastTestCase):
    def preview(self, rows, **kwargs):
        self.login(self.inspector_a)
        data = xlsx(rows, **kwargs)
        return self.client.post(reverse("registry:operator_import"), {"township": self.township_a.pk, "file": data})

    def confirm(self, token, **extra):
        return self.client.post(reverse("registry:operator_import"), {"token": token, **extra}, follow=True)

    def test_confirm_uses_the_stored_parse_not_the_workbook(self):
        response = self.preview([HEADER, ROW])
        token = response.context["confirm_form"].initial["token"]
        # The parse is kept as JSON beside the other uploads; the workbook itself is not kept.
        self.assertEqual(default_storage.listdir("imports")[1], [f"{token}.json"])
        response = self.confirm(token)
        self.assertContains(response, "导入 1 条记录到甲镇")
        operator = Operator.objects.get()
        self.assertEqual((operator.name, operator.licence_no, operator.village), ("面馆", "JY-NEW-1", self.village_a))
        self.assertEqual(default_storage.listdir("imports")[1], [])

    def test_a_licence_taken_after_the_preview_stops_the_confirm(self):
        response = self.preview([HEADER, ROW])
        token = response.context["confirm_form"].initial["token"]
        OperatorFactory(township=self.township_b, licence_no="JY-NEW-1")
        response = self.confirm(token)
        self.assertContains(response, "数据在预览后发生了变化")
        self.assertContains(response, "第2行，“许可/登记证编号”列：该许可/登记证编号已被其他经营者使用。")
        self.assertEqual(Operator.objects.filter(township=self.township_a).count(), 0)

    def test_ignored_columns_must_be_confirmed(self):
        response = self.preview([[*HEADER, "微信号"], [*ROW, "mian88"]])
        self.assertContains(response, "G列“微信号”")
        self.assertContains(response, "以下列不是本台账的列，其内容不会导入")
        token = response.context["confirm_form"].initial["token"]
        response = self.confirm(token)
        self.assertContains(response, "请勾选")
        self.assertFalse(Operator.objects.exists())
        # The preview is shown again from the stored parse, so the user can tick and go on.
        self.assertContains(response, "G列“微信号”")
        self.confirm(token, accept_ignored="on")
        self.assertEqual(Operator.objects.count(), 1)

    def test_preview_shows_the_column_mapping(self):
        rows = [
            ["序号", "名称", "业态类别", "细类", "状态", "登记日期"],
            [1, "面馆", "餐饮服务", "小型餐饮", "营业", "2022-01-01"],
        ]
        response = self.preview(rows, title="二〇二二年")
        self.assertContains(response, "工作表“二〇二二年”")
        mapping = response.context["result"].layout
        self.assertEqual([(c.letter, c.header, c.field_header) for c in mapping][4], ("E", "状态", "经营状态"))
        self.assertContains(response, "序号（不导入）")


class ImportCommandColumnTests(CastTestCase):
    def test_ignored_columns_need_the_flag(self):
        import tempfile

        from django.core.management import CommandError, call_command

        with tempfile.NamedTemporaryFile(suffix=".xlsx") as handle:
            handle.write(xlsx([[*HEADER, "微信号"], [*ROW, "mian88"]], title="经营户").getvalue())
            handle.flush()
            out, err = io.StringIO(), io.StringIO()
            with self.assertRaisesMessage(CommandError, "G列“微信号”"):
                call_command("import_operators", handle.name, township="town-a", stdout=out, stderr=err)
            self.assertIn("读取工作表“经营户”，表头在第1行，共1行数据。", err.getvalue())
            self.assertFalse(Operator.objects.exists())
            call_command("import_operators", handle.name, township="town-a", accept_ignored_columns=True, stdout=out)
            self.assertEqual(Operator.objects.get().name, "面馆")


class AbandonedImportTests(CastTestCase):
    def test_a_preview_left_for_a_day_is_deleted_by_the_next_upload(self):
        import os
        import time

        self.login(self.inspector_a)
        url = reverse("registry:operator_import")
        old = self.client.post(url, {"township": self.township_a.pk, "file": xlsx([HEADER, ROW])})
        old_token = old.context["confirm_form"].initial["token"]
        path = default_storage.path(f"imports/{old_token}.json")
        day_ago = time.time() - 25 * 3600
        os.utime(path, (day_ago, day_ago))
        new = self.client.post(url, {"township": self.township_a.pk, "file": xlsx([HEADER, ROW])})
        new_token = new.context["confirm_form"].initial["token"]
        self.assertEqual(default_storage.listdir("imports")[1], [f"{new_token}.json"])
        response = self.client.post(url, {"token": old_token}, follow=True)
        self.assertContains(response, "导入已失效，请重新上传文件。")
        self.assertFalse(Operator.objects.exists())


class OversizedRequestTests(CastTestCase):
    def test_an_oversized_upload_is_refused_before_it_is_read(self):
        self.login(self.inspector_a)
        big = as_upload(b"PK\x03\x04" + bytes(MAX_UPLOAD_BYTES + 128 * 1024))
        response = self.client.post(
            reverse("registry:operator_import"), {"township": self.township_a.pk, "file": big}, follow=True
        )
        self.assertContains(response, "文件过大（超过10 MB），请分批导入。")
        self.assertFalse(default_storage.exists("imports"))
