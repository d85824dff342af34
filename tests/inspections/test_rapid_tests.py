import datetime
import importlib

from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse

from inspections.models import RapidTest, RapidTestItem
from inspections.sheets import LEDGER_SHEETS
from registry.models import Operator
from tests.base import CastTestCase
from tests.factories import OperatorFactory
from tests.inspections.excel import ImportErrorTestCase
from tests.inspections.factories import RapidTestFactory, RapidTestItemFactory

D = datetime.date


def batch(header, rows, extra=2):
    """POST data of the batch page: the header, the filled rows, and `extra` untouched rows."""
    data = {
        "tested_on": header.get("tested_on", "2026-04-08"),
        "operator": header["operator"],
        "tester": header.get("tester", "张检测"),
        "rows-TOTAL_FORMS": str(len(rows) + extra),
        "rows-INITIAL_FORMS": "0",
        "rows-MIN_NUM_FORMS": "0",
        "rows-MAX_NUM_FORMS": "200",
    }
    for index, row in enumerate([*rows, *([{}] * extra)]):
        data[f"rows-{index}-result"] = "pass"
        for name, value in row.items():
            data[f"rows-{index}-{name}"] = value
    return data


class RapidTestItemTests(CastTestCase):
    def test_the_standard_list_is_installed_by_a_data_migration(self):
        migration = importlib.import_module("inspections.migrations.0005_standard_items_and_rules")
        migration.add_standard_items(apps, None)  # idempotent; the test database has run it already
        names = set(RapidTestItem.objects.values_list("name", flat=True))
        self.assertLessEqual({"农残", "注水肉", "亚硝酸盐", "瘦肉精", "面制品中的铝", "双氧水"}, names)

    def test_only_the_admin_extends_the_list(self):
        self.assertFalse(self.inspector_a.has_perm("inspections.add_rapidtestitem"))
        self.assertTrue(self.admin.has_perm("inspections.add_rapidtestitem"))

    def test_a_switched_off_item_is_not_offered(self):
        RapidTestItemFactory(name="农残")
        RapidTestItemFactory(name="已停用项目", active=False)
        self.login(self.inspector_a)
        form = self.client.get(reverse("inspections:rapidtest_create")).context["form"]
        self.assertIn("农残", [i.name for i in form.fields["item"].queryset])
        self.assertNotIn("已停用项目", [i.name for i in form.fields["item"].queryset])


class RapidTestRuleTests(CastTestCase):
    def test_a_failed_test_needs_its_disposal(self):
        test = RapidTestFactory.build(operator=OperatorFactory(township=self.township_a), result="fail")
        with self.assertRaises(ValidationError) as caught:
            test.full_clean()
        self.assertEqual(caught.exception.message_dict["disposal"], ["不合格须填写处置情况。"])

    def test_a_retest_only_follows_a_failure(self):
        test = RapidTestFactory.build(operator=OperatorFactory(township=self.township_a), retest_result="pass")
        with self.assertRaises(ValidationError) as caught:
            test.full_clean()
        self.assertIn("retest_result", caught.exception.message_dict)


class RapidTestBatchTests(CastTestCase):
    """A market morning entered on one page."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.market = OperatorFactory(
            township=cls.township_a, name="甲镇农贸市场", category="market", subtype="farmers_market"
        )
        cls.market_b = OperatorFactory(
            township=cls.township_b, name="乙镇农贸市场", category="market", subtype="farmers_market"
        )
        cls.pesticide = RapidTestItemFactory(name="农残")
        cls.meat = RapidTestItemFactory(name="注水肉")

    def rows(self, count):
        return [
            {"vendor": f"{n}号摊位", "sample_name": "小白菜", "item": self.pesticide.pk, "measured_value": "抑制率12%"}
            for n in range(1, count + 1)
        ]

    def test_a_morning_of_tests_is_saved_at_once(self):
        rows = self.rows(20)
        rows[4] = {**rows[4], "result": "fail", "measured_value": "抑制率68%", "disposal": "现场销毁5公斤"}
        rows[7] = {**rows[7], "sample_name": "猪肉", "item": self.meat.pk, "measured_value": "水分74%"}
        self.login(self.inspector_a)
        response = self.client.post(reverse("inspections:rapidtest_batch"), batch({"operator": self.market.pk}, rows))
        self.assertEqual(response.status_code, 302)
        tests = RapidTest.objects.order_by("pk")
        self.assertEqual(tests.count(), 20)
        self.assertEqual(
            {(t.township, t.operator, t.tested_on, t.tester) for t in tests},
            {(self.township_a, self.market, D(2026, 4, 8), "张检测")},
        )
        self.assertEqual([t.vendor for t in tests.failed()], ["5号摊位"])
        self.assertEqual(tests[7].item, self.meat)
        self.assertEqual(tests[0].created_by, self.inspector_a)
        message = [str(m) for m in response.wsgi_request._messages]
        self.assertEqual(message, ["已录入 20 条快检记录（甲镇农贸市场，2026-04-08），其中不合格 1 条。"])

    def test_one_bad_row_saves_nothing_and_says_which(self):
        rows = self.rows(5)
        rows[2] = {**rows[2], "result": "fail"}  # failed without its disposal
        rows[3] = {**rows[3], "item": ""}
        self.login(self.inspector_a)
        response = self.client.post(reverse("inspections:rapidtest_batch"), batch({"operator": self.market.pk}, rows))
        self.assertEqual(response.status_code, 200)
        self.assertFalse(RapidTest.objects.exists())
        self.assertEqual([number for number, _ in response.context["row_errors"]], [3, 4])
        self.assertContains(response, "第3行：")
        self.assertContains(response, "不合格须填写处置情况。")
        self.assertContains(response, 'value="3号摊位"')  # nothing typed is lost

    def test_an_empty_batch_is_refused(self):
        self.login(self.inspector_a)
        response = self.client.post(reverse("inspections:rapidtest_batch"), batch({"operator": self.market.pk}, []))
        self.assertContains(response, "请至少填写一行检测记录。")

    def test_a_future_day_or_another_townships_market_is_refused(self):
        self.login(self.inspector_a)
        data = batch({"operator": self.market_b.pk, "tested_on": "2099-01-01"}, self.rows(1))
        response = self.client.post(reverse("inspections:rapidtest_batch"), data)
        self.assertContains(response, "检测日期不能晚于今天。")
        self.assertIn("operator", response.context["header"].errors)
        self.assertFalse(RapidTest.objects.exists())

    def test_a_leader_cannot_enter_tests(self):
        self.login(self.leader_a)
        self.assertEqual(self.client.get(reverse("inspections:rapidtest_batch")).status_code, 403)
        response = self.client.post(
            reverse("inspections:rapidtest_batch"), batch({"operator": self.market.pk}, self.rows(1))
        )
        self.assertEqual(response.status_code, 403)
        self.assertFalse(RapidTest.objects.exists())


class RapidTestFigureTests(CastTestCase):
    """rapid_tests and rapid_tests_failed, in total and by item, by period and township."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        market_a = OperatorFactory(township=cls.township_a, category="market", subtype="farmers_market")
        market_b = OperatorFactory(township=cls.township_b, category="market", subtype="farmers_market")
        pesticide, nitrite = RapidTestItemFactory(name="农残"), RapidTestItemFactory(name="亚硝酸盐")
        for _ in range(3):
            RapidTestFactory(operator=market_a, item=pesticide)
        RapidTestFactory(operator=market_a, item=pesticide, failed=True)
        RapidTestFactory(operator=market_a, item=nitrite, sample_name="卤肉")
        RapidTestFactory(operator=market_a, item=nitrite, tested_on=D(2025, 12, 31))
        RapidTestFactory(operator=market_a, item=pesticide, failed=True).void(by=cls.inspector_a, reason="重复录入")
        RapidTestFactory(operator=market_b, item=pesticide, failed=True)

    def test_by_item_in_township_a(self):
        tests = RapidTest.objects.in_townships([self.township_a]).valid().between(D(2026, 1, 1), D(2026, 12, 31))
        self.assertEqual((tests.count(), tests.failed().count()), (5, 1))
        by_item = {row["item__name"]: (row["tests"], row["failed"]) for row in tests.by_item()}
        self.assertEqual(by_item, {"农残": (4, 1), "亚硝酸盐": (1, 0)})

    def test_market_rapid_test_sites_come_from_the_registry(self):
        OperatorFactory(township=self.township_a, category="market", subtype="farmers_market", rapid_test_room=True)
        sites = Operator.objects.in_townships([self.township_a]).active_on(D(2026, 12, 31))
        self.assertEqual(sites.filter(category="market", rapid_test_room=True).count(), 1)

    def test_the_county_adds_township_b(self):
        tests = (
            RapidTest.objects.in_townships([self.township_a, self.township_b])
            .valid()
            .between(D(2026, 1, 1), D(2026, 12, 31))
        )
        self.assertEqual((tests.count(), tests.failed().count()), (6, 2))

    def test_the_list_shows_own_tests_filtered_by_item(self):
        self.login(self.inspector_a)
        nitrite = RapidTestItem.objects.get(name="亚硝酸盐")
        response = self.client.get(
            reverse("inspections:rapidtest_list"), {"item": nitrite.pk, "date_from": "2026-01-01"}
        )
        self.assertEqual([t.sample_name for t in response.context["object_list"]], ["卤肉"])


class RapidTestImportTests(ImportErrorTestCase):
    def test_rapid_test_rows(self):
        base = {
            "检测日期": "2026-04-08",
            "检测地点": "甲镇农贸市场",
            "样品名称": "小白菜",
            "检测项目": "农残",
            "结果": "合格",
            "检测人": "张检测",
        }
        rows = [base, {**base, "结果": "不合格"}, {**base, "检测项目": "三聚氰胺"}]
        errors = self.errors(LEDGER_SHEETS["rapid_tests"], rows)
        self.assertEqual(errors[0], "第4行，“不合格处置”列：不合格须填写处置情况。")
        self.assertTrue(errors[1].startswith("第5行，“检测项目”列：“三聚氰胺”不是快检项目（可选：农残"))
        self.assertFalse(RapidTest.objects.exists())
