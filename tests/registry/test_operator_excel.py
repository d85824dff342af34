import datetime
import io
import tempfile

from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from registry.ledgers.sheets import RowError
from registry.models import Operator
from registry.sheets import OperatorSheet
from tests.base import CastTestCase
from tests.factories import OperatorFactory, TownshipFactory, VillageFactory, valid_credit_code

HEADER = ["名称", "业态类别", "细类", "统一社会信用代码", "许可/登记证编号", "所属村", "登记日期"]


def workbook_bytes(rows, *, title_rows=1, header=HEADER):
    """An .xlsx like the ones offices keep: merged title rows above the header."""
    wb = Workbook()
    ws = wb.active
    for n in range(title_rows):
        ws.append([f"甲镇食品经营户台账（第{n + 1}行标题）"])
        ws.merge_cells(start_row=n + 1, start_column=1, end_row=n + 1, end_column=len(header))
    ws.append(header)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    return buffer


class OperatorImportTests(CastTestCase):
    def read(self, rows, **kwargs):
        return OperatorSheet(township=self.township_a, user=self.inspector_a).read(workbook_bytes(rows, **kwargs))

    def test_a_clean_file_is_read_under_merged_title_rows(self):
        rows = [
            ["红星面馆", "餐饮服务", "小型餐饮", valid_credit_code(1), "JY1001", "甲一村", datetime.date(2022, 3, 1)],
            ["金穗面粉厂", "食品生产企业", "", "", "SC1001", "", "2021年5月6日"],
            ["张记豆腐坊", "三小", "小作坊", "", "", "甲一村", "2020/7/8"],
        ]
        result = self.read(rows, title_rows=2)
        self.assertEqual(result.errors, [])
        first, second, third = result.records
        self.assertEqual((first.category, first.subtype, first.village), ("catering", "small_scale", self.village_a))
        self.assertEqual(second.registered_on, datetime.date(2021, 5, 6))
        self.assertEqual(third.registered_on, datetime.date(2020, 7, 8))
        self.assertEqual(Operator.objects.count(), 0)

    def test_every_bad_row_is_reported_and_nothing_is_saved(self):
        OperatorFactory(township=self.township_b, licence_no="JY-TAKEN")
        rows = [
            ["好店", "食品零售", "食杂店", "", "JY2001", "甲一村", "2022-01-01"],
            ["", "食品零售", "食杂店", "", "", "", "2022-01-01"],
            ["坏代码店", "食品零售", "食杂店", "91330100716105852E", "", "", "2022-01-01"],
            ["外村店", "食品零售", "食杂店", "", "", "乙一村", "2022-01-01"],
            ["怪类别", "奶茶店", "", "", "", "", "2022-01-01"],
            ["重号店", "食品零售", "食杂店", "", "JY-TAKEN", "", "2022-01-01"],
            ["同表重号", "食品零售", "食杂店", "", "JY2001", "", "2022-01-01"],
            ["日期乱写", "食品零售", "食杂店", "", "", "", "去年春天"],
            ["缺细类", "餐饮服务", "", "", "", "", "2022-01-01"],
        ]
        result = self.read(rows)
        messages = [str(e) for e in result.errors]
        self.assertEqual(
            messages,
            [
                "第4行，“名称”列：必填，不能为空",
                "第5行，“统一社会信用代码”列：统一社会信用代码校验位错误（第18位应为 F），请核对是否录错。",
                "第6行，“所属村”列：“乙一村”不是甲镇的行政村",
                "第7行，“业态类别”列：“奶茶店”不在可选范围内（食品生产企业、食品批发、食品零售、餐饮服务、单位食堂、三小、农贸市场/集中交易市场）",
                "第8行，“许可/登记证编号”列：该许可/登记证编号已被其他经营者使用。",
                "第9行，“许可/登记证编号”列：与本表前面的行重复",
                "第10行，“登记日期”列：“去年春天”不是有效日期，请写成 2022-03-01 或设置为日期格式",
                "第11行，“细类”列：“餐饮服务（社会餐饮）”须选择细类：大型餐饮、中型餐饮、小型餐饮。",
            ],
        )
        with self.assertRaises(ValueError):
            OperatorSheet(township=self.township_a).save(result)
        self.assertFalse(Operator.objects.filter(township=self.township_a).exists())

    def test_missing_required_column_and_missing_header(self):
        result = self.read([["店"]], header=["名称", "细类"])
        self.assertEqual([str(e) for e in result.errors], ["第2行：缺少必填列：业态类别、登记日期"])
        result = self.read([["店"]], header=["店名", "类型"])
        self.assertIn("找不到表头", str(result.errors[0]))

    def test_not_an_excel_file(self):
        result = OperatorSheet(township=self.township_a).read(io.BytesIO(b"name,category\n"))
        self.assertIn("无法读取文件", str(result.errors[0]))

    def test_row_error_wording(self):
        self.assertEqual(str(RowError(5, "名称", "必填")), "第5行，“名称”列：必填")

    def test_stall_may_name_a_market_from_an_earlier_row(self):
        header = [*HEADER, "所在市场"]
        rows = [
            ["甲镇农贸市场", "农贸市场/集中交易市场", "农贸市场", "", "", "", "2015-01-01", ""],
            ["摊位一号", "食品零售", "食杂店", "", "", "", "2022-01-01", "甲镇农贸市场"],
        ]
        result = self.read(rows, header=header)
        self.assertEqual(result.errors, [])
        OperatorSheet(township=self.township_a, user=self.inspector_a).save(result)
        stall = Operator.objects.get(name="摊位一号")
        self.assertEqual(stall.market.name, "甲镇农贸市场")
        self.assertEqual(stall.history.get().history_change_reason, "Excel导入")
        self.assertEqual(stall.history.get().history_user, self.inspector_a)


class ExportRoundTripTests(CastTestCase):
    """Export a township's registry, import it into an empty township: the same registry."""

    FIELDS = [f.name for f in Operator._meta.concrete_fields if f.editable] + ["category", "subtype"]
    SKIP = {
        "id",
        "township",
        "village",
        "market",
        "created_at",
        "created_by",
        "updated_at",
        "voided_at",
        "voided_by",
        "void_reason",
        "licence_no",
    }

    def test_round_trip(self):
        market = OperatorFactory(
            township=self.township_a,
            name="甲镇农贸市场",
            category="market",
            subtype="farmers_market",
            rapid_test_room=True,
            licence_no="MK1",
        )
        OperatorFactory(
            township=self.township_a,
            village=self.village_a,
            name="红星面馆",
            category="catering",
            subtype="small_scale",
            credit_code=valid_credit_code(11),
            licence_no="JY-RT-1",
            licence_issued_on=datetime.date(2021, 3, 1),
            licence_expires_on=datetime.date(2026, 2, 28),
            legal_representative="王红",
            phone="13912345678",
            address="东街1号",
            supervising_note="",
            risk_level="C",
            credit_level="B",
            bright_kitchen=True,
            fume_purifier=True,
            uses_lpg=True,
            insurance_policy_no="P1",
            insurance_start=datetime.date(2026, 1, 1),
            insurance_end=datetime.date(2026, 12, 31),
            notes="多行\n备注",
        )
        OperatorFactory(township=self.township_a, name="摊位", market=market, licence_no="")
        OperatorFactory(
            township=self.township_a,
            name="已注销的店",
            status="cancelled",
            status_date=datetime.date(2023, 5, 1),
            licence_no="",
        )
        voided = OperatorFactory(township=self.township_a, name="作废的店")
        voided.void(by=self.inspector_a, reason="重复")

        self.login(self.inspector_a)
        response = self.client.get(reverse("registry:operator_export"))
        self.assertEqual(response["Content-Type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

        # Licence numbers are unique nationally, so the copy goes to a fresh database state:
        original = self.snapshot(self.township_a)
        Operator.objects.filter(township=self.township_a).update(licence_no="")
        empty = TownshipFactory(county=self.county, name="丙镇")
        VillageFactory(township=empty, name="甲一村")
        result = OperatorSheet(township=empty).read(io.BytesIO(response.content))
        self.assertEqual(result.errors, [])
        OperatorSheet(township=empty).save(result)
        self.assertEqual(self.snapshot(empty), original)

    def snapshot(self, township):
        rows = []
        for op in Operator.objects.valid().filter(township=township).select_related("village", "market"):
            row = {name: getattr(op, name) for name in self.FIELDS if name not in self.SKIP}
            row["village"] = op.village.name if op.village else None
            row["market"] = op.market.name if op.market else None
            rows.append(row)
        return sorted(rows, key=lambda r: r["name"])


class ImportCommandTests(CastTestCase):
    def write(self, rows):
        handle = tempfile.NamedTemporaryFile(suffix=".xlsx", delete=False)  # noqa: SIM115
        handle.write(workbook_bytes(rows).getvalue())
        handle.close()
        return handle.name

    def test_dry_run_saves_nothing_and_real_run_saves_all(self):
        path = self.write([["面馆", "餐饮服务", "小型餐饮", "", "", "甲一村", "2022-01-01"]])
        out = io.StringIO()
        call_command("import_operators", path, township="town-a", dry_run=True, stdout=out)
        self.assertIn("检查通过：1 行", out.getvalue())
        self.assertFalse(Operator.objects.exists())
        call_command("import_operators", path, township="town-a", stdout=out)
        self.assertEqual(Operator.objects.get().township, self.township_a)

    def test_errors_are_listed_and_nothing_is_saved(self):
        path = self.write([["好店", "食品零售", "食杂店", "", "", "", "2022-01-01"], ["", "x", "", "", "", "", ""]])
        err = io.StringIO()
        with self.assertRaisesMessage(CommandError, "未导入任何数据"):
            call_command("import_operators", path, township="town-a", stderr=err)
        self.assertIn("第4行，“名称”列：必填，不能为空", err.getvalue())
        self.assertFalse(Operator.objects.exists())

    def test_unknown_township(self):
        with self.assertRaisesMessage(CommandError, "没有代码为“nowhere”的乡镇"):
            call_command("import_operators", "x.xlsx", township="nowhere")


class ImportPageTests(CastTestCase):
    def upload(self, rows, township=None):
        data = workbook_bytes(rows)
        data.name = "台账.xlsx"
        return self.client.post(
            reverse("registry:operator_import"), {"township": (township or self.township_a).pk, "file": data}
        )

    def test_preview_then_confirm(self):
        self.login(self.inspector_a)
        response = self.upload([["面馆", "餐饮服务", "小型餐饮", "", "", "甲一村", "2022-01-01"]])
        self.assertContains(response, "全部 1 行检查通过")
        self.assertFalse(Operator.objects.exists())
        token = response.context["confirm_form"].initial["token"]
        response = self.client.post(reverse("registry:operator_import"), {"token": token}, follow=True)
        self.assertContains(response, "导入 1 条记录到甲镇")
        self.assertEqual(Operator.objects.get().created_by, self.inspector_a)
        # The same token cannot import twice.
        self.client.post(reverse("registry:operator_import"), {"token": token})
        self.assertEqual(Operator.objects.count(), 1)

    def test_preview_with_errors_offers_no_confirm(self):
        self.login(self.inspector_a)
        response = self.upload([["", "餐饮服务", "小型餐饮", "", "", "", "2022-01-01"]])
        self.assertContains(response, "第3行，“名称”列：必填，不能为空")
        self.assertIsNone(response.context["confirm_form"])

    def test_cannot_import_into_another_township(self):
        self.login(self.inspector_a)
        response = self.upload([["面馆", "餐饮服务", "小型餐饮", "", "", "", "2022-01-01"]], self.township_b)
        self.assertIn("township", response.context["form"].errors)

    def test_template_download_has_the_columns(self):
        self.login(self.inspector_a)
        response = self.client.get(reverse("registry:operator_template"))
        sheet = load_workbook(io.BytesIO(response.content)).active
        headers = [cell.value for cell in sheet[2]]
        self.assertEqual(headers[:3], ["名称*", "业态类别*", "细类"])
        # The blank template reads back as "no data", not as an error about headers.
        result = OperatorSheet(township=self.township_a).read(io.BytesIO(response.content))
        self.assertEqual([str(e) for e in result.errors], ["表头：表格中没有数据行"])
