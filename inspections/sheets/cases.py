"""Excel sheet of the case ledger (立案查处台账), confiscated goods in one cell."""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from registry.ledgers.sheets import Column
from registry.sheets import LICENCE_COLUMN

from ..models import Case, ConfiscatedGoods
from .common import LookupSheet

GOODS_PATTERN = re.compile(
    r"^(?P<kind>[^（(\d]+?)\s*(?:[（(](?P<description>[^）)]*)[）)])?"
    r"\s*(?P<quantity>\d+(?:\.\d+)?)\s*(?P<unit>\S+)$"
)

GOODS_NOTE = "种类（物品名称）数量单位，多项用；分隔，如：过期食品（酸奶）12.5公斤；药品30板"


def format_goods(goods):
    return "；".join(
        f"{g.get_kind_display()}{'（' + g.description + '）' if g.description else ''}{g.quantity_text}" for g in goods
    )


def parse_goods(text):
    """“过期食品（酸奶）12.5公斤；药品30板” → unsaved ConfiscatedGoods; ValidationError naming the bad part."""
    kinds = {label: value for value, label in ConfiscatedGoods.Kind.choices}
    units = {label: value for value, label in ConfiscatedGoods.Unit.choices}
    goods = []
    for part in (p.strip() for p in re.split(r"[；;\n]+", text or "")):
        if not part:
            continue
        match = GOODS_PATTERN.match(part)
        if not match:
            raise ValidationError(f"“{part}”应写成“种类（物品名称）数量单位”，如：过期食品（酸奶）12.5公斤")
        kind, unit = match["kind"].strip(), match["unit"]
        if kind not in kinds:
            raise ValidationError(f"“{kind}”不是没收物品种类（可选：{'、'.join(kinds)}）")
        if unit not in units:
            raise ValidationError(f"“{unit}”不是计量单位（可选：{'、'.join(units)}）")
        goods.append(
            ConfiscatedGoods(
                kind=kinds[kind],
                description=(match["description"] or "").strip(),
                quantity=Decimal(match["quantity"]),
                unit=units[unit],
            )
        )
    return goods


class CaseSheet(LookupSheet):
    model = Case
    title = "立案查处台账"
    lookups = ("operators",)
    prefetch = ("goods",)  # the export's 没收物品 column, read per chunk rather than per case
    columns = [
        Column("案件编号", "case_no", required=True, width=22, synonyms=("案号",)),
        Column("案件类别", "domain", "choice", choices=Case.Domain, note="空白为食品"),
        Column("案件来源", "source", "choice", choices=Case.Source, width=16, synonyms=("来源",)),
        Column("当事单位", "operator_name", width=24, note="本乡镇已登记的经营者名称；未登记的当事人填“当事人”列"),
        LICENCE_COLUMN,
        Column("当事人", "party", width=18),
        Column("案由", "cause", required=True, width=30, synonyms=("案件名称",)),
        Column("立案日期", "filed_on", "date", required=True, synonyms=("立案时间",)),
        Column("处罚决定日期", "decided_on", "date", synonyms=("决定日期",)),
        Column("处罚决定书文号", "decision_no", width=22, synonyms=("处罚决定书编号", "决定书文号")),
        Column("处罚内容", "penalty_summary", width=22),
        Column("罚款（元）", "fine", "decimal", synonyms=("罚款金额", "罚没款")),
        Column("没收违法所得（元）", "confiscated_money", "decimal"),
        Column("处罚到人", "individual_penalised", "bool"),
        Column("被处罚责任人", "individual_name"),
        Column("对责任人罚款（元）", "individual_fine", "decimal"),
        Column("移交公安", "transferred_to_police", "bool"),
        Column("移交日期", "transferred_on", "date"),
        Column("结案日期", "closed_on", "date", synonyms=("结案时间",)),
        Column(
            "没收物品",
            "goods_text",
            width=36,
            note=GOODS_NOTE,
        ),
        Column("备注", "notes", width=30),
    ]

    def prepare(self):
        return {**super().prepare(), "case_nos": set()}

    def extra_headers(self):
        return {"operator": "当事单位", "goods_text": "没收物品"}

    def value_of(self, record, column):
        if column.attr == "goods_text":
            return format_goods(record.goods.all()) or None
        return super().value_of(record, column)

    def build(self, values, context):
        operator, goods_text = context["operators"].take(values), values.pop("goods_text", "")
        record = self.new_record(values)
        record.operator = operator
        try:
            record.import_goods = parse_goods(goods_text)
        except ValidationError as exc:
            raise ValidationError({"goods_text": exc.messages}) from None
        return record

    def check_against_file(self, record, context):
        if record.case_no in context["case_nos"]:
            raise ValidationError({"case_no": "与本表前面的行重复"})
        context["case_nos"].add(record.case_no)
        for goods in record.import_goods:
            try:
                goods.full_clean(exclude=["case"])
            except ValidationError as exc:
                raise ValidationError({"goods_text": exc.messages}) from None

    def save(self, result):
        with transaction.atomic():
            super().save(result)
            for case in result.records:
                for goods in case.import_goods:
                    goods.case = case
                    goods._history_user = self.user
                    goods.save()
        return result
