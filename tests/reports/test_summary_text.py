"""What the summaries say: numbers are figures, names come from records, no empty claims."""

import datetime
import re
from decimal import Decimal

from django.test import SimpleTestCase, TestCase

from registry.models import LeadingGroupMember
from reports import figures as catalogue
from reports.figures import Period, Scope
from reports.summaries.compose import Spec, Summary, default_texts, title_for
from reports.summaries.document import Document, Table
from reports.summaries.facts import describe_change
from tests.factories import CountyFactory, TownshipFactory
from tests.reports.summary_data import registry, year_of_records

FROM = datetime.date(2020, 1, 1)
YEAR = 2025  # a past year: its stock figures are read from the audit trail, as a real year-end's are


def summary(place, period, *, county=False, half_year=False):
    scope = Scope.county(place) if county else Scope.township(place)
    return Summary(
        Spec(
            scope=scope,
            period=period,
            place=place,
            title=title_for(place, period),
            half_year=half_year,
            texts=default_texts(place, period, county=county),
        )
    )


def narrative(document: Document) -> str:
    """The body text, without the appendix (whose tables list every figure, zeros included)."""
    return "\n".join([*(p.text for p in document.opening), *(s.text for s in document.sections)])


def numbers(document: Document):
    """Every linked number of the body's paragraphs."""
    for section in document.sections:
        for block in section.blocks:
            if not isinstance(block, Table):
                yield from (run for run in block.runs if run.key)


class TownshipSummaryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.county = CountyFactory()
        cls.township = TownshipFactory(county=cls.county, name="甲镇", office_name="甲镇市场监督管理所")
        cls.village, cls.operators = registry(cls.township)
        year_of_records(cls.township, cls.village, cls.operators, YEAR, scale=2)
        cls.summary = summary(cls.township, Period.year(YEAR))
        cls.document = cls.summary.document
        cls.text = narrative(cls.document)

    def test_outline_of_the_township_annual_summary(self):
        headings = [section.heading for section in self.document.sections]
        self.assertEqual(headings, ["一、基本情况", "二、主要工作开展情况", "三、存在的问题及下一步工作打算"])
        leads = [block.lead for block in self.document.sections[1].blocks if block.lead]
        self.assertEqual(len(leads), 6)
        self.assertTrue(leads[0].startswith("（一）强化组织领导"))
        self.assertTrue(leads[5].startswith("（六）加大宣传"))

    def test_every_number_is_a_figure_with_its_unit_and_drill_down(self):
        values = self.summary.facts.values
        runs = list(numbers(self.document))
        self.assertGreater(len(runs), 30)
        for run in runs:
            figure = catalogue.FIGURES[run.key]
            self.assertTrue(run.url.startswith(f"/reports/figures/{run.key}/?"), run)
            if figure.kind != "list":
                self.assertEqual(run.text, f"{values[run.key].display}{figure.unit}")
        self.assertIn("共检查食品生产经营单位7户次", self.text)
        self.assertIn("罚没款4000元", self.text)
        self.assertIn("累计抽检食品2批次，不合格1批次，合格率为50.0%", self.text)

    def test_names_come_from_records(self):
        self.assertIn("以镇长甲镇长同志为组长", self.text)
        self.assertIn("分管副镇长甲副镇长同志为副组长", self.text)
        self.assertIn("派出所所长甲所长同志为成员的甲镇食品安全领导小组", self.text)
        self.assertIn("办公室设在甲镇市场监督管理所", self.text)
        self.assertIn(f"{YEAR}年春季校园食品安全专项检查（检查1户次）", self.text)
        self.assertIn(f"完成了甲镇{YEAR}年民俗文化节等1次重大活动", self.text)
        self.assertIn("利用“3·15国际消费者权益日”等重要节点", self.text)

    def test_no_comparison_when_the_year_before_has_no_records(self):
        self.assertNotIn("比上年增加", self.text.replace("比上年末", ""))
        self.assertNotIn("同比", self.text.split("基本情况")[1].split("。")[1])  # inspections sentence

    def test_no_placeholder_or_missing_value_anywhere(self):
        whole = self.document.text
        for marker in ("*", "XX", "None", "{{", "}}", "—个"):
            self.assertNotIn(marker, whole)

    def test_document_survives_its_json(self):
        again = Document.from_json(self.document.to_json())
        self.assertEqual(again.text, self.document.text)
        self.assertEqual(again.to_json(), self.document.to_json())


class ComparisonTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        county = CountyFactory()
        cls.township = TownshipFactory(county=county, name="乙镇")
        village, operators = registry(cls.township)
        year_of_records(cls.township, village, operators, YEAR - 1, scale=1)
        year_of_records(cls.township, village, operators, YEAR, scale=2)

    def test_key_figures_carry_the_change_since_last_year(self):
        text = narrative(summary(self.township, Period.year(YEAR)).document)
        # 4 on-site inspections the year before, 7 this year: +3, +75.0%.
        self.assertIn("共检查食品生产经营单位7户次（比上年增加3户次，同比增长75.0%）", text)
        self.assertIn("罚没款4000元（比上年增加2000元，同比增长100.0%）", text)
        self.assertIn("合格率为50.0%（与上年持平）", text)
        self.assertIn("累计培训60人次（比上年增加30人次，同比增长100.0%）", text)

    def test_a_year_with_nothing_recorded_yet_writes_no_sentence_about_it(self):
        text = narrative(summary(self.township, Period.year(YEAR + 1)).document)
        self.assertNotIn("共检查食品生产经营单位", text)
        self.assertNotIn("比上年增加", text.replace("比上年末", ""))

    def test_half_year_compares_with_the_same_half_a_year_earlier(self):
        document = summary(self.township, Period.half_year(YEAR, 1), half_year=True).document
        self.assertEqual(
            [section.heading for section in document.sections],
            ["一、基本情况", "二、工作情况", "三、存在的问题", "四、下一步工作计划"],
        )
        self.assertIn("比上年同期", narrative(document))


class EmptyClaimTests(TestCase):
    """A year with few records says only what was done."""

    @classmethod
    def setUpTestData(cls):
        county = CountyFactory()
        cls.township = TownshipFactory(county=county, name="丙镇")
        village, operators = registry(cls.township)
        year_of_records(cls.township, village, operators, YEAR, sampling=False)
        cls.document = summary(cls.township, Period.year(YEAR)).document
        cls.text = narrative(cls.document)

    def test_a_year_without_sampling_records_has_no_sampling_sentence(self):
        self.assertNotIn("抽检", self.text)
        self.assertNotIn("快速检测", self.text)
        sampling = {"samples", "samples_failed", "samples_pass_pct", "rapid_tests", "rapid_tests_failed"}
        self.assertFalse({run.key for run in numbers(self.document)} & sampling)

    def test_no_number_in_the_text_is_a_zero(self):
        for run in numbers(self.document):
            self.assertIsNone(re.match(r"0(\D|$)", run.text), run)

    def test_an_empty_township_says_so_plainly(self):
        empty = TownshipFactory(county=self.township.county, name="丁镇")
        document = summary(empty, Period.year(YEAR)).document
        text = narrative(document)
        self.assertIn("全镇尚未登记食品生产经营单位", text)
        self.assertEqual(list(numbers(document)), [])
        self.assertEqual(document.sections[0].heading, "一、基本情况")
        self.assertEqual(document.sections[-1].heading, "二、存在的问题及下一步工作打算")


class CountySummaryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.county = CountyFactory(code="county-s", name="青山县", bureau_name="青山县市场监督管理局")
        for code, name, scale in (("s-a", "甲镇", 1), ("s-b", "乙镇", 3)):
            township = TownshipFactory(county=cls.county, code=code, name=name)
            village, operators = registry(township)
            year_of_records(township, village, operators, YEAR, scale=scale)
        LeadingGroupMember.objects.create(
            county=cls.county, role=LeadingGroupMember.Role.LEADER, position="县长", name="钱县长", appointed_on=FROM
        )
        cls.summary = summary(cls.county, Period.year(YEAR), county=True)
        cls.document = cls.summary.document

    def comparison(self) -> Table:
        return next(b for b in self.document.sections[0].blocks if isinstance(b, Table))

    def test_the_township_table_sums_to_the_county_row(self):
        table = self.comparison()
        self.assertEqual([row[0].text for row in table.rows], ["甲镇", "乙镇", "青山县合计"])
        values = self.summary.facts.values
        for column, run in enumerate(table.rows[-1][1:], 1):
            figure = values[run.key].figure
            if figure.kind == "percent":
                continue  # a rate is recomputed from the summed parts, not summed
            townships = sum(float(row[column].text) for row in table.rows[:-1])
            self.assertEqual(townships, float(run.text), figure.key)
            self.assertEqual(float(run.text), float(values[run.key].total), figure.key)
        self.assertEqual(table.rows[-1][2].text, "14")  # 4 + 10 on-site inspections

    def test_county_outline_and_names(self):
        headings = [section.heading for section in self.document.sections]
        self.assertEqual(
            headings, ["一、基本情况", "二、主要工作开展情况", "三、存在的困难和问题", "四、下一步工作打算"]
        )
        text = narrative(self.document)
        self.assertIn("全县共有各类食品生产经营单位10个", text)
        self.assertIn("以县长钱县长同志为组长的青山县食品安全领导小组", text)
        self.assertIn("办公室设在青山县市场监督管理局", text)
        self.assertNotIn("甲镇长", text)  # the townships' groups belong to their own summaries
        self.assertIn(f"组织开展了{YEAR}年春季校园食品安全专项检查等2项专项整治", text)

    def test_the_appendix_has_a_column_per_township(self):
        appendix = self.document.appendix[0]
        table = appendix.blocks[0]
        self.assertEqual(table.headers[2:], ["甲镇", "乙镇", "合计"])
        self.assertTrue(table.wide)


class DescribeChangeTests(SimpleTestCase):
    def test_increase_decrease_and_level(self):
        inspections = catalogue.FIGURES["inspections"]
        self.assertEqual(describe_change(inspections, 7, 4, "上年"), "比上年增加3户次，同比增长75.0%")
        self.assertEqual(describe_change(inspections, 3, 4, "上年"), "比上年减少1户次，同比下降25.0%")
        self.assertEqual(describe_change(inspections, 4, 4, "上年同期"), "与上年同期持平")
        fines = catalogue.FIGURES["fines_total"]
        self.assertEqual(
            describe_change(fines, Decimal("1500.50"), Decimal("3000.00"), "上年"), "比上年减少1499.5元，同比下降50.0%"
        )

    def test_a_rate_changes_by_points(self):
        rate = catalogue.FIGURES["samples_pass_pct"]
        self.assertEqual(describe_change(rate, Decimal("95.5"), Decimal("93.0"), "上年"), "比上年提高2.5个百分点")
        self.assertEqual(describe_change(rate, Decimal("90.0"), Decimal("93.0"), "上年"), "比上年降低3.0个百分点")
