"""The leaders' dashboard: its numbers are the catalogue's, its scope is the user's, its cost is flat."""

import datetime
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from inspections.models import Inspection
from inspections.selectors import inspection_plan, plan_counts, plan_overdue
from registry.models import Operator
from reports import figures as catalogue
from reports.dashboard.kpis import KPI_KEYS
from reports.figures import Period, Scope
from tests.base import CastTestCase
from tests.factories import OperatorFactory
from tests.inspections.factories import (
    BanquetFactory,
    CaseFactory,
    ComplaintFactory,
    InspectionFactory,
    RapidTestFactory,
    RectificationFactory,
    SampleDisposalFactory,
    SampleFactory,
)

D = datetime.date
YEAR = {"from": "2026-01-01", "to": "2026-12-31"}


def populate(townships, villages, n, year=2026):
    """n records of every kind the cards count, in each township, this year and the year before."""
    for township, village in zip(townships, villages, strict=True):
        for i in range(n):
            for y in (year - 1, year):
                shop = OperatorFactory(
                    township=township, village=village, registered_on=D(y - 1, 5, 1), risk_level="ABCD"[i % 4]
                )
                InspectionFactory(operator=shop, inspected_on=D(y, 3, 1 + i), officer_count=2)
                InspectionFactory(operator=shop, inspected_on=D(y, 6, 1 + i), result=Inspection.Result.FAIL)
                RectificationFactory(operator=shop, opened_on=D(y, 3, 1), deadline=D(y, 3, 20))
                RectificationFactory(
                    operator=shop, opened_on=D(y, 4, 1), deadline=D(y, 4, 10), status="closed", closed_on=D(y, 4, 9)
                )
                SampleFactory(operator=shop, sampled_on=D(y, 5, 2), report_date=D(y, 5, 20))
                SampleDisposalFactory(
                    sample__operator=shop, sample__sampled_on=D(y, 5, 3), sample__report_date=D(y, 5, 21)
                )
                RapidTestFactory(operator=shop, tested_on=D(y, 4, 8))
                CaseFactory(township=township, filed_on=D(y, 4, 1), decided_on=D(y, 5, 1), fine=1000)
                ComplaintFactory(township=township, received_on=D(y, 5, 11))
                BanquetFactory(village=village, held_on=D(y, 4, 26), reported_on=D(y, 4, 20))


def card_numbers(content, attribute="data-figure"):
    return dict(re.findall(rf'{attribute}="([a-z_]+)"[^>]*>([^<]*)<', content))


class DashboardTests(CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        populate([cls.township_a, cls.township_b], [cls.village_a, cls.village_b], 2)

    def test_every_card_is_its_figure_this_period_and_last_year(self):
        period = Period.year(2026)
        for user, scope in (
            (self.county_leader, Scope.county(self.county)),
            (self.leader_a, Scope.township(self.township_a)),
        ):
            with self.subTest(user=user.username):
                self.login(user)
                response = self.client.get(reverse("reports:dashboard"), YEAR)
                now = catalogue.values(scope, period, KPI_KEYS)
                before = catalogue.values(scope, period.previous_year(), KPI_KEYS)
                content = response.content.decode()
                shown, shown_before = card_numbers(content), card_numbers(content, "data-previous")
                for key in KPI_KEYS:
                    self.assertEqual(shown[key], now[key].display, key)
                    self.assertEqual(shown_before[key], before[key].display, key)
                    self.assertContains(response, f'href="{now[key].url.replace("&", "&amp;")}"')
                self.assertEqual(now["inspections"].total, 8 if scope.is_county else 4)
                self.assertEqual(before["operators_total"].total, 8 if scope.is_county else 4)

    def test_the_county_table_shows_each_townships_share(self):
        self.login(self.county_leader)
        response = self.client.get(reverse("reports:dashboard"), YEAR)
        rows = response.context["townships_table"]
        self.assertEqual([row.township for row in rows], [self.township_a, self.township_b])
        cards = {card.key: index for index, card in enumerate(response.context["cards"])}
        values = catalogue.values(Scope.township(self.township_b), Period.year(2026), KPI_KEYS)
        for key, index in cards.items():
            self.assertEqual(rows[1].cells[index].display, values[key].display, key)
        self.assertContains(response, f'href="{reverse("reports:dashboard")}?township={self.township_b.pk}&amp;from=')

    def test_a_township_user_sees_only_their_township(self):
        self.login(self.leader_a)
        url = reverse("reports:dashboard")
        self.assertEqual(self.client.get(url, {"township": self.township_b.pk}).status_code, 404)
        self.assertEqual(self.client.get(url, {"county": self.county.pk}).status_code, 404)
        self.assertEqual(self.client.get(url, {"township": [self.township_a.pk, self.township_b.pk]}).status_code, 404)
        response = self.client.get(url, YEAR)
        self.assertEqual(response.context["scope"].township_ids, (self.township_a.pk,))
        self.assertEqual(response.context["townships_table"], [])
        self.assertNotContains(response, "乙镇")
        for attention in response.context["attention"]:
            for item in attention.items:
                self.assertNotIn("乙", item.text)

    def test_the_query_count_does_not_grow_with_the_records(self):
        self.login(self.county_leader)
        url = reverse("reports:dashboard")

        def queries():
            with CaptureQueriesContext(connection) as captured:
                self.assertEqual(self.client.get(url, YEAR).status_code, 200)
            # The session's last-seen stamp is written at most once a minute: not the page's cost.
            session = ("django_session", "SAVEPOINT", "RELEASE SAVEPOINT")
            return len([q for q in captured.captured_queries if not any(word in q["sql"] for word in session)])

        small = queries()
        populate([self.township_a, self.township_b], [self.village_a, self.village_b], 3)
        today = timezone.localdate()
        for township in (self.township_a, self.township_b):
            for _ in range(SHOWN_PLUS):
                soon = today + datetime.timedelta(days=5)
                shop = OperatorFactory(township=township, licence_expires_on=soon, registered_on=D(2020, 1, 1))
                shop.insurance_start, shop.insurance_end = D(2020, 1, 1), today + datetime.timedelta(days=9)
                shop.save()
                ComplaintFactory(township=township, received_on=today)
        self.assertEqual(queries(), small)

    def test_leaders_and_county_users_land_on_the_dashboard_inspectors_on_their_work(self):
        for user, template in (
            (self.leader_a, "reports/dashboard.html"),
            (self.county_leader, "reports/dashboard.html"),
            (self.inspector_a, "home.html"),
        ):
            with self.subTest(user=user.username):
                self.login(user)
                self.assertTemplateUsed(self.client.get(reverse("home")), template)

    def test_an_empty_township_choice_is_the_whole_county(self):
        self.login(self.county_leader)
        response = self.client.get(reverse("reports:dashboard"), {"township": "", **YEAR})
        self.assertTrue(response.context["scope"].is_county)


SHOWN_PLUS = 6  # more than an attention list shows


class ChartTests(CastTestCase):
    def test_charts_add_up_to_their_cards(self):
        populate([self.township_a], [self.village_a], 3)
        self.login(self.leader_a)
        response = self.client.get(reverse("reports:dashboard"), YEAR)
        charts = {chart["id"]: chart for chart in response.context["charts"]}
        cards = {card.key: card.value.total for card in response.context["cards"]}
        self.assertEqual(sum(charts["inspections-by-month"]["series"][0]["data"]), cards["inspections"])
        self.assertEqual(sum(charts["inspections-by-month"]["series"][1]["data"]), 6)  # last year, same months
        self.assertEqual(sum(charts["operators-by-category"]["series"][0]["data"]), cards["operators_total"])
        self.assertEqual(sum(charts["operators-by-risk"]["series"][0]["data"]), cards["operators_total"])
        self.assertEqual(sum(charts["inspection-results"]["series"][0]["data"]), cards["inspections"])
        self.assertEqual(sum(charts["hazards-by-month"]["series"][0]["data"]), cards["hazards_listed"])
        self.assertEqual(sum(charts["hazards-by-month"]["series"][1]["data"]), cards["hazards_closed"])
        self.assertEqual(sum(sum(s["data"]) for s in charts["sampling-by-category"]["series"]), cards["samples"])
        self.assertEqual(charts["coverage"]["categories"], ["甲一村"])
        self.assertEqual(charts["coverage"]["series"][0]["data"], [float(cards["inspection_coverage_pct"])])
        self.assertContains(response, 'id="dashboard-charts"')

    def test_a_chart_without_records_is_a_sentence(self):
        self.login(self.leader_a)
        response = self.client.get(reverse("reports:dashboard"), YEAR)
        self.assertTrue(all(chart["empty"] for chart in response.context["charts"]))
        self.assertContains(response, "本期和上年同期都没有现场检查记录。")
        self.assertContains(response, "本期没有监督抽检记录。")
        self.assertNotContains(response, 'data-chart="')


class AttentionTests(CastTestCase):
    def test_each_list_counts_what_its_ledger_link_lists(self):
        today = timezone.localdate()
        days = datetime.timedelta
        long_ago = today - days(400)
        shop = OperatorFactory(township=self.township_a, registered_on=long_ago, risk_level="D", name="久未检查")
        OperatorFactory(township=self.township_b, registered_on=today - days(400), name="乙镇的店")
        RectificationFactory(operator=shop, opened_on=today - days(20), deadline=today - days(3), description="灭蝇灯")
        failed = SampleFactory(operator=shop, sampled_on=today - days(30), report_date=today - days(10), failed=True)
        ComplaintFactory(township=self.township_a, received_on=today - days(200), summary="超期的投诉")
        ComplaintFactory(township=self.township_a, received_on=today, summary="刚受理的投诉")
        OperatorFactory(township=self.township_a, name="证快到期", licence_expires_on=today + days(10))
        OperatorFactory(township=self.township_a, name="证早过期", licence_expires_on=today - days(1))
        insured = OperatorFactory(township=self.township_a, name="保险快到期")
        insured.insurance_start, insured.insurance_end = today - days(300), today + days(30)
        insured.save()

        self.login(self.leader_a)
        lists = {a.key: a for a in self.client.get(reverse("reports:dashboard")).context["attention"]}
        self.assertEqual(lists["rectifications"].count, 1)
        self.assertIn("灭蝇灯", lists["rectifications"].items[0].detail)
        self.assertEqual(lists["inspections"].count, 4)  # none of the four was ever inspected
        self.assertEqual(dict(lists["inspections"].breakdown)["D级（高风险）"], 1)
        self.assertEqual([item.text for item in lists["samples"].items], [f"{failed.sample_name}（久未检查）"])
        self.assertEqual(lists["complaints"].count, 1)
        self.assertTrue(lists["complaints"].items[0].late)
        self.assertEqual([item.text for item in lists["licence"].items], ["证快到期"])
        self.assertEqual([item.text for item in lists["insurance"].items], ["保险快到期"])

        self.login(self.inspector_a)
        for key, model_list in (("licence", "证快到期"), ("insurance", "保险快到期")):
            response = self.client.get(lists[key].url)
            self.assertContains(response, model_list)
            self.assertEqual(response.context["paginator"].count, lists[key].count)
        response = self.client.get(lists["samples"].url)
        self.assertEqual(response.context["paginator"].count, 1)

    def test_the_plan_counted_in_sql_is_the_plan(self):
        day = D(2026, 6, 30)
        levels = "ABCD"
        for i in range(16):
            shop = OperatorFactory(
                township=self.township_a, risk_level=levels[i % 4], registered_on=D(2025, 1 + i % 12, 1 + i)
            )
            if i % 3:
                InspectionFactory(operator=shop, inspected_on=day - datetime.timedelta(days=20 * i))
            if i % 5 == 0:
                InspectionFactory(operator=shop, inspected_on=day - datetime.timedelta(days=3), kind="online")
        OperatorFactory(township=self.township_a, registered_on=D(2026, 7, 5))  # registered after the day
        due_soon = OperatorFactory(township=self.township_a, risk_level="D", registered_on=D(2025, 1, 1))
        InspectionFactory(operator=due_soon, inspected_on=day - datetime.timedelta(days=110))  # due in 11 days
        long_ago = OperatorFactory(township=self.township_a, risk_level="A", registered_on=D(2024, 1, 1))
        InspectionFactory(operator=long_ago, inspected_on=day - datetime.timedelta(days=400))  # over a year ago
        # Registered on the day: due if never visited, overdue if visited (long) before.
        OperatorFactory(township=self.township_a, risk_level="B", registered_on=day)
        moved_in = OperatorFactory(township=self.township_a, risk_level="B", registered_on=day)
        InspectionFactory(operator=moved_in, inspected_on=day - datetime.timedelta(days=500))
        just_in_time = OperatorFactory(township=self.township_a, risk_level="C", registered_on=D(2024, 1, 1))
        InspectionFactory(operator=just_in_time, inspected_on=day - datetime.timedelta(days=365 // 2))  # due today
        voided_visit = OperatorFactory(township=self.township_a, risk_level="D", registered_on=D(2024, 1, 1))
        InspectionFactory(operator=voided_visit, inspected_on=day - datetime.timedelta(days=5)).void(
            by=self.inspector_a, reason="录错"
        )
        operators = Operator.objects.filter(township=self.township_a)
        plan = inspection_plan(operators, day)
        counts = plan_counts(operators, day)
        for level in levels:
            for status in ("overdue", "due"):
                expected = sum(1 for row in plan if row.operator.risk_level == level and row.status == status)
                self.assertEqual(counts[level][status], expected, (level, status))
        self.assertTrue(any(counts[level]["overdue"] for level in levels))
        self.assertTrue(any(counts[level]["due"] for level in levels))

        # The dashboard's list: the same operators, the longest unvisited first, counted by level.
        overdue = list(plan_overdue(operators, day))
        late = [row for row in plan if row.status == "overdue"]
        self.assertEqual({o.pk for o in overdue}, {row.operator.pk for row in late})
        self.assertIn(moved_in.pk, {o.pk for o in overdue})
        self.assertNotIn(just_in_time.pk, {o.pk for o in overdue})
        self.assertEqual(
            [(o.last_visit, o.registered_on, o.pk) for o in overdue],
            sorted(
                ((row.last_on, row.operator.registered_on, row.operator.pk) for row in late),
                key=lambda key: (key[0] is not None, key[0] or D.min, key[1], key[2]),
            ),
        )
        for level in levels:
            self.assertEqual(getattr(overdue[0], f"overdue_{level}"), counts[level]["overdue"], level)
