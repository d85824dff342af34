"""Excel sheet of the banquet ledger (农村集体聚餐备案台账)."""

from django.core.exceptions import ValidationError

from registry.ledgers.sheets import Column

from ..models import Banquet
from .common import LookupSheet


class BanquetSheet(LookupSheet):
    model = Banquet
    title = "农村集体聚餐备案台账"
    lookups = ("villages", "chefs")
    columns = [
        Column("聚餐日期", "held_on", "date", required=True, synonyms=("举办日期", "日期")),
        Column("村", "village_name", required=True, synonyms=("所在村", "村名")),
        Column("举办者", "host", required=True, synonyms=("举办人", "户主")),
        Column("举办者电话", "host_phone", synonyms=("联系电话", "电话")),
        Column("聚餐类型", "occasion", "choice", required=True, choices=Banquet.Occasion, synonyms=("类型", "事由")),
        Column("报告日期", "reported_on", "date", required=True, synonyms=("备案日期", "申报日期")),
        Column("餐次", "meals", "int", note="空白为1"),
        Column("举办地点", "place", width=20),
        Column("桌数", "tables", "int", required=True),
        Column("就餐人数", "guests", "int", required=True, synonyms=("人数", "就餐人次")),
        Column("厨师", "chef_name", note="本县已登记的流动厨师姓名", synonyms=("厨师姓名", "流动厨师")),
        Column("签订承诺书", "commitment_signed", "bool"),
        Column("食品留样", "samples_kept", "bool"),
        Column("现场检查指导", "inspected", "bool"),
        Column("检查情况", "inspection_note", width=24),
        Column("备注", "notes", width=30),
    ]

    def extra_headers(self):
        return {"village": "村", "chef": "厨师"}

    def value_of(self, record, column):
        if column.attr == "chef_name":
            return record.chef.name if record.chef_id else None
        return super().value_of(record, column)

    def build(self, values, context):
        village_name, chef_name = values.pop("village_name"), values.pop("chef_name", "")
        record = self.new_record(values)
        record.village = self.resolve_village(village_name, context)
        if chef_name:
            chefs = context["chefs"].get(chef_name, [])
            own = [c for c in chefs if c.township_id == self.township.pk]
            if not chefs:
                raise ValidationError({"chef": f"“{chef_name}”不是本县已登记的流动厨师"})
            if len(own) > 1 or (not own and len(chefs) > 1):
                raise ValidationError({"chef": f"有多名叫“{chef_name}”的流动厨师，请在系统中录入"})
            record.chef = (own or chefs)[0]
        return record
