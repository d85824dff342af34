"""Excel sheets of the activity ledgers."""

from django.core.exceptions import ValidationError
from django.db import transaction

from registry.ledgers.sheets import Column, LedgerSheet

from ..models import Interview, Lecture, MajorEvent, ManualDistribution, PublicityEvent, StudySession, Training
from .common import LookupSheet


class OperatorsM2MSheet(LookupSheet):
    """Sets each record's operators (M2M) once it is saved."""

    prefetch = ("operators",)  # the export's operator names, read per chunk rather than per record

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


class TrainingSheet(LedgerSheet):
    model = Training
    title = "培训台账"
    columns = [
        Column("日期", "held_on", "date", required=True, synonyms=("培训日期", "培训时间")),
        Column("培训主题", "topic", required=True, width=30, synonyms=("培训内容", "主题")),
        Column("培训对象", "audience", "choice", required=True, choices=Training.Audience, width=18),
        Column("参训人数（人次）", "attendees", "int", required=True, synonyms=("培训人数", "人数")),
        Column("地点", "place", width=20, synonyms=("培训地点",)),
        Column("授课人", "lecturer", synonyms=("授课老师", "主讲人")),
        Column("备注", "notes", width=30),
    ]


class InterviewSheet(OperatorsM2MSheet):
    model = Interview
    title = "约谈台账"
    lookups = ("operators",)
    columns = [
        Column("日期", "held_on", "date", required=True, synonyms=("约谈日期", "约谈时间")),
        Column("形式", "kind", "choice", choices=Interview.Kind, note="空白为集体约谈会议"),
        Column("约谈事由", "topic", required=True, width=30, synonyms=("事由", "约谈内容")),
        Column(
            "被约谈单位",
            "operator_names",
            width=36,
            note="本乡镇已登记的经营者名称，多个用顿号（、）分隔；同名单位写作“名称（许可/登记证编号）”",
            synonyms=("约谈对象",),
        ),
        Column("被约谈人员", "persons", width=24),
        Column("约谈人数（人次）", "interviewees", "int", required=True, synonyms=("约谈人数", "人数")),
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
        Column("日期", "held_on", "date", required=True, synonyms=("活动日期", "宣传日期")),
        Column(
            "主题", "theme", "choice", required=True, choices=PublicityEvent.Theme, width=20, synonyms=("宣传主题",)
        ),
        Column("活动名称", "title", width=30),
        Column("地点", "place", width=20, synonyms=("活动地点",)),
        Column("发放资料（份）", "materials", "int", synonyms=("发放资料", "发放宣传资料")),
        Column("解答咨询（人次）", "consultations", "int", synonyms=("解答咨询", "咨询人次")),
        Column("备注", "notes", width=30),
    ]


class LectureSheet(LedgerSheet):
    model = Lecture
    title = "讲座台账"
    columns = [
        Column("日期", "held_on", "date", required=True, synonyms=("讲座日期",)),
        Column("类别", "kind", "choice", required=True, choices=Lecture.Kind, width=22),
        Column("主题", "topic", required=True, width=30, synonyms=("讲座主题",)),
        Column("学校/地点", "venue", required=True, width=22, synonyms=("学校", "地点")),
        Column("听讲人数", "audience", "int", synonyms=("人数",)),
        Column("主讲人", "lecturer"),
        Column("备注", "notes", width=30),
    ]


class ManualDistributionSheet(LedgerSheet):
    model = ManualDistribution
    title = "自律手册发放台账"
    columns = [
        Column("发放日期", "held_on", "date", required=True, synonyms=("日期",)),
        Column("手册名称", "title", required=True, width=30),
        Column("发放数量（册）", "copies", "int", required=True, synonyms=("发放数量", "数量")),
        Column("发放对象", "recipients", width=24),
        Column("备注", "notes", width=30),
    ]


class StudySessionSheet(LookupSheet):
    model = StudySession
    title = "村干部集中学习台账"
    lookups = ("villages",)
    columns = [
        Column("日期", "held_on", "date", required=True, synonyms=("学习日期",)),
        Column("村", "village_name", note="本乡镇行政村名称；全镇集中学习的留空", synonyms=("村名", "所在村")),
        Column("学习内容", "topic", required=True, width=30),
        Column("参加人数", "attendees", "int", required=True, synonyms=("人数",)),
        Column("备注", "notes", width=30),
    ]

    def extra_headers(self):
        return {"village": "村"}

    def build(self, values, context):
        village_name = values.pop("village_name", "")
        record = self.new_record(values)
        record.village = self.resolve_village(village_name, context)
        return record


class MajorEventSheet(OperatorsM2MSheet):
    model = MajorEvent
    title = "重大活动保障台账"
    lookups = ("operators",)
    columns = [
        Column("活动名称", "name", required=True, width=30),
        Column("开始日期", "start_date", "date", required=True),
        Column("结束日期", "end_date", "date", required=True),
        Column("地点", "place", width=20, synonyms=("活动地点",)),
        Column(
            "保障单位",
            "operator_names",
            width=36,
            note="本乡镇已登记的经营者名称，多个用顿号（、）分隔；同名单位写作“名称（许可/登记证编号）”",
            synonyms=("供餐单位",),
        ),
        Column("保障就餐人数", "diners", "int", synonyms=("就餐人数",)),
        Column("出动执法人员（人次）", "officers", "int"),
        Column("保障工作情况", "notes", width=36),
    ]
