"""How the records behind a figure are listed: the columns of the drill-down page and its .xlsx.

One entry per model a figure counts. A record read from the audit trail (a historical row of an
operator or food truck, for a past period end) is listed with its values as they were then and
links to the record's page.
"""

from dataclasses import dataclass
from typing import Any

from inspections import models as ledgers
from registry import models as registry


@dataclass(frozen=True)
class Column:
    header: str
    value: Any  # an attribute name, or a function of the record

    def of(self, record):
        if callable(self.value):
            return self.value(record)
        value = record
        for part in self.value.split("."):
            value = getattr(value, part, None)
            if value is None:
                return None
        return value() if callable(value) else value


@dataclass(frozen=True)
class Listing:
    columns: tuple[Column, ...]
    select_related: tuple[str, ...] = ()
    link: Any = None  # the record's page, when it is not get_absolute_url()


def yes_no(attr):
    return lambda record: "是" if getattr(record, attr) else "否"


def kind_label(record):
    return record.get_subtype_display() or record.get_category_display()


OPERATOR = Listing(
    (
        Column("名称", "name"),
        Column("乡镇", "township.name"),
        Column("所属村", "village.name"),
        Column("业态", kind_label),
        Column("登记日期", "registered_on"),
        Column("经营状态", "get_status_display"),
    ),
    select_related=("township", "village"),
)
FOOD_TRUCK = Listing(
    (
        Column("车牌号/编号", "plate_no"),
        Column("经营者", "owner"),
        Column("乡镇", "township.name"),
        Column("安装GPS定位", yes_no("gps_installed")),
        Column("安装摄像头", yes_no("camera_installed")),
        Column("登记日期", "registered_on"),
    ),
    select_related=("township",),
)

LISTINGS = {
    registry.Operator: OPERATOR,
    registry.FoodTruck: FOOD_TRUCK,
    registry.MobileChef: Listing(
        (
            Column("姓名", "name"),
            Column("乡镇", "township.name"),
            Column("健康证有效期至", "health_certificate_expires_on"),
            Column("培训证有效期至", "training_certificate_expires_on"),
            Column("登记日期", "registered_on"),
        ),
        select_related=("township",),
    ),
    registry.WholesaleVehicle: Listing(
        (
            Column("车牌号", "plate_no"),
            Column("所属批发企业", "operator.name"),
            Column("乡镇", "township.name"),
            Column("车辆类型", "vehicle_type"),
        ),
        select_related=("township", "operator"),
    ),
    registry.Village: Listing(
        (Column("行政村", "name"), Column("乡镇", "township.name"), Column("户籍人口", "population")),
        select_related=("township",),
    ),
    registry.VillageCoordinator: Listing(
        (
            Column("姓名", "name"),
            Column("村", "village.name"),
            Column("乡镇", "village.township.name"),
            Column("职责", "get_role_display"),
            Column("聘任日期", "appointed_on"),
        ),
        select_related=("village__township",),
    ),
    registry.LeadingGroupMember: Listing(
        (
            Column("组内职务", "get_role_display"),
            Column("姓名", "name"),
            Column("职务", "position"),
            Column("领导小组", "group_label"),
            Column("任职日期", "appointed_on"),
        ),
        select_related=("county", "township"),
    ),
    ledgers.Inspection: Listing(
        (
            Column("检查日期", "inspected_on"),
            Column("被检查单位", "operator.name"),
            Column("乡镇", "township.name"),
            Column("检查类型", "get_kind_display"),
            Column("检查结果", "get_result_display"),
            Column("检查人员数", "officer_count"),
        ),
        select_related=("operator", "township"),
    ),
    ledgers.InspectionDocument: Listing(
        (
            Column("文书", "get_kind_display"),
            Column("文书编号", "number"),
            Column("送达日期", "issued_on"),
            Column("被检查单位", "inspection.operator.name"),
            Column("乡镇", "inspection.township.name"),
        ),
        select_related=("inspection__operator", "inspection__township"),
        link=lambda record: record.inspection.get_absolute_url(),
    ),
    ledgers.Rectification: Listing(
        (
            Column("下达日期", "opened_on"),
            Column("责任单位", "operator.name"),
            Column("问题描述", "description"),
            Column("整改期限", "deadline"),
            Column("状态", "get_status_display"),
            Column("销号日期", "closed_on"),
        ),
        select_related=("operator",),
    ),
    ledgers.Campaign: Listing(
        (
            Column("专项整治", "name"),
            Column("开始日期", "start_date"),
            Column("结束日期", "end_date"),
            Column("范围", lambda record: record.township.name if record.township_id else "全县"),
            Column("本辖区本期检查户次", "inspection_count"),
        ),
        select_related=("township",),
    ),
    ledgers.ScoreRecord: Listing(
        (
            Column("记分日期", "scored_on"),
            Column("经营者", "operator.name"),
            Column("乡镇", "township.name"),
            Column("记分", "points"),
            Column("记分事由", "reason"),
        ),
        select_related=("operator", "township"),
    ),
    ledgers.NegativeListEntry: Listing(
        (
            Column("经营者", "operator.name"),
            Column("乡镇", "township.name"),
            Column("列入日期", "listed_on"),
            Column("列入原因", "reason"),
        ),
        select_related=("operator", "township"),
        link=lambda record: record.operator.get_absolute_url(),
    ),
    ledgers.Sample: Listing(
        (
            Column("抽样日期", "sampled_on"),
            Column("抽样单编号", "batch_no"),
            Column("样品名称", "sample_name"),
            Column("被抽样单位", "operator.name"),
            Column("检验结论", lambda record: record.get_result_display() or "待出结果"),
            Column("核查处置", "disposal_state_today"),
        ),
        select_related=("operator", "disposal"),
    ),
    ledgers.RapidTest: Listing(
        (
            Column("检测日期", "tested_on"),
            Column("检测地点", "operator.name"),
            Column("样品名称", "sample_name"),
            Column("检测项目", "item.name"),
            Column("结果", "get_result_display"),
        ),
        select_related=("operator", "item"),
    ),
    ledgers.Case: Listing(
        (
            Column("立案日期", "filed_on"),
            Column("案件编号", "case_no"),
            Column("当事人", "party_name"),
            Column("案由", "cause"),
            Column("处罚决定日期", "decided_on"),
            Column("罚没款（元）", "penalty_total"),
            Column("结案日期", "closed_on"),
        ),
        select_related=("operator",),
    ),
    ledgers.ConfiscatedGoods: Listing(
        (
            Column("案件编号", "case.case_no"),
            Column("种类", "get_kind_display"),
            Column("物品名称", "description"),
            Column("数量", "quantity"),
            Column("单位", "get_unit_display"),
        ),
        select_related=("case",),
        link=lambda record: record.case.get_absolute_url(),
    ),
    ledgers.Training: Listing(
        (
            Column("日期", "held_on"),
            Column("培训主题", "topic"),
            Column("培训对象", "get_audience_display"),
            Column("参训人数", "attendees"),
        )
    ),
    ledgers.Interview: Listing(
        (
            Column("日期", "held_on"),
            Column("形式", "get_kind_display"),
            Column("约谈事由", "topic"),
            Column("约谈人数", "interviewees"),
        )
    ),
    ledgers.PublicityEvent: Listing(
        (
            Column("日期", "held_on"),
            Column("主题", "get_theme_display"),
            Column("活动名称", "title"),
            Column("发放资料（份）", "materials"),
            Column("解答咨询（人次）", "consultations"),
        )
    ),
    ledgers.Lecture: Listing(
        (
            Column("日期", "held_on"),
            Column("类别", "get_kind_display"),
            Column("主题", "topic"),
            Column("学校/地点", "venue"),
            Column("听讲人数", "audience"),
        )
    ),
    ledgers.ManualDistribution: Listing(
        (Column("日期", "held_on"), Column("手册名称", "title"), Column("发放数量（册）", "copies"))
    ),
    ledgers.StudySession: Listing(
        (
            Column("日期", "held_on"),
            Column("村", lambda record: record.village.name if record.village_id else "全镇"),
            Column("学习内容", "topic"),
            Column("参加人数", "attendees"),
        ),
        select_related=("village",),
    ),
    ledgers.Complaint: Listing(
        (
            Column("受理日期", "received_on"),
            Column("类别", "get_kind_display"),
            Column("被投诉举报对象", "subject_name"),
            Column("办结期限", "effective_deadline"),
            Column("办结日期", "closed_on"),
            Column("办理情况", "state_today"),
        ),
        select_related=("operator",),
    ),
    ledgers.Banquet: Listing(
        (
            Column("聚餐日期", "held_on"),
            Column("村", "village.name"),
            Column("举办者", "host"),
            Column("就餐人数", "guests"),
            Column("现场检查指导", yes_no("inspected")),
        ),
        select_related=("village",),
    ),
    ledgers.MajorEvent: Listing(
        (
            Column("活动名称", "name"),
            Column("开始日期", "start_date"),
            Column("结束日期", "end_date"),
            Column("地点", "place"),
        )
    ),
}


def listing_for(model) -> Listing:
    """The listing of a model, or of the model a historical row of the audit trail belongs to."""
    return LISTINGS[getattr(model, "instance_type", model)]


def record_url(listing: Listing, record) -> str:
    if listing.link:
        return listing.link(record)
    if hasattr(record, "instance_type"):
        return record.instance.get_absolute_url()
    return record.get_absolute_url()


def table(records, *, limit=None):
    """(headers, rows) where each row is (url, [cell values]); one SQL query for the records."""
    listing = listing_for(records.model)
    if listing.select_related:
        records = records.select_related(*listing.select_related)
    if limit is not None:
        records = records[:limit]
    headers = [column.header for column in listing.columns]
    rows = [(record_url(listing, record), [column.of(record) for column in listing.columns]) for record in records]
    return headers, rows
