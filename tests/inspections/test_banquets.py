import datetime

from django.core.exceptions import ValidationError
from django.urls import reverse

from inspections.models import Banquet, RuleParameter
from inspections.sheets import LEDGER_SHEETS
from tests.base import CastTestCase
from tests.factories import MobileChefFactory
from tests.inspections.excel import ImportErrorTestCase
from tests.inspections.factories import BanquetFactory
from tests.inspections.test_activities import H1

D = datetime.date


class BanquetTests(CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.chef = MobileChefFactory(
            township=cls.township_a,
            name="刘师傅",
            health_certificate_expires_on=D(2026, 12, 31),
            training_certificate_expires_on=D(2026, 3, 1),
        )

    def test_dinner_figures_by_period_and_township(self):
        village_b = self.village_b
        BanquetFactory(village=self.village_a, guests=200, inspected=True)
        BanquetFactory(village=self.village_a, guests=120, tables=12)
        BanquetFactory(village=self.village_a, held_on=D(2026, 10, 2), reported_on=D(2026, 9, 25), guests=300)
        BanquetFactory(village=village_b, guests=500, inspected=True)
        BanquetFactory(village=self.village_a, guests=999).void(by=self.inspector_a, reason="重复")
        dinners = Banquet.objects.in_townships([self.township_a]).valid().between(*H1)
        # collective_dinners, dinner_guests, dinners_inspected
        self.assertEqual((dinners.count(), dinners.guests(), dinners.inspected().count()), (2, 320, 1))

    def test_what_a_reportable_banquet_lacks_is_shown_not_refused(self):
        banquet = BanquetFactory(village=self.village_a, chef=self.chef, guests=200, commitment_signed=True)
        self.assertEqual(banquet.warnings(), ["厨师培训证已过期", "未留样"])
        small = BanquetFactory(village=self.village_a, guests=40, tables=4)
        self.assertEqual(small.warnings(), [])
        self.login(self.inspector_a)
        self.assertContains(self.client.get(banquet.get_absolute_url()), "厨师培训证已过期；未留样")

    def test_the_reporting_threshold_is_configurable_from_a_date(self):
        banquet = BanquetFactory(village=self.village_a, guests=40, tables=4)
        self.assertFalse(banquet.must_report)
        RuleParameter.objects.create(key="banquet_min_guests", value=30, effective_from=D(2026, 4, 1))
        self.assertTrue(banquet.must_report)
        self.assertIn("未登记厨师", banquet.warnings())
        early = BanquetFactory(
            village=self.village_a, guests=40, tables=4, held_on=D(2026, 3, 20), reported_on=D(2026, 3, 10)
        )
        self.assertFalse(early.must_report)

    def test_guests_fill_the_tables_and_the_township_follows_the_village(self):
        banquet = BanquetFactory.build(village=self.village_a, township=self.township_b, tables=30, guests=20)
        with self.assertRaises(ValidationError) as caught:
            banquet.full_clean()
        self.assertEqual(caught.exception.message_dict["guests"], ["就餐人数不能少于桌数。"])
        self.assertEqual(banquet.township, self.township_a)

    def test_an_inspector_files_a_banquet_with_a_registered_chef(self):
        self.login(self.inspector_a)
        data = {
            "village": self.village_a.pk,
            "host": "王五",
            "occasion": "wedding",
            "reported_on": "2026-04-20",
            "held_on": "2026-04-26",
            "meals": "2",
            "tables": "25",
            "guests": "240",
            "chef": self.chef.pk,
            "commitment_signed": "on",
            "samples_kept": "on",
        }
        response = self.client.post(reverse("inspections:banquet_create"), data)
        banquet = Banquet.objects.get()
        self.assertRedirects(response, banquet.get_absolute_url())
        self.assertEqual(
            (banquet.township, banquet.chef, banquet.created_by), (self.township_a, self.chef, self.inspector_a)
        )


class BanquetImportTests(ImportErrorTestCase):
    def test_banquet_rows(self):
        banquet = {
            "聚餐日期": "2026-04-26",
            "村": "甲一村",
            "举办者": "王五",
            "聚餐类型": "婚宴",
            "报告日期": "2026-04-20",
            "桌数": 20,
            "就餐人数": 200,
        }
        errors = self.errors(
            LEDGER_SHEETS["banquets"],
            [banquet, {**banquet, "村": "乙一村"}, {**banquet, "厨师": "无名氏"}, {**banquet, "桌数": "二十"}],
        )
        self.assertEqual(
            errors,
            [
                "第4行，“村”列：“乙一村”不是甲镇的行政村",
                "第5行，“厨师”列：“无名氏”不是本县已登记的流动厨师",
                "第6行，“桌数”列：“二十”不是数字",
            ],
        )
