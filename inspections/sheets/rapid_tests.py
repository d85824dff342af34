"""Excel sheet of the rapid-test ledger (快检台账)."""

from django.core.exceptions import ValidationError

from registry.ledgers.sheets import Column
from registry.sheets import LICENCE_COLUMN

from ..models import RapidTest
from .common import LookupSheet


class RapidTestSheet(LookupSheet):
    model = RapidTest
    title = "快检台账"
    lookups = ("operators", "items")
    columns = [
        Column("检测日期", "tested_on", "date", required=True, synonyms=("检测时间", "日期")),
        Column(
            "检测地点",
            "operator_name",
            required=True,
            width=24,
            note="本乡镇已登记的农贸市场或经营者名称",
            synonyms=("市场名称", "被检单位"),
        ),
        LICENCE_COLUMN,
        Column("摊位/经营户", "vendor", synonyms=("摊位", "经营户")),
        Column("样品名称", "sample_name", required=True),
        Column(
            "检测项目",
            "item_name",
            required=True,
            note="快检项目简称，如：农残、注水肉、亚硝酸盐",
            synonyms=("快检项目",),
        ),
        Column("结果", "result", "choice", required=True, choices=RapidTest.Result, synonyms=("检测结果", "检测结论")),
        Column("检测值", "measured_value"),
        Column("检测人", "tester", required=True, synonyms=("检测人员",)),
        Column("复检结果", "retest_result", "choice", choices=RapidTest.Retest),
        Column("不合格处置", "disposal", width=26, note="不合格时必填", synonyms=("处置情况", "处置措施")),
    ]

    def extra_headers(self):
        return {"operator": "检测地点", "item": "检测项目"}

    def value_of(self, record, column):
        if column.attr == "item_name":
            return record.item.name
        return super().value_of(record, column)

    def build(self, values, context):
        operator, item_name = context["operators"].take(values), values.pop("item_name")
        record = self.new_record(values)
        record.operator = operator
        try:
            record.item = context["items"][item_name]
        except KeyError:
            known = "、".join(context["items"])
            raise ValidationError({"item": f"“{item_name}”不是快检项目（可选：{known}）"}) from None
        return record
