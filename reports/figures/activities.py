"""5. Duty of care, training, publicity and the public: the activity ledgers (figures.md §5)."""

from django.db.models import Count, Q, Sum

from inspections.models import (
    Banquet,
    Complaint,
    Interview,
    Lecture,
    MajorEvent,
    ManualDistribution,
    PublicityEvent,
    StudySession,
    Training,
)
from registry.models import LeadingGroupMember

from .base import STOCK, CountFigure, ListFigure, RatioFigure, Source, SumFigure, fixed


def held_in_period(model):
    return Source(model._meta.model_name, lambda period: model.objects.valid().between(period.start, period.end))


TRAININGS = held_in_period(Training)
INTERVIEWS = held_in_period(Interview)
PUBLICITY = held_in_period(PublicityEvent)
LECTURES = held_in_period(Lecture)
MANUALS = held_in_period(ManualDistribution)
STUDY_SESSIONS = held_in_period(StudySession)
BANQUETS = held_in_period(Banquet)
COMPLAINTS = held_in_period(Complaint)
EVENTS = held_in_period(MajorEvent)


def own_leading_group(records, scope):
    """A county's figure names the county's own group; a township's, the township's."""
    if scope.is_county:
        return records.filter(township__isnull=True, county_id=scope.county_id)
    return records.filter(township__in=scope.township_ids)


LEADING_GROUP = Source(
    "leading_group",
    lambda period: LeadingGroupMember.objects.serving_on(period.end),
    scoped=own_leading_group,
)


def count(key, label, unit, definition, source, where=None):
    return CountFigure(key=key, label=label, unit=unit, definition=definition, section=5, source=source, where=where)


def total(key, label, unit, definition, source, field):
    return SumFigure(key=key, label=label, unit=unit, definition=definition, section=5, source=source, field=field)


def closed_on_time_by_period_end(period):
    return Q(pk__in=Complaint.objects.closed_on_time_by(period.end).values("pk"))


def due_by_period_end(period):
    return Q(pk__in=Complaint.objects.due_by(period.end).values("pk"))


def publicity_theme_rows(records, period):
    """Publicity events by theme (3·15, 食品安全宣传周…), the most frequent first."""
    rows = records.order_by().values("theme").annotate(events=Count("pk"), materials=Sum("materials"))
    return [
        {"theme": PublicityEvent.Theme(row["theme"]).label, "events": row["events"], "materials": row["materials"]}
        for row in sorted(rows, key=lambda row: (-row["events"], row["theme"]))
    ]


def leading_group_rows(records, period):
    return [
        {"role": LeadingGroupMember.Role(row["role"]).label, "name": row["name"], "position": row["position"]}
        for row in records.order_by("role", "appointed_on", "pk").values("role", "name", "position")
    ]


def event_rows(records, period):
    return list(records.order_by("start_date", "pk").values("name", "start_date", "end_date", "place"))


FIGURES = [
    count("interviews", "约谈", "场次", "约谈日期在本期内的约谈（集体约谈会议和个别约谈），不含作废记录。", INTERVIEWS),
    total("interviewees", "约谈人员", "人次", "本期各次约谈的约谈人数之和。", INTERVIEWS, "interviewees"),
    count("trainings", "开展培训", "场次", "培训日期在本期内的培训场次。", TRAININGS),
    total("trainees", "培训人员", "人次", "本期各场培训的参训人数之和。", TRAININGS, "attendees"),
    total("manuals_distributed", "发放自律手册", "册", "发放日期在本期内的自律手册发放数量之和。", MANUALS, "copies"),
    count(
        "school_lectures",
        "学校食品安全知识讲座",
        "场次",
        "日期在本期内、类别为学校食品安全知识讲座的讲座场次。",
        LECTURES,
        fixed(Q(kind=Lecture.Kind.SCHOOL)),
    ),
    count(
        "lectures_public",
        "食品安全大讲堂",
        "场次",
        "日期在本期内、类别为食品安全大讲堂的讲座场次。",
        LECTURES,
        fixed(Q(kind=Lecture.Kind.PUBLIC)),
    ),
    count("publicity_events", "开展宣传活动", "场次", "日期在本期内的食品安全宣传活动场次。", PUBLICITY),
    total("materials_distributed", "发放宣传资料", "份", "本期各场宣传活动发放资料份数之和。", PUBLICITY, "materials"),
    total("consultations", "解答群众咨询", "人次", "本期各场宣传活动解答咨询人次之和。", PUBLICITY, "consultations"),
    ListFigure(
        key="publicity_by_theme",
        label="分主题宣传活动情况",
        unit="场次",
        definition="本期宣传活动按主题（3·15国际消费者权益日、食品安全宣传周、进校园、进农村等）分列的场次和发放资料份数。",
        section=5,
        source=PUBLICITY,
        rows=publicity_theme_rows,
        columns=(("theme", "主题"), ("events", "场次"), ("materials", "发放资料（份）")),
        total="events",
    ),
    count(
        "staff_study_sessions", "村干部集中学习食品安全知识", "次", "日期在本期内的村干部集中学习次数。", STUDY_SESSIONS
    ),
    count("complaints", "受理投诉举报", "起", "受理日期在本期内的投诉举报件数，不含作废记录。", COMPLAINTS),
    count(
        "complaints_closed_on_time",
        "按时办结的投诉举报",
        "起",
        "本期受理的投诉举报中，在期末或之前办结、且未超过办结期限（含批准延期）的件数。",
        COMPLAINTS,
        closed_on_time_by_period_end,
    ),
    count(
        "complaints_due",
        "应办结的投诉举报",
        "起",
        "本期受理的投诉举报中，期末时已办结或已超过办结期限的件数：按时办结率的分母（期末尚未到期的在办件不计入）。",
        COMPLAINTS,
        due_by_period_end,
    ),
    RatioFigure(
        key="complaints_closed_on_time_pct",
        label="投诉举报按时办结率",
        unit="%",
        definition="按时办结的投诉举报占期末应办结投诉举报的百分比。",
        section=5,
        numerator="complaints_closed_on_time",
        denominator="complaints_due",
    ),
    count("collective_dinners", "农村集体聚餐报告登记", "场次", "聚餐日期在本期内的农村集体聚餐备案场次。", BANQUETS),
    total("dinner_guests", "集体聚餐就餐人数", "人次", "本期各场农村集体聚餐的就餐人数之和。", BANQUETS, "guests"),
    count(
        "dinners_inspected",
        "集体聚餐现场检查指导",
        "户次",
        "本期农村集体聚餐中，监管人员到场检查指导的场次。",
        BANQUETS,
        fixed(Q(inspected=True)),
    ),
    ListFigure(
        key="events_assured",
        label="重大活动食品安全保障",
        unit="次",
        definition="举办时间与本期有交集的重大活动（节庆、会议、考试等）食品安全保障，按名称和日期列出。",
        section=5,
        source=EVENTS,
        rows=event_rows,
        columns=(("name", "活动名称"), ("start_date", "开始日期"), ("end_date", "结束日期"), ("place", "地点")),
    ),
    ListFigure(
        key="leading_group",
        label="食品安全领导小组成员",
        unit="名",
        definition="期末在任的本级（乡镇或县）食品安全领导小组组长、副组长和成员，按组内职务列出。",
        nature=STOCK,
        section=5,
        source=LEADING_GROUP,
        rows=leading_group_rows,
        columns=(("role", "组内职务"), ("name", "姓名"), ("position", "职务")),
    ),
]
