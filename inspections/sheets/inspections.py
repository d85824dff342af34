"""Excel sheet of the inspection ledger (监督检查台账)."""

import datetime

from django.core.exceptions import ValidationError

from registry.ledgers.sheets import Column, LedgerSheet
from registry.sheets import LICENCE_COLUMN

from ..forms.inspections import officers_for
from ..models import Campaign, Inspection, InspectionDocument
from ..services.inspections import check_officers, record_inspection
from .common import OperatorLookupMixin

DOCUMENT_COLUMNS = {
    "result_record_no": InspectionDocument.Kind.RESULT_RECORD,
    "correction_order_no": InspectionDocument.Kind.CORRECTION_ORDER,
    "score_notice_no": InspectionDocument.Kind.SCORE_NOTICE,
    "opinion_no": InspectionDocument.Kind.OPINION,
}


class InspectionSheet(OperatorLookupMixin, LedgerSheet):
    model = Inspection
    title = "监督检查台账"
    prefetch = ("officers", "documents")
    columns = [
        Column("检查日期", "inspected_on", "date", required=True, synonyms=("检查时间",)),
        Column(
            "被检查单位",
            "operator_name",
            required=True,
            width=28,
            synonyms=("被检查单位名称", "被检查对象", "单位名称", "经营者名称"),
        ),
        LICENCE_COLUMN,
        Column("检查类型", "kind", "choice", required=True, choices=Inspection.Kind, synonyms=("检查类别",)),
        Column(
            "专项整治",
            "campaign_name",
            width=24,
            note="专项检查须填写，须是已登记的专项整治名称",
            synonyms=("专项行动", "专项检查名称"),
        ),
        Column(
            "检查人员",
            "officer_names",
            width=20,
            note="系统内执法人员的姓名，用顿号分隔",
            synonyms=("执法人员", "检查人"),
        ),
        Column("其他检查人员", "other_officers", width=16, note="没有系统账号的人员"),
        Column("检查结果", "result", "choice", required=True, choices=Inspection.Result, synonyms=("检查结论", "结果")),
        Column("发现的问题", "findings", width=36, synonyms=("存在问题", "存在的问题", "发现问题", "主要问题")),
        Column("本次记分", "points_deducted", "int", width=10, synonyms=("记分", "扣分")),
        Column("监督检查结果记录表编号", "result_record_no", width=22, synonyms=("结果记录表编号",)),
        Column("责令改正通知书编号", "correction_order_no", width=22),
        Column("记分告知单编号", "score_notice_no", width=22),
        Column("监督检查意见书编号", "opinion_no", width=22, synonyms=("意见书编号",)),
    ]

    def prepare(self):
        officers = {}
        for user in officers_for(self.township):
            officers.setdefault(user.name or user.username, []).append(user)
        campaigns = {c.name: c for c in Campaign.objects.valid().in_townships([self.township.pk])}
        existing = set(
            Inspection.objects.valid().filter(township=self.township).values_list("operator_id", "inspected_on", "kind")
        )
        return {
            **super().prepare(),
            "officers": officers,
            "campaigns": campaigns,
            "existing": existing,
            "numbers": set(),
            "in_file": {},  # operator pk → the file's inspections validated so far (oldest first)
        }

    def extra_headers(self):
        return {
            **super().extra_headers(),
            "campaign": "专项整治",
            "officers": "检查人员",
            "inspected_on": "检查日期",
            "override_reason": "检查结果",
            "follows": "检查类型",
        }

    def value_of(self, record, column):
        if column.attr == "campaign_name":
            return record.campaign.name if record.campaign else None
        if column.attr == "officer_names":
            return "、".join(str(o) for o in record.officers.all()) or None
        if column.attr in DOCUMENT_COLUMNS:
            numbers = {d.kind: d.number for d in record.documents.all()}
            return numbers.get(DOCUMENT_COLUMNS[column.attr]) or None
        return super().value_of(record, column)

    def build(self, values, context):
        operator = context["operators"].take(values)
        campaign_name = values.pop("campaign_name", "")
        officer_names = values.pop("officer_names", "")
        documents = {kind: values.pop(attr, "") for attr, kind in DOCUMENT_COLUMNS.items()}
        record = self.new_record(values)
        record.operator = operator
        record.township = self.township
        if record.kind == Inspection.Kind.FOLLOW_UP and record.inspected_on:
            record.follows = self.previous_inspection(operator, record.inspected_on, context)
        if campaign_name:
            record.campaign = context["campaigns"].get(campaign_name)
            if record.campaign is None:
                raise ValidationError({"campaign": f"“{campaign_name}”不是已登记的专项整治"})
        record.import_officers = []
        for name in (n for n in Inspection(other_officers=officer_names).other_officer_names):
            users = context["officers"].get(name, [])
            if len(users) != 1:
                raise ValidationError(
                    {"officers": f"“{name}”不是本乡镇的执法人员账号；没有账号的人员请填在“其他检查人员”列"}
                )
            record.import_officers.append(users[0])
        # The rule of the form, in its words: both go through the same service.
        check_officers(record, record.import_officers)
        record.import_documents = {kind: number for kind, number in documents.items() if number}
        for number in record.import_documents.values():
            if number in context["numbers"] or InspectionDocument.objects.filter(number=number).exists():
                raise ValidationError({"__all__": f"文书编号“{number}”已被使用"})
            context["numbers"].add(number)
        return record

    def validate(self, result):
        # Rows are checked and saved oldest first: a follow-up verifies an inspection that an
        # exported ledger (newest first) lists further down, and that one must exist before it.
        result.parsed.sort(key=lambda item: (dict(item[1]).get("inspected_on") or datetime.date.min, item[0]))
        return super().validate(result)

    @staticmethod
    def previous_inspection(operator, day, context):
        """A historic follow-up verifies the operator's latest earlier inspection, saved or in the file."""
        saved = operator.inspections.valid().filter(inspected_on__lt=day).order_by("-inspected_on").first()
        in_file = [r for r in context["in_file"].get(operator.pk, []) if r.inspected_on < day]
        candidates = [r for r in [saved, *in_file] if r is not None]
        return max(candidates, key=lambda r: r.inspected_on, default=None)

    def check_against_file(self, record, context):
        key = (record.operator_id, record.inspected_on, record.kind)
        if key in context["existing"]:
            raise ValidationError({"inspected_on": "该单位当天已有同类检查记录（重复导入？）"})
        context["existing"].add(key)
        context["in_file"].setdefault(record.operator_id, []).append(record)

    def save_record(self, record):
        """Through the service that records an inspection from the form, under the same rules; as a
        past inspection (`historic`): the file's document numbers, no level moved again."""
        record_inspection(
            inspection=record,
            officers=record.import_officers,
            items=[],
            by=record.created_by,
            documents=record.import_documents,
            historic=True,
        )
