"""Excel sheet of the complaint ledger (投诉举报台账)."""

from registry.ledgers.sheets import Column
from registry.sheets import LICENCE_COLUMN

from ..models import Case, Complaint
from .common import LookupSheet


class ComplaintSheet(LookupSheet):
    model = Complaint
    title = "投诉举报台账"
    lookups = ("operators", "villages", "cases")
    # Written on export for the reader; recomputed from 受理日期 on import.
    computed = ("deadline", "on_time")
    columns = [
        Column("受理日期", "received_on", "date", required=True, synonyms=("受理时间", "登记日期")),
        Column("类别", "kind", "choice", required=True, choices=Complaint.Kind),
        Column("来源渠道", "channel", "choice", required=True, choices=Complaint.Channel, synonyms=("渠道", "来源")),
        Column("工单编号", "ticket_no", width=20),
        Column("领域", "domain", "choice", choices=Case.Domain, note="空白为食品"),
        Column(
            "被投诉举报单位",
            "operator_name",
            width=24,
            note="本乡镇已登记的经营者名称",
            synonyms=("被投诉单位", "被举报单位"),
        ),
        LICENCE_COLUMN,
        Column("被投诉举报对象", "subject", width=20, note="未登记的对象填写名称"),
        Column("所在村", "village_name"),
        Column("反映问题", "summary", required=True, width=36, synonyms=("投诉举报内容", "投诉内容", "举报内容")),
        Column("办结期限", "deadline", "date", note="系统按受理日期和工作日自动计算，导入时忽略"),
        Column("延期至", "extended_to", "date"),
        Column("延期理由", "extension_reason", width=20),
        Column("办结日期", "closed_on", "date", synonyms=("办结时间",)),
        Column("办理结果", "outcome", "choice", choices=Complaint.Outcome, width=16, synonyms=("处理结果",)),
        Column("处理情况", "outcome_note", width=30),
        Column("立案案件编号", "case_ref", width=20, note="办理结果为立案查处的必填"),
        Column("是否按时办结", "on_time", note="系统计算，导入时忽略"),
    ]

    def extra_headers(self):
        return {"operator": "被投诉举报单位", "village": "所在村", "case": "立案案件编号"}

    def value_of(self, record, column):
        if column.attr == "on_time":
            return {True: "按时", False: "超期", None: None}[record.closed_on_time]
        return super().value_of(record, column)

    def build(self, values, context):
        for name in self.computed:
            values.pop(name, None)
        operator, village_name = context["operators"].take(values), values.pop("village_name", "")
        case_no = values.pop("case_ref", "")
        record = self.new_record(values)
        record.operator = operator
        record.village = self.resolve_village(village_name, context)
        record.case = self.case(case_no, context)
        return record
