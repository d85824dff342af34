"""Excel sheet of the sampling ledger (监督抽检台账), disposal steps included."""

from django.core.exceptions import ValidationError
from django.db import transaction

from registry.ledgers.sheets import Column
from registry.sheets import LICENCE_COLUMN

from ..models import Sample, SampleDisposal
from ..services.sampling import open_disposal
from .common import LookupSheet

DISPOSAL_COLUMNS = ("withdrawn_on", "withdrawn_note", "recalled_on", "recall_note", "case_ref", "completed_on")


class SampleSheet(LookupSheet):
    model = Sample
    title = "监督抽检台账"
    lookups = ("operators", "cases")
    prefetch = ("disposal__case",)  # the export's disposal columns, read per chunk rather than per batch
    columns = [
        Column("抽样单编号", "batch_no", required=True, width=22),
        Column("抽样日期", "sampled_on", "date", required=True, synonyms=("抽样时间",)),
        Column(
            "被抽样单位",
            "operator_name",
            required=True,
            width=26,
            note="须是本乡镇已登记的经营者名称",
            synonyms=("被抽样单位名称", "受检单位"),
        ),
        LICENCE_COLUMN,
        Column("样品名称", "sample_name", required=True, width=18, synonyms=("产品名称", "食品名称")),
        Column(
            "食品类别",
            "food_category",
            "choice",
            required=True,
            choices=Sample.FoodCategory,
            width=18,
            synonyms=("食品大类", "产品类别"),
        ),
        Column("标称生产者", "manufacturer", width=22, synonyms=("标称生产企业", "生产企业")),
        Column("生产日期/批号", "lot", synonyms=("生产日期", "批号")),
        Column("抽样单位", "sampling_body", required=True, width=22, synonyms=("抽样机构",)),
        Column("检验机构", "testing_agency", required=True, width=22, synonyms=("承检机构", "检测机构")),
        Column("检验项目", "tested_items", width=24),
        Column(
            "检验结论", "result", "choice", choices=Sample.Result, note="报告未出的留空", synonyms=("检验结果", "结论")
        ),
        Column("不合格项目", "failing_item", note="不合格批次必填", synonyms=("不合格项目名称",)),
        Column("标准值", "standard_value"),
        Column("实测值", "measured_value", synonyms=("检验值", "检测值")),
        Column("检验报告编号", "report_no", width=18),
        Column("报告日期", "report_date", "date", note="有检验结论的必填", synonyms=("报告时间", "检验报告日期")),
        Column("下架/封存日期", "withdrawn_on", "date", note="核查处置：仅不合格批次"),
        Column("下架/封存情况", "withdrawn_note", width=20),
        Column("召回日期", "recalled_on", "date"),
        Column("召回情况", "recall_note", width=20),
        Column("立案案件编号", "case_ref", width=20, note="须是已导入的本乡镇案件编号"),
        Column("处置完成日期", "completed_on", "date"),
        Column("备注", "notes", width=30),
    ]

    def prepare(self):
        return {**super().prepare(), "batch_nos": set()}

    def extra_headers(self):
        return {"operator": "被抽样单位", "case": "立案案件编号"}

    def value_of(self, record, column):
        if column.attr in DISPOSAL_COLUMNS:
            disposal = record.disposal_or_none
            if disposal is None:
                return None
            if column.attr == "case_ref":
                return disposal.case.case_no if disposal.case_id else None
            return getattr(disposal, column.attr)
        return super().value_of(record, column)

    def build(self, values, context):
        steps = {name: values.pop(name, None) for name in DISPOSAL_COLUMNS}
        operator = context["operators"].take(values)
        record = self.new_record(values)
        record.operator = operator
        record.import_disposal = None
        if any(steps.values()):
            record.import_disposal = SampleDisposal(
                sample=record,
                township=self.township,
                withdrawn_on=steps["withdrawn_on"],
                withdrawn_note=steps["withdrawn_note"] or "",
                recalled_on=steps["recalled_on"],
                recall_note=steps["recall_note"] or "",
                case=self.case(steps["case_ref"], context),
                completed_on=steps["completed_on"],
            )
        return record

    def check_against_file(self, record, context):
        if record.batch_no in context["batch_nos"]:
            raise ValidationError({"batch_no": "与本表前面的行重复"})
        context["batch_nos"].add(record.batch_no)
        if record.import_disposal is not None:
            record.import_disposal.full_clean(exclude=["sample"])

    def save(self, result):
        with transaction.atomic():
            super().save(result)
            for sample in result.records:
                disposal = sample.import_disposal
                if disposal is not None:
                    disposal.sample = sample
                    disposal.created_by = self.user
                    disposal._history_user = self.user
                    disposal._change_reason = "Excel导入"
                    disposal.save()
                else:
                    open_disposal(sample, by=self.user)
        return result
