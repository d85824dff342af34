import datetime
import io

from django.urls import reverse
from django.utils import timezone

from inspections.models import Rectification
from inspections.sheets.rectifications import RectificationSheet
from tests.base import CastTestCase
from tests.factories import OperatorFactory
from tests.inspections.excel import workbook
from tests.inspections.factories import RectificationFactory

D = datetime.date


class OverdueTests(CastTestCase):
    """hazards_listed / closed / overdue as figures.md §7 defines them, on fixed days."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.operator = OperatorFactory(township=cls.township_a)
        cls.open_late = RectificationFactory(operator=cls.operator, opened_on=D(2026, 3, 1), deadline=D(2026, 3, 15))
        cls.closed_late = RectificationFactory(
            operator=cls.operator,
            opened_on=D(2026, 3, 1),
            deadline=D(2026, 3, 15),
            status="closed",
            closed_on=D(2026, 4, 2),
        )
        cls.not_due = RectificationFactory(operator=cls.operator, opened_on=D(2026, 3, 20), deadline=D(2026, 4, 30))

    def test_overdue_on_a_fixed_day(self):
        self.assertEqual(set(Rectification.objects.overdue_on(D(2026, 3, 15))), set())
        self.assertEqual(set(Rectification.objects.overdue_on(D(2026, 3, 16))), {self.open_late, self.closed_late})
        self.assertEqual(set(Rectification.objects.overdue_on(D(2026, 4, 2))), {self.open_late})
        self.assertEqual(set(Rectification.objects.overdue_on(D(2026, 5, 1))), {self.open_late, self.not_due})

    def test_status_label(self):
        self.assertEqual(self.open_late.status_label(D(2026, 3, 10)), "待整改")
        self.assertEqual(self.open_late.status_label(D(2026, 3, 16)), "逾期")
        self.assertEqual(self.closed_late.status_label(D(2026, 5, 1)), "已销号")

    def test_overdue_filter_and_badge_in_the_list(self):
        today = timezone.localdate()
        late = RectificationFactory(
            operator=self.operator,
            opened_on=today - datetime.timedelta(days=20),
            deadline=today - datetime.timedelta(days=1),
            description="过期未改",
        )
        RectificationFactory(
            operator=self.operator, opened_on=today, deadline=today + datetime.timedelta(days=5), description="尚未到期"
        )
        self.login(self.inspector_a)
        response = self.client.get(reverse("inspections:rectification_list"), {"state": "overdue"})
        self.assertIn(late, response.context["object_list"])
        self.assertNotIn("尚未到期", response.content.decode())
        self.assertContains(response, "逾期")

    def test_overdue_is_flagged_on_the_operator_page(self):
        self.login(self.inspector_a)
        response = self.client.get(self.operator.get_absolute_url())
        self.assertContains(response, "逾期 2 项")


class RectificationActionTests(CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.operator = OperatorFactory(township=cls.township_a)

    def test_hazard_found_elsewhere_is_registered_reported_and_closed(self):
        today = timezone.localdate()
        self.login(self.inspector_a)
        response = self.client.post(
            reverse("inspections:rectification_create"),
            {
                "operator": self.operator.pk,
                "source": "hazard",
                "description": "燃气管道老化",
                "opened_on": today.isoformat(),
                "deadline": (today - datetime.timedelta(days=1)).isoformat(),
            },
        )
        self.assertContains(response, "整改期限不能早于下达日期")
        self.client.post(
            reverse("inspections:rectification_create"),
            {
                "operator": self.operator.pk,
                "source": "hazard",
                "description": "燃气管道老化",
                "opened_on": today.isoformat(),
                "deadline": (today + datetime.timedelta(days=7)).isoformat(),
            },
        )
        hazard = Rectification.objects.get()
        self.assertEqual(hazard.township, self.township_a)
        self.client.post(
            reverse("inspections:rectification_report", args=[hazard.pk]),
            {"day": today.isoformat(), "note": "已更换管道"},
        )
        hazard.refresh_from_db()
        self.assertEqual(hazard.status, "reported")
        response = self.client.post(
            reverse("inspections:rectification_close", args=[hazard.pk]),
            {"day": today.isoformat(), "note": "现场核实已整改"},
        )
        hazard.refresh_from_db()
        self.assertEqual((hazard.status, hazard.closed_on), ("closed", today))
        self.assertRedirects(response, hazard.get_absolute_url())
        # A closed item is not closed twice.
        self.assertEqual(self.client.get(reverse("inspections:rectification_close", args=[hazard.pk])).status_code, 404)

    def test_other_township_cannot_touch_it(self):
        hazard = RectificationFactory(operator=self.operator)
        self.login(self.inspector_b)
        for name in ("rectification_detail", "rectification_update", "rectification_close", "rectification_void"):
            with self.subTest(name):
                self.assertEqual(self.client.get(reverse(f"inspections:{name}", args=[hazard.pk])).status_code, 404)


class RectificationImportTests(CastTestCase):
    def test_round_trip_and_errors(self):
        shop = OperatorFactory(township=self.township_a, name="东街超市")
        RectificationFactory(operator=shop, description="冷柜温度不达标", responsible_person="王红")
        RectificationFactory(operator=shop, description="已改好", status="closed", closed_on="2026-03-10")
        self.login(self.inspector_a)
        exported = self.client.get(reverse("inspections:rectification_export")).content
        Rectification.objects.all().delete()
        result = RectificationSheet(township=self.township_a).read(io.BytesIO(exported))
        self.assertEqual(result.errors, [])
        RectificationSheet(township=self.township_a).save(result)
        self.assertEqual(
            set(Rectification.objects.values_list("description", "status", "responsible_person")),
            {("冷柜温度不达标", "open", "王红"), ("已改好", "closed", "")},
        )
        bad = workbook(
            ["被检查单位", "问题描述", "下达日期", "整改期限", "状态"],
            [
                ["东街超市", "x", "2026-03-10", "2026-03-01", ""],
                ["东街超市", "y", "2026-03-10", "2026-03-20", "已销号"],
            ],
        )
        messages = [str(e) for e in RectificationSheet(township=self.township_a).read(bad).errors]
        self.assertEqual(
            messages,
            [
                "第3行，“整改期限”列：整改期限不能早于下达日期。",
                "第4行，“销号日期”列：销号须填写销号日期。",
            ],
        )
