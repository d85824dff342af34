"""Excel sheet of the rectification ledger (整改台账)."""

from registry.ledgers.sheets import Column, LedgerSheet
from registry.sheets import LICENCE_COLUMN

from ..models import Rectification
from .common import OperatorLookupMixin


class RectificationSheet(OperatorLookupMixin, LedgerSheet):
    model = Rectification
    title = "整改台账"
    columns = [
        Column(
            "被检查单位",
            "operator_name",
            required=True,
            width=28,
            synonyms=("单位名称", "经营者名称", "被检查单位名称"),
        ),
        LICENCE_COLUMN,
        Column("来源", "source", "choice", choices=Rectification.Source, note="空白为监督检查"),
        Column("问题描述", "description", required=True, width=36, synonyms=("存在问题", "发现的问题", "问题")),
        Column("整改要求", "requirement", width=30),
        Column("整改责任人", "responsible_person", synonyms=("责任人",)),
        Column("下达日期", "opened_on", "date", required=True, synonyms=("下达时间",)),
        Column("整改期限", "deadline", "date", required=True, synonyms=("整改时限", "期限")),
        Column("状态", "status", "choice", choices=Rectification.Status, note="空白为待整改", synonyms=("整改状态",)),
        Column("经营者报告整改日期", "reported_on", "date"),
        Column("销号日期", "closed_on", "date", note="已销号的必填", synonyms=("销号时间",)),
        Column("整改情况", "closing_note", width=30, synonyms=("整改结果",)),
    ]
