"""Impossible values are refused in forms and imports alike; a record outside its operator's
registered life is saved with a warning."""

import datetime

from django.contrib.messages import get_messages
from django.urls import reverse

from inspections.models import Banquet, Case, Inspection, InspectionDocument, Sample, Training
from inspections.sheets import LEDGER_SHEETS
from inspections.sheets.inspections import InspectionSheet
from registry.models import Operator
from tests.factories import OperatorFactory, inspector
from tests.inspections.base import InspectionFormTestCase
from tests.inspections.excel import ImportErrorTestCase, filled_template, workbook
from tests.inspections.test_inspections import INSPECTION_HEADER
from tests.inspections.test_sampling import sample_form

D = datetime.date
TOMORROW = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()


def banquet_data(village, **overrides):
    return {
        "village": village.pk,
        "host": "王五",
        "occasion": "wedding",
        "reported_on": "2026-04-20",
        "held_on": "2026-04-26",
        "meals": "2",
        "tables": "25",
        "guests": "240",
        **overrides,
    }


class FormBoundsTests(InspectionFormTestCase):
    def test_an_inspection_dated_1899_gets_no_record_and_no_document_number(self):
        self.login(self.inspector_a)
        response = self.create(self.post_data(inspected_on="1899-12-31"))
        self.assertContains(response, "检查日期不能早于2000年1月1日，请核对年份。")
        self.assertFalse(Inspection.objects.exists())
        self.assertFalse(InspectionDocument.objects.exists())

    def test_a_banquet_in_1899_or_with_impossible_guests_is_refused_and_the_input_kept(self):
        self.login(self.inspector_a)
        url = reverse("inspections:banquet_create")
        response = self.client.post(url, banquet_data(self.village_a, held_on="1899-12-31", guests="99999999999"))
        self.assertContains(response, "聚餐日期不能早于2000年1月1日，请核对年份。")
        self.assertContains(response, "就餐人数不能超过5,000，请核对是否多输了数字。")
        self.assertContains(response, 'value="99999999999"')
        self.assertFalse(Banquet.objects.exists())
        response = self.client.post(url, banquet_data(self.village_a))
        self.assertEqual(Banquet.objects.count(), 1)

    def test_activity_counts_and_fines_have_plausible_maxima(self):
        self.login(self.inspector_a)
        response = self.client.post(
            reverse("inspections:training_create"),
            {"township": self.township_a.pk, "held_on": "2026-03-01", "topic": "食品安全培训", "attendees": "1000000"},
        )
        self.assertContains(response, "不能超过5,000")
        self.assertFalse(Training.objects.exists())
        case = Case(township=self.township_a, operator=self.restaurant, filed_on=D(2026, 3, 1), fine=50_000_000)
        with self.assertRaisesMessage(Exception, "罚款（元）不能超过10,000,000"):
            case.full_clean()

    def test_an_event_of_the_past_cannot_be_dated_tomorrow(self):
        operator = OperatorFactory(township=self.township_a)
        operator.registered_on = D.fromisoformat(TOMORROW)
        with self.assertRaisesMessage(Exception, "登记日期不能晚于今天。"):
            operator.full_clean()


class OperatorLifeWarningTests(InspectionFormTestCase):
    def test_an_inspection_before_registration_is_saved_with_a_warning(self):
        Operator.objects.filter(pk=self.restaurant.pk).update(registered_on=datetime.date.today())
        self.login(self.inspector_a)
        yesterday = (datetime.date.today() - datetime.timedelta(days=1)).isoformat()
        response = self.create(self.post_data(inspected_on=yesterday))
        inspection = Inspection.objects.get()
        self.assertRedirects(response, inspection.get_absolute_url())
        warnings = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
        self.assertEqual(len(warnings), 1)
        self.assertIn("早于“红星面馆”的登记日期", warnings[0])

    def test_a_sample_after_cancellation_is_saved_with_a_warning(self):
        shop = OperatorFactory(township=self.township_a, name="已注销小店", registered_on=D(2020, 1, 1))
        shop.change_status(status="cancelled", day=D(2024, 6, 30), reason="停业")
        self.login(self.inspector_a)
        data = sample_form(shop, sampled_on="2025-03-01")
        response = self.client.post(reverse("inspections:sample_create"), data, follow=True)
        if not Sample.objects.exists():
            self.fail(response.context["form"].errors)
        self.assertContains(response, "晚于“已注销小店”的注销日期（2024-06-30）")


class ImportBoundsTests(ImportErrorTestCase):
    def test_impossible_banquet_rows_are_reported_per_row(self):
        banquet = {
            "聚餐日期": "2026-04-26",
            "村": "甲一村",
            "举办者": "王五",
            "聚餐类型": "婚宴",
            "报告日期": "2026-04-20",
            "桌数": 20,
            "就餐人数": 200,
        }
        sheet = LEDGER_SHEETS["banquets"]
        result = sheet(township=self.township_a, user=self.inspector_a).read(
            filled_template(
                sheet, [banquet, {**banquet, "聚餐日期": "1899-12-31"}, {**banquet, "就餐人数": 99999999999}]
            )
        )
        self.assertEqual(
            [str(e) for e in result.errors],
            [
                "第4行，“聚餐日期”列：聚餐日期不能早于2000年1月1日，请核对年份。",
                "第5行，“就餐人数”列：就餐人数不能超过5,000，请核对是否多输了数字。",
            ],
        )

    def test_an_imported_inspection_outside_the_operators_life_is_a_warning_not_an_error(self):
        colleague = inspector(self.township_a, username="colleague", name="李执法")
        self.inspector_a.name = "王监管"
        self.inspector_a.save()
        Operator.objects.filter(pk=self.shop.pk).update(registered_on=D(2025, 6, 1))
        row = ["2025-02-01", "甲镇粮油店", "", "日常检查", "", "王监管、李执法", "", "符合", "", "", ""]
        result = InspectionSheet(township=self.township_a, user=self.inspector_a).read(
            workbook(INSPECTION_HEADER, [row])
        )
        self.assertEqual(result.errors, [])
        self.assertEqual(
            [str(w) for w in result.warnings],
            [
                "第3行，“检查日期”列：检查日期（2025-02-01）早于“甲镇粮油店”的登记日期（2025-06-01），"
                "请核对日期或该单位的登记日期。"
            ],
        )
        self.assertTrue(colleague.pk)
