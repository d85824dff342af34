import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from inspections.models import Case, ConfiscatedGoods
from inspections.sheets.cases import CaseSheet
from tests.base import CastTestCase
from tests.factories import OperatorFactory
from tests.inspections.excel import ImportErrorTestCase
from tests.inspections.factories import CaseFactory, ConfiscatedGoodsFactory

D = datetime.date


def case_form(township, **overrides):
    data = {
        "township": township.pk,
        "case_no": "青市监立〔2026〕21号",
        "domain": "food",
        "source": "inspection",
        "party": "张三食杂店",
        "cause": "销售超过保质期的食品",
        "filed_on": "2026-05-06",
        "decided_on": "2026-06-10",
        "decision_no": "青市监罚〔2026〕21号",
        "penalty_summary": "没收过期食品，罚款5000元",
        "fine": "5000",
        "confiscated_money": "120.50",
        "individual_fine": "0",
        "goods-TOTAL_FORMS": "2",
        "goods-INITIAL_FORMS": "0",
        "goods-MIN_NUM_FORMS": "0",
        "goods-MAX_NUM_FORMS": "50",
        "goods-0-kind": "expired_food",
        "goods-0-description": "酸奶",
        "goods-0-quantity": "12.5",
        "goods-0-unit": "kg",
    }
    data.update(overrides)
    return data


class CaseRuleTests(CastTestCase):
    def assertInvalid(self, case, field, message):
        with self.assertRaises(ValidationError) as caught:
            case.full_clean()
        self.assertIn(message, " ".join(caught.exception.message_dict[field]))

    def case(self, **kwargs):
        return CaseFactory.build(township=self.township_a, **kwargs)

    def test_dates_in_order(self):
        self.assertInvalid(self.case(decided_on=D(2026, 3, 1)), "decided_on", "处罚决定日期不能早于立案日期。")
        self.assertInvalid(
            self.case(decided_on=D(2026, 5, 1), closed_on=D(2026, 4, 20)), "closed_on", "结案日期不能早于处罚决定日期。"
        )
        self.assertInvalid(self.case(closed_on=D(2026, 3, 20)), "closed_on", "结案日期不能早于立案日期。")
        self.assertInvalid(self.case(filed_on=D(2099, 1, 1)), "filed_on", "日期不能晚于今天。")

    def test_amounts_are_not_negative_and_need_a_decision(self):
        self.assertInvalid(self.case(fine=Decimal("-1"), decided_on=D(2026, 5, 1)), "fine", "金额不能为负数。")
        self.assertInvalid(self.case(fine=Decimal("500")), "decided_on", "有罚没款的案件须填写处罚决定日期。")
        with self.assertRaises(IntegrityError), transaction.atomic():
            CaseFactory(township=self.township_a, confiscated_money=Decimal("-5"), decided_on=D(2026, 5, 1))

    def test_a_penalty_on_a_person_names_the_person(self):
        self.assertInvalid(self.case(individual_penalised=True), "individual_name", "处罚到人须填写被处罚责任人。")

    def test_a_party_is_an_operator_or_a_name(self):
        self.assertInvalid(self.case(party=""), "party", "请选择当事单位或填写当事人。")
        operator = OperatorFactory(township=self.township_b, name="乙镇超市")
        case = self.case(party="", operator=operator)
        case.full_clean()
        self.assertEqual((case.township, case.party_name), (self.township_b, "乙镇超市"))

    def test_goods_have_a_positive_quantity(self):
        goods = ConfiscatedGoods(case=CaseFactory(township=self.township_a), kind="drug", quantity=0, unit="board")
        with self.assertRaises(ValidationError) as caught:
            goods.full_clean()
        self.assertIn("数量须大于0。", caught.exception.messages)

    def test_goods_have_a_plausible_quantity(self):
        case = CaseFactory(township=self.township_a)
        ConfiscatedGoods(case=case, kind="drug", quantity=1_000_000, unit="board").full_clean()
        goods = ConfiscatedGoods(case=case, kind="drug", quantity=10_000_000, unit="board")
        with self.assertRaises(ValidationError) as caught:
            goods.full_clean()
        self.assertEqual(caught.exception.message_dict["quantity"], ["数量不能超过1,000,000，请核对是否多输了数字。"])


class CaseFigureTests(CastTestCase):
    """cases_filed, cases_closed, fines_total, confiscated, cases_to_police, individuals_penalised."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        a, b = cls.township_a, cls.township_b
        closed = CaseFactory(
            township=a, filed_on=D(2026, 2, 1), decided_on=D(2026, 3, 1), closed_on=D(2026, 3, 20), fine=5000
        )
        ConfiscatedGoodsFactory(case=closed, kind="expired_food", quantity=Decimal("12.5"), unit="kg")
        ConfiscatedGoodsFactory(case=closed, kind="expired_food", quantity=Decimal("3"), unit="kg")
        drugs = CaseFactory(
            township=a,
            domain="drug",
            filed_on=D(2026, 5, 1),
            decided_on=D(2026, 8, 1),
            fine=2000,
            confiscated_money=Decimal("350.50"),
            individual_penalised=True,
            individual_name="李四",
            individual_fine=8000,
        )
        ConfiscatedGoodsFactory(case=drugs, kind="drug", quantity=30, unit="board")
        CaseFactory(township=a, filed_on=D(2026, 6, 1), transferred_to_police=True, transferred_on=D(2026, 6, 5))
        CaseFactory(township=a, filed_on=D(2025, 11, 1), decided_on=D(2025, 12, 1), closed_on=D(2026, 1, 10), fine=900)
        CaseFactory(township=a, filed_on=D(2026, 4, 1)).void(by=cls.inspector_a, reason="重复录入")
        CaseFactory(township=b, filed_on=D(2026, 3, 1), decided_on=D(2026, 3, 5), fine=10000)

    def figures(self, townships, start, end):
        cases = Case.objects.in_townships(townships).valid()
        filed = cases.between(start, end)
        goods = ConfiscatedGoods.objects.in_townships(townships).filter(case__in=filed)
        return {
            "cases_filed": filed.count(),
            "food_cases": filed.filter(domain="food").count(),
            "cases_closed": cases.closed_between(start, end).count(),
            "fines_total": cases.decided_between(start, end).penalty_total(),
            "cases_to_police": filed.filter(transferred_to_police=True).count(),
            "individuals_penalised": filed.filter(individual_penalised=True).count(),
            "confiscated": [(g["kind"], g["unit"], g["quantity"]) for g in goods.totals()],
        }

    def test_first_half_of_2026_in_township_a(self):
        self.assertEqual(
            self.figures([self.township_a], D(2026, 1, 1), D(2026, 6, 30)),
            {
                "cases_filed": 3,
                "food_cases": 2,
                "cases_closed": 2,  # one filed in 2025 and closed in January
                "fines_total": Decimal("5000"),
                "cases_to_police": 1,
                "individuals_penalised": 1,
                "confiscated": [("drug", "board", Decimal("30")), ("expired_food", "kg", Decimal("15.5"))],
            },
        )

    def test_the_whole_year_counts_the_august_decision(self):
        figures = self.figures([self.township_a], D(2026, 1, 1), D(2026, 12, 31))
        self.assertEqual(figures["fines_total"], Decimal("15350.50"))

    def test_the_county_adds_township_b(self):
        figures = self.figures([self.township_a, self.township_b], D(2026, 1, 1), D(2026, 6, 30))
        self.assertEqual((figures["cases_filed"], figures["fines_total"]), (4, Decimal("15000")))


class CasePageTests(CastTestCase):
    def test_a_case_is_filed_with_its_confiscated_goods(self):
        self.login(self.inspector_a)
        response = self.client.post(reverse("inspections:case_create"), case_form(self.township_a))
        case = Case.objects.get()
        self.assertRedirects(response, case.get_absolute_url())
        self.assertEqual(case.history.get().history_change_reason, "没收物品：新增过期食品")
        self.assertEqual([str(g) for g in case.goods.all()], ["过期食品（酸奶） 12.5公斤"])
        page = self.client.get(case.get_absolute_url())
        self.assertContains(page, "12.5公斤")
        self.assertContains(page, "没收物品修改记录")

    def test_a_bad_goods_line_keeps_everything_typed(self):
        self.login(self.inspector_a)
        data = case_form(self.township_a, **{"goods-0-quantity": "-3", "fine": "-1"})
        response = self.client.post(reverse("inspections:case_create"), data)
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Case.objects.exists())
        self.assertContains(response, "金额不能为负数。")
        self.assertContains(response, 'value="酸奶"')
        self.assertContains(response, 'value="张三食杂店"')

    def test_editing_goods_is_in_the_audit_trail(self):
        case = CaseFactory(township=self.township_a, decided_on=D(2026, 5, 1))
        goods = ConfiscatedGoodsFactory(case=case)
        self.login(self.inspector_a)
        data = case_form(
            self.township_a,
            case_no=case.case_no,
            version=case.version,
            **{
                "goods-TOTAL_FORMS": "1",
                "goods-INITIAL_FORMS": "1",
                "goods-0-id": goods.pk,
                "goods-0-case": case.pk,
                "goods-0-DELETE": "on",
            },
        )
        response = self.client.post(reverse("inspections:case_update", args=[case.pk]), data)
        self.assertRedirects(response, case.get_absolute_url())
        self.assertFalse(case.goods.exists())
        trail = self.client.get(case.get_absolute_url()).context
        self.assertEqual(trail["audit_trail"][0].reason, "没收物品：删除过期食品")
        self.assertEqual([entry["action"] for entry in trail["goods_trail"]], ["删除", "新增"])

    def test_void_keeps_the_case_and_hides_it_from_figures_and_lists(self):
        case = CaseFactory(township=self.township_a, party="要作废的案件")
        self.login(self.inspector_a)
        self.client.post(reverse("inspections:case_void", args=[case.pk]), {"reason": "重复录入"})
        case.refresh_from_db()
        self.assertTrue(case.is_voided)
        self.assertFalse(Case.objects.valid().exists())
        self.assertEqual(list(self.client.get(reverse("inspections:case_list")).context["object_list"]), [])
        voided = self.client.get(reverse("inspections:case_list"), {"voided": "1"})
        self.assertEqual(list(voided.context["object_list"]), [case])
        detail = self.client.get(case.get_absolute_url())
        self.assertEqual(detail.context["audit_trail"][0].action, "作废")
        self.assertEqual(self.client.get(reverse("inspections:case_update", args=[case.pk])).status_code, 404)


class CaseImportTests(ImportErrorTestCase):
    def test_case_rows(self):
        base = {"案件编号": "立-1", "当事人": "某药店", "案由": "销售过期药品", "立案日期": "2026-04-01"}
        rows = [
            {**base, "没收物品": "药品30板；过期食品（酸奶）12.5公斤"},
            {**base, "案件编号": "立-2", "没收物品": "一些药"},
            {**base, "案件编号": "立-3", "没收物品": "药品 3 吨"},
            {**base, "案件编号": "立-4", "罚款（元）": "-100", "处罚决定日期": "2026-05-01"},
            {**base, "案件编号": "立-5", "罚款（元）": "500"},
            {**base, "案件编号": "立-6", "结案日期": "2026-03-01"},
        ]
        self.assertEqual(
            self.errors(CaseSheet, rows),
            [
                "第4行，“没收物品”列：“一些药”应写成“种类（物品名称）数量单位”，如：过期食品（酸奶）12.5公斤",
                "第5行，“没收物品”列：“吨”不是计量单位（可选：公斤、板、盒、瓶、袋、箱、件、支、个、升、台）",
                "第6行，“罚款（元）”列：金额不能为负数。",
                "第7行，“处罚决定日期”列：有罚没款的案件须填写处罚决定日期。",
                "第8行，“结案日期”列：结案日期不能早于立案日期。",
            ],
        )
        self.assertFalse(Case.objects.exists())
