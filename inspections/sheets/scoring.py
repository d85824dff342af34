"""Excel sheet of scores (记分台账)."""

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
    ]

    operator_header = "经营者"


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
