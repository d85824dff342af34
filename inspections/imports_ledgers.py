"""Excel sheets of the sampling, rapid-test, case and activity ledgers.

One column list per ledger writes the import template, reads an upload all-or-nothing and
writes the export (registry/excel.py). Related records are named as people write them: an
operator or a village by its name in the import's township, a case by its number, a rapid-test
item by its short name; several operators in one cell are separated by 、.
"""

import re
from collections import defaultdict
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from registry.excel import Column, LedgerSheet
from registry.imports import LICENCE_COLUMN, OperatorLookup, VillageLookupMixin
from registry.models import MobileChef

from .models import (
    Banquet,
    Case,
    Complaint,
    ConfiscatedGoods,
    Interview,
    Lecture,
    MajorEvent,
    ManualDistribution,
    PublicityEvent,
    RapidTest,
    RapidTestItem,
    Sample,
    SampleDisposal,
    StudySession,
    Training,
)
from .sampling_services import open_disposal

NAMES_SEPARATOR = re.compile(r"[、,，;；\n]+")


class LookupSheet(VillageLookupMixin, LedgerSheet):
    """Lookups by name inside the import's township, loaded once per file in `prepare`."""

    lookups: tuple = ()  # of "operators", "villages", "cases", "items", "chefs"

    def prepare(self):
        context = {}
        if "operators" in self.lookups:
            context["operators"] = OperatorLookup(self.township)
        if "villages" in self.lookups:
            context["villages"] = self.villages()
        if "cases" in self.lookups:
            context["cases"] = {c.case_no: c for c in Case.objects.valid().filter(township=self.township)}
        if "items" in self.lookups:
            context["items"] = {item.name: item for item in RapidTestItem.objects.all()}
        if "chefs" in self.lookups:
            # A chef of the township first; a chef registered elsewhere in the county otherwise.
            chefs = defaultdict(list)
            county_chefs = MobileChef.objects.valid().filter(township__county_id=self.township.county_id)
            for chef in county_chefs.order_by("township_id", "pk"):
                chefs[chef.name].append(chef)
            context["chefs"] = chefs
        return context

    def operators(self, names, context, field):
        names = [name.strip() for name in NAMES_SEPARATOR.split(names or "") if name.strip()]
        return context["operators"].find_many(names, field)

    def case(self, case_no, context, field="case"):
        if not case_no:
            return None
        try:
            return context["cases"][case_no]
        except KeyError:
            raise ValidationError({field: f"{self.township}没有编号为“{case_no}”的案件（请先导入案件台账）"}) from None

    def value_of(self, record, column):
        related = {
            "operator_name": lambda r: r.operator.name if r.operator_id else None,
            "licence_no": lambda r: (r.operator.licence_no or None) if r.operator_id else None,
            "case_ref": lambda r: r.case.case_no if r.case_id else None,
            "operator_names": lambda r: "、".join(o.name for o in r.operators.all()) or None,
        }
        if column.attr in related:
            return related[column.attr](record)
        return super().value_of(record, column)


class OperatorsM2MSheet(LookupSheet):
    """Sets each record's operators (M2M) once it is saved."""

    def build(self, values, context):
        names = values.pop("operator_names", "")
        record = self.new_record(values)
        record.import_operators = self.operators(names, context, "operators")
        return record

    def extra_headers(self):
        return {"operators": next(c.header for c in self.columns if c.attr == "operator_names")}

    def save(self, result):
        with transaction.atomic():
            super().save(result)
            for record in result.records:
                record.operators.set(record.import_operators)
        return result


# --- 监督抽检 ------------------------------------------------------------------------------------

DISPOSAL_COLUMNS = ("withdrawn_on", "withdrawn_note", "recalled_on", "recall_note", "case_ref", "completed_on")


class SampleSheet(LookupSheet):
    model = Sample
    title = "监督抽检台账"
    lookups = ("operators", "cases")
    columns = [
        Column("抽样单编号", "batch_no", required=True, width=22),
        Column("抽样日期", "sampled_on", "date", required=True),
        Column("被抽样单位", "operator_name", required=True, width=26, note="须是本乡镇已登记的经营者名称"),
        LICENCE_COLUMN,
        Column("样品名称", "sample_name", required=True, width=18),
        Column("食品类别", "food_category", "choice", required=True, choices=Sample.FoodCategory, width=18),
        Column("标称生产者", "manufacturer", width=22),
        Column("生产日期/批号", "lot"),
        Column("抽样单位", "sampling_body", required=True, width=22),
        Column("检验机构", "testing_agency", required=True, width=22),
        Column("检验项目", "tested_items", width=24),
        Column("检验结论", "result", "choice", choices=Sample.Result, note="报告未出的留空"),
        Column("不合格项目", "failing_item", note="不合格批次必填"),
        Column("标准值", "standard_value"),
        Column("实测值", "measured_value"),
        Column("检验报告编号", "report_no", width=18),
        Column("报告日期", "report_date", "date", note="有检验结论的必填"),
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


# --- 快检 ------------------------------------------------------------------------------------


class RapidTestSheet(LookupSheet):
    model = RapidTest
    title = "快检台账"
    lookups = ("operators", "items")
    columns = [
        Column("检测日期", "tested_on", "date", required=True),
        Column("检测地点", "operator_name", required=True, width=24, note="本乡镇已登记的农贸市场或经营者名称"),
        Column("摊位/经营户", "vendor"),
        Column("样品名称", "sample_name", required=True),
        Column("检测项目", "item_name", required=True, note="快检项目简称，如：农残、注水肉、亚硝酸盐"),
        Column("结果", "result", "choice", required=True, choices=RapidTest.Result),
        Column("检测值", "measured_value"),
        Column("检测人", "tester", required=True),
        Column("复检结果", "retest_result", "choice", choices=RapidTest.Retest),
        Column("不合格处置", "disposal", width=26, note="不合格时必填"),
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


# --- 立案查处 --------------------------------------------------------------------------------------

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
    columns = [
        Column("案件编号", "case_no", required=True, width=22),
        Column("案件类别", "domain", "choice", choices=Case.Domain, note="空白为食品"),
        Column("案件来源", "source", "choice", choices=Case.Source, width=16),
        Column("当事单位", "operator_name", width=24, note="本乡镇已登记的经营者名称；未登记的当事人填“当事人”列"),
        LICENCE_COLUMN,
        Column("当事人", "party", width=18),
        Column("案由", "cause", required=True, width=30),
        Column("立案日期", "filed_on", "date", required=True),
        Column("处罚决定日期", "decided_on", "date"),
        Column("处罚决定书文号", "decision_no", width=22),
        Column("处罚内容", "penalty_summary", width=22),
        Column("罚款（元）", "fine", "decimal"),
        Column("没收违法所得（元）", "confiscated_money", "decimal"),
        Column("处罚到人", "individual_penalised", "bool"),
        Column("被处罚责任人", "individual_name"),
        Column("对责任人罚款（元）", "individual_fine", "decimal"),
        Column("移交公安", "transferred_to_police", "bool"),
        Column("移交日期", "transferred_on", "date"),
        Column("结案日期", "closed_on", "date"),
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


# --- 活动台账 ------------------------------------------------------------------------------------


class TrainingSheet(LedgerSheet):
    model = Training
    title = "培训台账"
    columns = [
        Column("日期", "held_on", "date", required=True),
        Column("培训主题", "topic", required=True, width=30),
        Column("培训对象", "audience", "choice", required=True, choices=Training.Audience, width=18),
        Column("参训人数（人次）", "attendees", "int", required=True),
        Column("地点", "place", width=20),
        Column("授课人", "lecturer"),
        Column("备注", "notes", width=30),
    ]


class InterviewSheet(OperatorsM2MSheet):
    model = Interview
    title = "约谈台账"
    lookups = ("operators",)
    columns = [
        Column("日期", "held_on", "date", required=True),
        Column("形式", "kind", "choice", choices=Interview.Kind, note="空白为集体约谈会议"),
        Column("约谈事由", "topic", required=True, width=30),
        Column("被约谈单位", "operator_names", width=36, note="本乡镇已登记的经营者名称，多个用顿号（、）分隔"),
        Column("被约谈人员", "persons", width=24),
        Column("约谈人数（人次）", "interviewees", "int", required=True),
        Column("约谈要求/整改要求", "requirements", width=30),
        Column("备注", "notes", width=30),
    ]

    def check_against_file(self, record, context):
        if record.interviewees and len(record.import_operators) > record.interviewees:
            raise ValidationError(
                {"interviewees": f"约谈人数不能少于被约谈单位数（{len(record.import_operators)}家）。"}
            )


class PublicityEventSheet(LedgerSheet):
    model = PublicityEvent
    title = "宣传活动台账"
    columns = [
        Column("日期", "held_on", "date", required=True),
        Column("主题", "theme", "choice", required=True, choices=PublicityEvent.Theme, width=20),
        Column("活动名称", "title", width=30),
        Column("地点", "place", width=20),
        Column("发放资料（份）", "materials", "int"),
        Column("解答咨询（人次）", "consultations", "int"),
        Column("备注", "notes", width=30),
    ]


class LectureSheet(LedgerSheet):
    model = Lecture
    title = "讲座台账"
    columns = [
        Column("日期", "held_on", "date", required=True),
        Column("类别", "kind", "choice", required=True, choices=Lecture.Kind, width=22),
        Column("主题", "topic", required=True, width=30),
        Column("学校/地点", "venue", required=True, width=22),
        Column("听讲人数", "audience", "int"),
        Column("主讲人", "lecturer"),
        Column("备注", "notes", width=30),
    ]


class ManualDistributionSheet(LedgerSheet):
    model = ManualDistribution
    title = "自律手册发放台账"
    columns = [
        Column("发放日期", "held_on", "date", required=True),
        Column("手册名称", "title", required=True, width=30),
        Column("发放数量（册）", "copies", "int", required=True),
        Column("发放对象", "recipients", width=24),
        Column("备注", "notes", width=30),
    ]


class StudySessionSheet(LookupSheet):
    model = StudySession
    title = "村干部集中学习台账"
    lookups = ("villages",)
    columns = [
        Column("日期", "held_on", "date", required=True),
        Column("村", "village_name", note="本乡镇行政村名称；全镇集中学习的留空"),
        Column("学习内容", "topic", required=True, width=30),
        Column("参加人数", "attendees", "int", required=True),
        Column("备注", "notes", width=30),
    ]

    def extra_headers(self):
        return {"village": "村"}

    def build(self, values, context):
        village_name = values.pop("village_name", "")
        record = self.new_record(values)
        record.village = self.resolve_village(village_name, context)
        return record


class ComplaintSheet(LookupSheet):
    model = Complaint
    title = "投诉举报台账"
    lookups = ("operators", "villages", "cases")
    # Written on export for the reader; recomputed from 受理日期 on import.
    computed = ("deadline", "on_time")
    columns = [
        Column("受理日期", "received_on", "date", required=True),
        Column("类别", "kind", "choice", required=True, choices=Complaint.Kind),
        Column("来源渠道", "channel", "choice", required=True, choices=Complaint.Channel),
        Column("工单编号", "ticket_no", width=20),
        Column("领域", "domain", "choice", choices=Case.Domain, note="空白为食品"),
        Column("被投诉举报单位", "operator_name", width=24, note="本乡镇已登记的经营者名称"),
        LICENCE_COLUMN,
        Column("被投诉举报对象", "subject", width=20, note="未登记的对象填写名称"),
        Column("所在村", "village_name"),
        Column("反映问题", "summary", required=True, width=36),
        Column("办结期限", "deadline", "date", note="系统按受理日期和工作日自动计算，导入时忽略"),
        Column("延期至", "extended_to", "date"),
        Column("延期理由", "extension_reason", width=20),
        Column("办结日期", "closed_on", "date"),
        Column("办理结果", "outcome", "choice", choices=Complaint.Outcome, width=16),
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


class BanquetSheet(LookupSheet):
    model = Banquet
    title = "农村集体聚餐备案台账"
    lookups = ("villages", "chefs")
    columns = [
        Column("聚餐日期", "held_on", "date", required=True),
        Column("村", "village_name", required=True),
        Column("举办者", "host", required=True),
        Column("举办者电话", "host_phone"),
        Column("聚餐类型", "occasion", "choice", required=True, choices=Banquet.Occasion),
        Column("报告日期", "reported_on", "date", required=True),
        Column("餐次", "meals", "int", note="空白为1"),
        Column("举办地点", "place", width=20),
        Column("桌数", "tables", "int", required=True),
        Column("就餐人数", "guests", "int", required=True),
        Column("厨师", "chef_name", note="本县已登记的流动厨师姓名"),
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


class MajorEventSheet(OperatorsM2MSheet):
    model = MajorEvent
    title = "重大活动保障台账"
    lookups = ("operators",)
    columns = [
        Column("活动名称", "name", required=True, width=30),
        Column("开始日期", "start_date", "date", required=True),
        Column("结束日期", "end_date", "date", required=True),
        Column("地点", "place", width=20),
        Column("保障单位", "operator_names", width=36, note="本乡镇已登记的经营者名称，多个用顿号（、）分隔"),
        Column("保障就餐人数", "diners", "int"),
        Column("出动执法人员（人次）", "officers", "int"),
        Column("保障工作情况", "notes", width=36),
    ]


SHEETS = {
    "samples": SampleSheet,
    "rapid_tests": RapidTestSheet,
    "cases": CaseSheet,
    "trainings": TrainingSheet,
    "interviews": InterviewSheet,
    "publicity": PublicityEventSheet,
    "lectures": LectureSheet,
    "manuals": ManualDistributionSheet,
    "study_sessions": StudySessionSheet,
    "complaints": ComplaintSheet,
    "banquets": BanquetSheet,
    "events": MajorEventSheet,
}
