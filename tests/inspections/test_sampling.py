import datetime
import io

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from openpyxl import load_workbook

from inspections.models import Case, RuleParameter, Sample, SampleDisposal
from inspections.sheets.sampling import SampleSheet
from tests.base import CastTestCase
from tests.factories import OperatorFactory, inspector
from tests.inspections.excel import ImportErrorTestCase, filled_template
from tests.inspections.factories import CaseFactory, SampleDisposalFactory, SampleFactory

D = datetime.date


def sample_form(operator, **overrides):
    data = {
        "operator": operator.pk,
        "batch_no": "NCP26620799001",
        "sampled_on": "2026-04-02",
        "sample_name": "挂面",
        "food_category": "grain",
        "sampling_body": "青山县市场监督管理局",
        "testing_agency": "甘肃省食品检验研究院",
        "tested_items": "铅、脱氢乙酸",
        "result": "fail",
        "failing_item": "脱氢乙酸及其钠盐",
        "standard_value": "不得使用",
        "measured_value": "0.126 g/kg",
        "report_no": "SP20260420001",
        "report_date": "2026-04-20",
    }
    data.update(overrides)
    return data


class SampleRuleTests(CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.operator = OperatorFactory(township=cls.township_a)

    def sample(self, **kwargs):
        return SampleFactory.build(operator=self.operator, township=self.township_a, **kwargs)

    def assertInvalid(self, sample, field, message):
        with self.assertRaises(ValidationError) as caught:
            sample.full_clean()
        self.assertIn(message, caught.exception.message_dict[field])

    def test_a_failed_sample_needs_its_failing_item(self):
        self.assertInvalid(self.sample(result="fail"), "failing_item", "不合格批次须填写不合格项目。")
        self.sample(failed=True).full_clean()

    def test_a_passed_sample_has_no_failing_item(self):
        self.assertInvalid(
            self.sample(failing_item="铅"), "failing_item", "只有不合格批次填写不合格项目、标准值和实测值。"
        )

    def test_dates_in_order(self):
        self.assertInvalid(self.sample(report_date=D(2026, 3, 1)), "report_date", "报告日期不能早于抽样日期。")
        self.assertInvalid(self.sample(sampled_on=D(2099, 1, 1), pending=True), "sampled_on", "抽样日期不能晚于今天。")
        self.assertInvalid(self.sample(report_date=None), "report_date", "有检验结论的批次须填写报告日期。")

    def test_the_database_refuses_a_failed_sample_without_its_item(self):
        with self.assertRaises(IntegrityError), transaction.atomic():
            SampleFactory(operator=self.operator, result="fail", failing_item="")

    def test_a_batch_number_is_registered_once_unless_voided(self):
        first = SampleFactory(operator=self.operator, batch_no="NCP-1")
        self.assertInvalid(self.sample(batch_no="NCP-1"), "batch_no", "该抽样单编号已登记。")
        first.void(by=self.inspector_a, reason="重复录入")
        self.sample(batch_no="NCP-1").full_clean()

    def test_the_township_follows_the_operator(self):
        sample = self.sample()
        sample.township = self.township_b
        sample.full_clean()
        self.assertEqual(sample.township, self.township_a)

    def test_disposal_deadline_is_the_rule_in_force_on_the_report_date(self):
        self.assertEqual(SampleFactory(operator=self.operator, failed=True).disposal_deadline, D(2026, 6, 18))
        self.assertIsNone(SampleFactory(operator=self.operator).disposal_deadline)
        RuleParameter.objects.create(key="sample_disposal_days", value=60, effective_from=D(2026, 6, 1))
        later = SampleFactory(operator=self.operator, failed=True, report_date=D(2026, 6, 10))
        earlier = SampleFactory(operator=self.operator, failed=True, report_date=D(2026, 5, 20))
        self.assertEqual(later.disposal_deadline, D(2026, 8, 9))
        self.assertEqual(earlier.disposal_deadline, D(2026, 8, 18))

    def test_a_sample_under_disposal_cannot_become_a_pass(self):
        disposal = SampleDisposalFactory(sample__operator=self.operator)
        sample = disposal.sample
        sample.result, sample.failing_item, sample.standard_value, sample.measured_value = "pass", "", "", ""
        self.assertInvalid(sample, "result", "该批次已有核查处置记录，不能改为合格或待出结果。")


class DisposalTests(CastTestCase):
    """Reported 2026-03-20, the batch must be disposed of by 2026-06-18 (90 days)."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.operator = OperatorFactory(township=cls.township_a)

    def setUp(self):
        self.sample = SampleFactory(operator=self.operator, failed=True)

    def overdue(self, day):
        """The flag, asked both ways: the record's method and the list's query."""
        by_method = Sample.objects.get(pk=self.sample.pk).disposal_overdue_on(day)
        by_query = Sample.objects.valid().disposal_overdue(day).filter(pk=self.sample.pk).exists()
        self.assertEqual(by_method, by_query)
        return by_method

    def test_a_failed_batch_without_any_disposal_is_flagged_after_its_deadline(self):
        self.assertFalse(self.overdue(D(2026, 6, 18)))
        self.assertTrue(self.overdue(D(2026, 6, 19)))
        self.assertEqual(Sample.objects.get(pk=self.sample.pk).disposal_state(D(2026, 6, 19)), "逾期未处置")

    def test_completed_means_a_completion_date_on_or_before_the_day(self):
        SampleDisposalFactory(sample=self.sample, withdrawn_on=D(2026, 3, 22), completed_on=D(2026, 6, 25))
        self.assertTrue(self.overdue(D(2026, 6, 24)))
        self.assertFalse(self.overdue(D(2026, 6, 25)))
        completed = Sample.objects.disposal_completed_by
        self.assertFalse(completed(D(2026, 6, 24)).exists())
        self.assertTrue(completed(D(2026, 6, 25)).exists())

    def test_an_approved_extension_moves_the_deadline(self):
        SampleDisposalFactory(
            sample=self.sample, withdrawn_on=D(2026, 3, 22), extended_to=D(2026, 7, 15), extension_reason="复检中"
        )
        self.assertFalse(self.overdue(D(2026, 7, 15)))
        self.assertTrue(self.overdue(D(2026, 7, 16)))

    def test_a_voided_batch_is_never_flagged(self):
        self.sample.void(by=self.inspector_a, reason="录入错误")
        self.assertFalse(Sample.objects.valid().disposal_overdue(D(2026, 12, 1)).exists())

    def test_disposal_steps_are_validated(self):
        disposal = SampleDisposal(sample=self.sample)
        cases = [
            ({"withdrawn_on": D(2026, 4, 10), "completed_on": D(2026, 4, 1)}, "completed_on", "不能早于下架/封存日期"),
            ({"completed_on": D(2026, 5, 1)}, "withdrawn_note", "完成处置前须登记下架/封存情况"),
            ({"extended_to": D(2026, 7, 1)}, "extension_reason", "延期须填写理由。"),
            ({"extended_to": D(2026, 6, 1), "extension_reason": "x"}, "extended_to", "延期日期须晚于原期限"),
            ({"withdrawn_on": D(2026, 3, 1)}, "withdrawn_on", "日期不能早于抽样日期。"),
            ({"case": CaseFactory(township=self.township_b)}, "case", "案件须是本乡镇的案件。"),
        ]
        for values, field, message in cases:
            with self.subTest(field):
                for name, value in values.items():
                    setattr(disposal, name, value)
                with self.assertRaises(ValidationError) as caught:
                    disposal.full_clean()
                self.assertIn(message, " ".join(caught.exception.message_dict[field]))
                disposal = SampleDisposal(sample=self.sample)

    def test_a_passed_batch_has_no_disposal(self):
        passed = SampleFactory(operator=self.operator)
        with self.assertRaises(ValidationError) as caught:
            SampleDisposal(sample=passed).full_clean()
        self.assertIn("只有不合格批次需要核查处置。", caught.exception.messages)


class SamplingFigureTests(CastTestCase):
    """samples, samples_failed, samples_pass_pct and the three disposal rates, by period and township."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        op_a, op_b = OperatorFactory(township=cls.township_a), OperatorFactory(township=cls.township_b)
        SampleFactory(operator=op_a, sampled_on=D(2026, 2, 3))
        cls.disposed = SampleFactory(operator=op_a, failed=True, sampled_on=D(2026, 3, 2))
        case = CaseFactory(
            township=cls.township_a, filed_on=D(2026, 4, 15), decided_on=D(2026, 5, 10), fine=5000, operator=op_a
        )
        SampleDisposalFactory(sample=cls.disposed, withdrawn_on=D(2026, 3, 22), case=case, completed_on=D(2026, 5, 20))
        cls.open = SampleFactory(operator=op_a, failed=True, sampled_on=D(2026, 4, 1), report_date=D(2026, 4, 18))
        SampleDisposalFactory(sample=cls.open, withdrawn_on=D(2026, 4, 19))
        SampleFactory(operator=op_a, pending=True, sampled_on=D(2026, 6, 20))
        SampleFactory(operator=op_a, failed=True, sampled_on=D(2025, 12, 30), report_date=D(2026, 1, 12))
        SampleFactory(operator=op_a, failed=True, sampled_on=D(2026, 5, 5), report_date=D(2026, 5, 20)).void(
            by=cls.inspector_a, reason="重复录入"
        )
        SampleFactory(operator=op_b, failed=True, sampled_on=D(2026, 3, 3))

    def figures(self, townships, start, end, day=None):
        day = day or end
        samples = Sample.objects.in_townships(townships).valid().between(start, end)
        return {
            "samples": samples.count(),
            "with_result": samples.with_result().count(),
            "samples_failed": samples.failed().count(),
            "disposed": samples.disposal_completed_by(day).count(),
            "case_filed": samples.case_filed_by(day).count(),
            "penalty": samples.penalty_decided_by(day).count(),
            "overdue": samples.disposal_overdue(day).count(),
        }

    def test_first_half_of_the_year_in_township_a(self):
        figures = self.figures([self.township_a], D(2026, 1, 1), D(2026, 6, 30))
        expected = {
            "samples": 4,
            "with_result": 3,
            "samples_failed": 2,
            "disposed": 1,
            "case_filed": 1,
            "penalty": 1,
            "overdue": 0,
        }
        self.assertEqual(figures, expected)

    def test_rates_as_of_an_earlier_day(self):
        figures = self.figures([self.township_a], D(2026, 1, 1), D(2026, 6, 30), day=D(2026, 5, 1))
        self.assertEqual((figures["disposed"], figures["case_filed"], figures["penalty"]), (0, 1, 0))

    def test_the_open_failure_is_overdue_at_year_end(self):
        self.assertEqual(self.figures([self.township_a], D(2026, 1, 1), D(2026, 12, 31))["overdue"], 1)
        in_a = Sample.objects.in_townships([self.township_a]).valid().between(D(2026, 1, 1), D(2026, 12, 31))
        self.assertEqual(list(in_a.disposal_overdue(D(2026, 12, 31))), [self.open])

    def test_the_county_adds_township_b(self):
        figures = self.figures([self.township_a, self.township_b], D(2026, 1, 1), D(2026, 6, 30))
        self.assertEqual((figures["samples"], figures["samples_failed"]), (5, 3))

    def test_samples_per_thousand_residents_has_what_it_needs(self):
        samples = Sample.objects.in_townships([self.township_a]).valid().between(D(2026, 1, 1), D(2026, 12, 31))
        self.assertEqual(samples.count() * 1000 / self.township_a.population, 4.0)  # 4 batches, 1000 residents


class SamplingPageTests(CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.operator = OperatorFactory(township=cls.township_a, name="甲镇粮油店")
        cls.sample_b = SampleFactory(operator=OperatorFactory(township=cls.township_b), failed=True)

    def test_entering_a_failed_sample_opens_its_disposal(self):
        self.login(self.inspector_a)
        response = self.client.post(reverse("inspections:sample_create"), sample_form(self.operator), follow=True)
        sample = Sample.objects.get(batch_no="NCP26620799001")
        self.assertRedirects(response, sample.get_absolute_url())
        self.assertContains(response, "已启动核查处置")
        self.assertEqual((sample.township, sample.created_by), (self.township_a, self.inspector_a))
        self.assertEqual(sample.disposal.history.get().history_change_reason, "检验结论为不合格，启动核查处置")
        self.assertContains(response, "登记处置步骤")
        self.assertContains(response, "2026-07-19")  # the deadline: report date + 90 days

    def test_a_failed_sample_without_its_item_keeps_what_was_typed(self):
        self.login(self.inspector_a)
        data = sample_form(self.operator, failing_item="", measured_value="0.2 g/kg")
        response = self.client.post(reverse("inspections:sample_create"), data)
        self.assertContains(response, "不合格批次须填写不合格项目。")
        self.assertContains(response, 'value="0.2 g/kg"')
        self.assertFalse(Sample.objects.filter(batch_no="NCP26620799001").exists())

    def test_disposal_steps_then_a_case_from_the_sample_page(self):
        sample = SampleFactory(operator=self.operator, failed=True)
        self.login(self.inspector_a)
        url = reverse("inspections:sampledisposal_update", args=[sample.pk])
        response = self.client.post(url, {"withdrawn_on": "2026-03-22", "withdrawn_note": "下架封存12袋"})
        self.assertRedirects(response, sample.get_absolute_url())

        create = reverse("inspections:case_create") + f"?sample={sample.pk}"
        form = self.client.get(create).context["form"]
        self.assertEqual((form.initial["operator"], form.initial["source"]), (self.operator.pk, "sampling"))
        data = {
            "township": self.township_a.pk,
            "case_no": "青市监立〔2026〕8号",
            "domain": "food",
            "source": "sampling",
            "operator": self.operator.pk,
            "cause": form.initial["cause"],
            "filed_on": "2026-03-30",
            "fine": "0",
            "confiscated_money": "0",
            "individual_fine": "0",
            **goods_management(0),
        }
        response = self.client.post(create, data)
        self.assertRedirects(response, sample.get_absolute_url())
        disposal = SampleDisposal.objects.get(sample=sample)
        self.assertEqual(disposal.case, Case.objects.get(case_no="青市监立〔2026〕8号"))
        page = self.client.get(sample.get_absolute_url())
        self.assertEqual(
            [day for _, day, _ in page.context["disposal_steps"]][:3], [D(2026, 3, 22), None, D(2026, 3, 30)]
        )
        reasons = [entry.reason for entry in page.context["disposal_trail"]]
        self.assertEqual(reasons, ["立案：青市监立〔2026〕8号", "登记核查处置步骤"])

    def test_a_case_that_cannot_be_linked_to_its_sample_is_not_kept(self):
        sample = SampleFactory(operator=self.operator, failed=True)
        both = inspector(self.township_a, self.township_b)
        self.login(both)
        data = {
            "case_no": "青市监立〔2026〕9号",
            "domain": "food",
            "source": "sampling",
            "operator": OperatorFactory(township=self.township_b).pk,  # not the sampled township
            "cause": "经营不合格食品",
            "filed_on": "2026-03-30",
            **goods_management(0),
        }
        response = self.client.post(reverse("inspections:case_create") + f"?sample={sample.pk}", data)
        self.assertContains(response, "案件须是本乡镇的案件。")
        self.assertFalse(Case.objects.exists())
        self.assertFalse(SampleDisposal.objects.filter(case__isnull=False).exists())

    def test_other_townships_samples_are_out_of_reach(self):
        self.login(self.inspector_a)
        for name in ("sample_detail", "sample_update", "sample_void", "sampledisposal_update"):
            with self.subTest(name):
                self.assertEqual(
                    self.client.get(reverse(f"inspections:{name}", args=[self.sample_b.pk])).status_code, 404
                )
        response = self.client.get(reverse("inspections:case_create") + f"?sample={self.sample_b.pk}")
        self.assertEqual(response.status_code, 404)

    def test_a_leader_reads_but_does_not_record_disposals(self):
        sample = SampleFactory(operator=self.operator, failed=True)
        self.login(self.leader_a)
        self.assertEqual(self.client.get(sample.get_absolute_url()).status_code, 200)
        url = reverse("inspections:sampledisposal_update", args=[sample.pk])
        self.assertEqual(self.client.post(url, {"withdrawn_on": "2026-03-22"}).status_code, 403)
        self.assertNotContains(self.client.get(sample.get_absolute_url()), url)

    def test_only_a_failed_batch_has_a_disposal_page(self):
        sample = SampleFactory(operator=self.operator)
        self.login(self.inspector_a)
        url = reverse("inspections:sampledisposal_update", args=[sample.pk])
        self.assertEqual(self.client.get(url).status_code, 404)

    def test_the_list_filters_overdue_disposals(self):
        overdue = SampleFactory(operator=self.operator, failed=True, report_date=D(2026, 3, 20))
        SampleFactory(operator=self.operator, sample_name="酱油")
        self.login(self.inspector_a)
        response = self.client.get(reverse("inspections:sample_list"), {"disposal": "overdue"})
        self.assertEqual(list(response.context["object_list"]), [overdue])
        self.assertContains(response, "逾期未处置")

    def test_the_export_holds_the_period_asked_for(self):
        SampleFactory(operator=self.operator, sampled_on=D(2026, 2, 1), sample_name="二月样品")
        SampleFactory(
            operator=self.operator, sampled_on=D(2026, 8, 1), report_date=D(2026, 8, 20), sample_name="八月样品"
        )
        self.login(self.inspector_a)
        response = self.client.get(
            reverse("inspections:sample_export"), {"date_from": "2026-07-01", "date_to": "2026-12-31"}
        )
        header, *rows = load_workbook(io.BytesIO(response.content)).active.iter_rows(min_row=2, values_only=True)
        name = header.index("样品名称*")
        self.assertEqual([row[name] for row in rows], ["八月样品"])


def goods_management(total):
    return {
        "goods-TOTAL_FORMS": str(total),
        "goods-INITIAL_FORMS": "0",
        "goods-MIN_NUM_FORMS": "0",
        "goods-MAX_NUM_FORMS": "50",
    }


class SampleImportTests(ImportErrorTestCase):
    def sample_row(self, **values):
        row = {
            "抽样单编号": "NCP-1",
            "抽样日期": "2026-04-02",
            "被抽样单位": "甲镇粮油店",
            "样品名称": "挂面",
            "食品类别": "粮食加工品",
            "抽样单位": "青山县市场监督管理局",
            "检验机构": "甘肃省食品检验研究院",
            "检验结论": "合格",
            "报告日期": "2026-04-20",
        }
        row.update(values)
        return row

    def test_sample_rows(self):
        rows = [
            self.sample_row(),
            self.sample_row(**{"抽样单编号": "NCP-2", "检验结论": "不合格"}),
            self.sample_row(**{"抽样单编号": "NCP-3", "被抽样单位": "乙镇超市"}),
            self.sample_row(),
            self.sample_row(**{"抽样单编号": "NCP-5", "下架/封存日期": "2026-04-21"}),
            self.sample_row(
                **{"抽样单编号": "NCP-6", "检验结论": "不合格", "不合格项目": "铅", "立案案件编号": "不存在的案件"}
            ),
            self.sample_row(**{"抽样单编号": "NCP-7", "报告日期": "2026-03-01"}),
            self.sample_row(**{"抽样单编号": "NCP-8", "食品类别": "奶茶"}),
        ]
        self.assertEqual(
            self.errors(SampleSheet, rows),
            [
                "第4行，“不合格项目”列：不合格批次须填写不合格项目。",
                "第5行，“被抽样单位”列：“乙镇超市”不是甲镇已登记的经营者",
                "第6行，“抽样单编号”列：与本表前面的行重复",
                "第7行：只有不合格批次需要核查处置。",
                "第8行，“立案案件编号”列：甲镇没有编号为“不存在的案件”的案件（请先导入案件台账）",
                "第9行，“报告日期”列：报告日期不能早于抽样日期。",
                "第10行，“食品类别”列：“奶茶”不在可选范围内（"
                + "、".join(label.split("（")[0] for _, label in Sample.FoodCategory.choices)
                + "）",
            ],
        )
        self.assertFalse(Sample.objects.exists())

    def test_operators_of_the_same_name_are_told_apart_by_licence(self):
        OperatorFactory(township=self.township_a, name="同名店", licence_no="JY-1")
        second = OperatorFactory(township=self.township_a, name="同名店", licence_no="JY-2")
        rows = [
            self.sample_row(**{"被抽样单位": "同名店"}),
            self.sample_row(**{"抽样单编号": "NCP-2", "被抽样单位": "同名店", "许可/登记证编号": "JY-9"}),
        ]
        self.assertEqual(
            self.errors(SampleSheet, rows),
            [
                "第3行，“被抽样单位”列：甲镇有2个“同名店”，请填写许可/登记证编号以区分",
                "第4行，“被抽样单位”列：甲镇没有许可/登记证编号为“JY-9”的经营者",
            ],
        )
        told_apart = self.sample_row(**{"被抽样单位": "同名店", "许可/登记证编号": "JY-2"})
        sheet = SampleSheet(township=self.township_a, user=self.inspector_a)
        result = sheet.read(filled_template(SampleSheet, [told_apart]))
        self.assertEqual(result.errors, [])
        sheet.save(result)
        self.assertEqual(Sample.objects.get().operator, second)
