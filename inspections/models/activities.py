"""The activity ledgers: trainings, 约谈, publicity, lectures, manuals, study sessions, major events.

Each is a dated record of one township; figures count the records dated inside the period
and sum their head counts (`between` + `total`).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, Sum
from django.utils import timezone

from registry.ledgers.querysets import ScopedQuerySet
from registry.ledgers.records import LedgerRecord
from registry.models import Operator, Township, Village


class ActivityQuerySet(ScopedQuerySet):
    def between(self, start, end):
        return self.filter(held_on__range=(start, end))

    def total(self, field: str) -> int:
        """Sum of a head-count field (attendees, copies…), 0 for none (one SQL query)."""
        return self.aggregate(total=Sum(field))["total"] or 0


class Activity(LedgerRecord):
    """A dated activity of one township's office."""

    township = models.ForeignKey(Township, verbose_name="乡镇", on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField("日期", default=timezone.localdate)
    notes = models.TextField("备注", blank=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-held_on", "-pk"]

    def clean(self):
        super().clean()
        if self.held_on and self.held_on > timezone.localdate():
            raise ValidationError({"held_on": "日期不能晚于今天。"})


def township_date_index(name):
    # Figures count a township's activities dated inside a period (ActivityQuerySet.between).
    return models.Index(fields=["township", "held_on"], name=name)


class Training(Activity):
    """培训: trainings of operators, chefs, canteen staff…"""

    maxima = {"attendees": 5_000}

    class Audience(models.TextChoices):
        CATERING = "catering", "餐饮服务单位"
        PRODUCERS = "producers", "食品生产企业"
        TRADERS = "traders", "食品经营户"
        SMALL = "small", "“三小”经营户"
        CANTEENS = "canteens", "学校及单位食堂"
        CHEFS = "chefs", "农村流动厨师"
        COORDINATORS = "coordinators", "村级协管员/信息员"
        OTHER = "other", "其他"

    topic = models.CharField("培训主题", max_length=200)
    audience = models.CharField("培训对象", max_length=20, choices=Audience.choices)
    attendees = models.PositiveIntegerField("参训人数（人次）")
    place = models.CharField("地点", max_length=100, blank=True)
    lecturer = models.CharField("授课人", max_length=50, blank=True)

    class Meta(Activity.Meta):
        verbose_name = "培训"
        verbose_name_plural = "培训台账"
        constraints = [
            models.CheckConstraint(
                condition=Q(attendees__gte=1),
                name="training_has_attendees",
                violation_error_message="参训人数须至少为1。",
            ),
        ]
        indexes = [township_date_index("training_township_date")]

    def __str__(self):
        return f"{self.held_on:%Y-%m-%d} {self.topic}"

    def clean(self):
        super().clean()
        if self.attendees is not None and self.attendees < 1:
            raise ValidationError({"attendees": "参训人数须至少为1。"})


class Interview(Activity):
    """约谈: a responsibility interview (a meeting, or one operator), with who was interviewed."""

    maxima = {"interviewees": 500}

    class Kind(models.TextChoices):
        MEETING = "meeting", "集体约谈会议"
        INDIVIDUAL = "individual", "个别约谈"

    kind = models.CharField("形式", max_length=20, choices=Kind.choices, default=Kind.MEETING)
    topic = models.CharField("约谈事由", max_length=200)
    operators = models.ManyToManyField(
        Operator, verbose_name="被约谈单位", blank=True, related_name="interviews", help_text="已登记的经营者"
    )
    persons = models.CharField("被约谈人员", max_length=300, blank=True, help_text="姓名或单位，多个用顿号分隔")
    interviewees = models.PositiveIntegerField("约谈人数（人次）")
    requirements = models.TextField("约谈要求/整改要求", blank=True)

    class Meta(Activity.Meta):
        verbose_name = "约谈"
        verbose_name_plural = "约谈台账"
        constraints = [
            models.CheckConstraint(
                condition=Q(interviewees__gte=1),
                name="interview_has_interviewees",
                violation_error_message="约谈人数须至少为1。",
            ),
        ]
        indexes = [township_date_index("interview_township_date")]

    def __str__(self):
        return f"{self.held_on:%Y-%m-%d} {self.topic}"

    def clean(self):
        super().clean()
        if self.interviewees is not None and self.interviewees < 1:
            raise ValidationError({"interviewees": "约谈人数须至少为1。"})


class PublicityEvent(Activity):
    """宣传活动: a publicity day or campaign event, leaflets handed out and questions answered."""

    maxima = {"materials": 1_000_000, "consultations": 100_000}

    class Theme(models.TextChoices):
        SAFETY_WEEK = "safety_week", "食品安全宣传周"
        CONSUMER_DAY = "consumer_day", "3·15国际消费者权益日"
        SCHOOL = "school", "食品安全进校园"
        VILLAGE = "village", "食品安全进农村"
        COMMUNITY = "community", "食品安全进社区"
        MARKET = "market", "集市宣传"
        FESTIVAL = "festival", "节日期间宣传"
        OTHER = "other", "其他"

    theme = models.CharField("主题", max_length=20, choices=Theme.choices)
    title = models.CharField("活动名称", max_length=200, blank=True)
    place = models.CharField("地点", max_length=100, blank=True)
    materials = models.PositiveIntegerField("发放资料（份）", default=0)
    consultations = models.PositiveIntegerField("解答咨询（人次）", default=0)

    class Meta(Activity.Meta):
        verbose_name = "宣传活动"
        verbose_name_plural = "宣传活动台账"
        indexes = [township_date_index("publicity_township_date")]

    def __str__(self):
        return f"{self.held_on:%Y-%m-%d} {self.title or self.get_theme_display()}"


class Lecture(Activity):
    """讲座: a school food-safety lecture or a public lecture (食品安全大讲堂)."""

    maxima = {"audience": 10_000}

    class Kind(models.TextChoices):
        SCHOOL = "school", "学校食品安全知识讲座"
        PUBLIC = "public", "食品安全大讲堂"

    kind = models.CharField("类别", max_length=10, choices=Kind.choices)
    topic = models.CharField("主题", max_length=200)
    venue = models.CharField("学校/地点", max_length=100)
    audience = models.PositiveIntegerField("听讲人数", default=0)
    lecturer = models.CharField("主讲人", max_length=50, blank=True)

    class Meta(Activity.Meta):
        verbose_name = "讲座"
        verbose_name_plural = "讲座台账"
        indexes = [township_date_index("lecture_township_date")]

    def __str__(self):
        return f"{self.held_on:%Y-%m-%d} {self.venue} {self.topic}"


class ManualDistribution(Activity):
    """自律手册发放: self-discipline manuals printed and handed out."""

    maxima = {"copies": 1_000_000}

    title = models.CharField("手册名称", max_length=100)
    copies = models.PositiveIntegerField("发放数量（册）")
    recipients = models.CharField("发放对象", max_length=200, blank=True, help_text="如：全镇餐饮服务单位")

    class Meta(Activity.Meta):
        verbose_name = "自律手册发放"
        verbose_name_plural = "自律手册发放台账"
        constraints = [
            models.CheckConstraint(
                condition=Q(copies__gte=1),
                name="manual_distribution_has_copies",
                violation_error_message="发放数量须至少为1册。",
            ),
        ]
        indexes = [township_date_index("manual_township_date")]

    def __str__(self):
        return f"{self.held_on:%Y-%m-%d} {self.title} {self.copies}册"

    def clean(self):
        super().clean()
        if self.copies is not None and self.copies < 1:
            raise ValidationError({"copies": "发放数量须至少为1册。"})


class StudySession(Activity):
    """村干部集中学习: a study session of village staff on food safety."""

    maxima = {"attendees": 5_000}

    village = models.ForeignKey(
        Village,
        verbose_name="村",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="study_sessions",
        help_text="全镇集中学习的留空",
    )
    topic = models.CharField("学习内容", max_length=200)
    attendees = models.PositiveIntegerField("参加人数")

    class Meta(Activity.Meta):
        verbose_name = "村干部集中学习"
        verbose_name_plural = "村干部集中学习台账"
        constraints = [
            models.CheckConstraint(
                condition=Q(attendees__gte=1),
                name="study_session_has_attendees",
                violation_error_message="参加人数须至少为1。",
            ),
        ]
        indexes = [township_date_index("study_session_township_date")]

    def __str__(self):
        return f"{self.held_on:%Y-%m-%d} {self.village or '全镇'} {self.topic}"

    def clean(self):
        super().clean()
        errors = {}
        if self.village_id:
            if self.township_id and self.village.township_id != self.township_id:
                errors["village"] = "所选村不在该乡镇内。"
            self.township_id = self.village.township_id
        if self.attendees is not None and self.attendees < 1:
            errors["attendees"] = "参加人数须至少为1。"
        if errors:
            raise ValidationError(errors)


class MajorEventQuerySet(ScopedQuerySet):
    def between(self, start, end):
        """Events that took place (at least partly) inside the period."""
        return self.filter(start_date__lte=end, end_date__gte=start)


class MajorEvent(LedgerRecord):
    """重大活动食品安全保障: a festival, fair or exam with the operators whose food was covered."""

    maxima = {"diners": 1_000_000, "officers": 10_000}

    township = models.ForeignKey(Township, verbose_name="乡镇", on_delete=models.PROTECT, related_name="+")
    name = models.CharField("活动名称", max_length=200)
    start_date = models.DateField("开始日期")
    end_date = models.DateField("结束日期")
    place = models.CharField("地点", max_length=100, blank=True)
    operators = models.ManyToManyField(
        Operator, verbose_name="保障单位", blank=True, related_name="major_events", help_text="承担供餐等的经营者"
    )
    diners = models.PositiveIntegerField("保障就餐人数", default=0)
    officers = models.PositiveIntegerField("出动执法人员（人次）", default=0)
    notes = models.TextField("保障工作情况", blank=True)

    objects = MajorEventQuerySet.as_manager()

    class Meta:
        verbose_name = "重大活动保障"
        verbose_name_plural = "重大活动保障台账"
        ordering = ["-start_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="major_event_dates_in_order",
                violation_error_message="结束日期不能早于开始日期。",
            ),
        ]
        indexes = [
            # events_assured lists a township's events overlapping a period (MajorEventQuerySet.between).
            models.Index(fields=["township", "start_date"], name="major_event_township_start"),
        ]

    def __str__(self):
        return f"{self.name}（{self.start_date:%Y-%m-%d}）"

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.start_date > timezone.localdate():
            errors["start_date"] = "只登记已开始的保障活动。"
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = "结束日期不能早于开始日期。"
        if errors:
            raise ValidationError(errors)
