"""Excel sheet of scores (记分台账)."""

from django.core.exceptions import ValidationError

from registry.ledgers.sheets import Column, LedgerSheet
from registry.sheets import LICENCE_COLUMN

from ..models import NegativeListEntry, ScoreRecord
from .common import OperatorLookupMixin


class ScoreRecordSheet(OperatorLookupMixin, LedgerSheet):
    """Historic scores. Importing does not move levels: those are the operators' current state."""

    model = ScoreRecord
    title = "记分台账"
    columns = [
        Column("记分日期", "scored_on", "date", required=True, synonyms=("记分时间",)),
        Column("经营者", "operator_name", required=True, width=28, synonyms=("单位名称", "经营者名称", "被记分单位")),
        LICENCE_COLUMN,
        Column("记分", "points", "int", required=True, width=8, synonyms=("记分分值", "分值")),
        Column("记分事由", "reason", required=True, width=40, synonyms=("事由", "记分原因")),
        Column(
            "所属检查日期",
            "inspection_date",
            "date",
            note="检查时记的分填该次检查的日期：该次检查已随监督检查台账导入并记分的，本行不再重复记分",
        ),
    ]
    prefetch = ("inspection",)

    operator_header = "经营者"

    def extra_headers(self):
        return {**super().extra_headers(), "inspection": "所属检查日期"}

    def value_of(self, record, column):
        if column.attr == "inspection_date":
            return record.inspection.inspected_on if record.inspection_id else None
        return super().value_of(record, column)

    def build(self, values, context):
        day = values.pop("inspection_date", None)
        record = super().build(values, context)
        if day and record.operator is not None:
            self.attach_to_inspection(record, day)
        return record

    @staticmethod
    def attach_to_inspection(record, day):
        """A score given at an inspection belongs to it; the inspection ledger's import may have given it already."""
        inspection = record.operator.inspections.valid().filter(inspected_on=day).order_by("pk").first()
        if inspection is None:
            raise ValidationError({"inspection": f"该单位{day:%Y-%m-%d}没有检查记录（请先导入监督检查台账）"})
        given = ScoreRecord.objects.valid().filter(inspection=inspection).first()
        if given is None:
            record.inspection = inspection
        elif given.points == record.points:
            record.already_recorded = True
        else:
            raise ValidationError({"points": f"该次检查已记{given.points}分，与本行的{record.points}分不符"})

    def save_record(self, record):
        if not getattr(record, "already_recorded", False):
            super().save_record(record)


class NegativeListSheet(OperatorLookupMixin, LedgerSheet):
    """负面清单: operators published as bad records, with the dates they were listed and removed."""

    model = NegativeListEntry
    title = "负面清单"
    columns = [
        Column("经营者", "operator_name", required=True, width=28),
        LICENCE_COLUMN,
        Column("列入日期", "listed_on", "date", required=True),
        Column("列入原因", "reason", required=True, width=40),
        Column("移出日期", "removed_on", "date"),
        Column("移出原因", "removal_reason", width=30),
    ]

    operator_header = "经营者"
