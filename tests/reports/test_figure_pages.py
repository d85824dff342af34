"""The figure pages: drill-down to the records, scoped like every record, and their .xlsx files."""

import datetime
import io
import json

from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from reports.figures import Period, Scope, drill_down_url
from tests.base import CastTestCase
from tests.factories import OperatorFactory
from tests.inspections.factories import InspectionFactory

D = datetime.date
YEAR = Period.year(2025)


class FigurePagesTests(CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.shop_a = OperatorFactory(township=cls.township_a, name="甲镇小卖部")
        cls.restaurant_a = OperatorFactory(
            township=cls.township_a, name='=HYPERLINK("http://x","点击")', category="catering", subtype="large"
        )
        cls.shop_b = OperatorFactory(township=cls.township_b, name="乙镇小卖部")
        for day in (D(2025, 3, 1), D(2025, 4, 1)):
            InspectionFactory(operator=cls.shop_a, inspected_on=day)
        InspectionFactory(operator=cls.shop_b, inspected_on=D(2025, 3, 1))

    def url(self, key, query):
        return reverse("reports:figure", args=[key]) + "?" + query

    def test_the_drill_down_lists_exactly_the_records_behind_the_number(self):
        self.login(self.inspector_a)
        response = self.client.get(drill_down_url("inspections", Scope.township(self.township_a), YEAR))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["value"].total, 2)
        self.assertEqual(response.context["paginator"].count, 2)
        self.assertContains(response, "甲镇小卖部", count=2)
        self.assertNotContains(response, "乙镇小卖部")
        self.assertContains(response, "现场监督检查")  # the definition in words

    def test_a_ratio_shows_its_numerator_and_denominator(self):
        self.login(self.inspector_a)
        response = self.client.get(drill_down_url("inspection_coverage_pct", Scope.township(self.township_a), YEAR))
        value = response.context["value"]
        self.assertEqual((value.numerator.total, value.denominator.total, str(value.total)), (1, 2, "50.0"))
        self.assertContains(response, "分子：现场检查覆盖的经营单位")
        self.assertContains(response, "分母：食品生产经营单位")
        self.assertContains(response, value.denominator.url.replace("&", "&amp;"))

    def test_another_township_or_the_county_is_a_404_for_a_township_user(self):
        self.login(self.inspector_a)
        for query in (f"township={self.township_b.pk}", f"county={self.county.pk}", "township=999999"):
            self.assertEqual(self.client.get(self.url("inspections", query)).status_code, 404, query)
        self.assertEqual(self.client.get(reverse("reports:figure", args=["no_such_figure"])).status_code, 404)

    def test_malformed_parameters_are_a_400(self):
        self.login(self.inspector_a)
        for query in (
            "township=abc",
            "from=2025-13-01",
            "from=2025-06-01&to=2025-01-01",
            "county=x",
            "from=1899-01-01",
        ):
            self.assertEqual(self.client.get(self.url("inspections", query)).status_code, 400, query)

    def test_a_county_user_sees_the_county_and_each_township(self):
        self.login(self.county_leader)
        response = self.client.get(self.url("inspections", f"county={self.county.pk}&from=2025-01-01&to=2025-12-31"))
        self.assertEqual(response.context["value"].total, 3)
        response = self.client.get(
            self.url("inspections", f"township={self.township_b.pk}&from=2025-01-01&to=2025-12-31")
        )
        self.assertEqual(response.context["value"].total, 1)

    def test_login_is_required(self):
        response = self.client.get(self.url("inspections", ""))
        self.assertEqual(response.status_code, 302)

    def test_the_drill_down_exports_its_records_as_text(self):
        self.login(self.inspector_a)
        query = f"township={self.township_a.pk}&from=2025-01-01&to=2025-12-31"
        response = self.client.get(reverse("reports:figure_export", args=["operators_total"]) + "?" + query)
        self.assertEqual(response.status_code, 200)
        sheet = load_workbook(io.BytesIO(response.content)).active
        names = [row[0] for row in sheet.iter_rows(min_row=4, values_only=True)]
        self.assertEqual(sorted(names), sorted(["甲镇小卖部", '=HYPERLINK("http://x","点击")']))
        formula_cell = next(c for c in sheet["A"] if c.value and str(c.value).startswith("=HYPER"))
        self.assertEqual(formula_cell.data_type, "s")

    def test_the_statistics_workbook_has_a_column_per_township_for_the_county(self):
        self.login(self.county_leader)
        query = f"county={self.county.pk}&from=2025-01-01&to=2025-12-31"
        response = self.client.get(reverse("reports:figures_xlsx") + "?" + query)
        sheet = load_workbook(io.BytesIO(response.content))["统计指标"]
        rows = list(sheet.iter_rows(values_only=True))
        header = rows[2]
        self.assertEqual(header[4:7], ("甲镇", "乙镇", "合计"))
        inspections = next(row for row in rows if row[2] == "inspections")
        self.assertEqual(inspections[4:7], (2, 1, 3))
        coverage = next(row for row in rows if row[2] == "inspection_coverage_pct")
        self.assertEqual(coverage[4:9], (50.0, 100.0, 66.7, 2, 3))

    def test_the_catalogue_page_links_every_number(self):
        self.login(self.leader_a)
        response = self.client.get(reverse("reports:figure_list") + "?from=2025-01-01&to=2025-12-31")
        self.assertEqual(response.status_code, 200)
        for section_values in (values for _, values in response.context["sections"]):
            for value in section_values:
                self.assertContains(response, f'data-figure="{value.key}"')


class FiguresCommandTests(CastTestCase):
    def test_json_maps_every_key_to_its_value(self):
        OperatorFactory(township=self.township_a)
        out = io.StringIO()
        call_command(
            "figures",
            "--township",
            self.township_a.code,
            "--from",
            "2025-01-01",
            "--to",
            "2025-12-31",
            "--json",
            stdout=out,
        )
        data = json.loads(out.getvalue())
        self.assertEqual(data["operators_total"], 1)
        self.assertIsNone(data["samples_pass_pct"])
        self.assertEqual(data["campaigns"], [])

    def test_the_table_and_the_workbook(self):
        out = io.StringIO()
        path = self.township_a.code + ".xlsx"
        import tempfile

        with tempfile.TemporaryDirectory() as folder:
            target = f"{folder}/{path}"
            call_command(
                "figures",
                "--county",
                self.county.code,
                "--from",
                "2025-01-01",
                "--to",
                "2025-06-30",
                "--xlsx",
                target,
                stdout=out,
            )
            self.assertIn("统计指标", load_workbook(target).sheetnames)
        self.assertIn("青山县 2025年上半年", out.getvalue())
        self.assertIn("食品生产经营单位：0 个", out.getvalue())
