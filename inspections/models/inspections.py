from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.db.models.signals import m2m_changed
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from registry.ledgers.querysets import ScopedQuerySet
from registry.ledgers.records import LedgerRecord
from registry.ledgers.uploads import ProtectedFileField, stored_name
from registry.models import Operator, Township
from registry.text import split_names

from .campaigns import Campaign


class InspectionQuerySet(ScopedQuerySet):
    def on_site(self):
        """Every kind except 网上巡查: what `inspections` and `officer_turnouts` count."""
        return self.exclude(kind=Inspection.Kind.ONLINE)

    def between(self, start, end):
        return self.filter(inspected_on__range=(start, end))


class Inspection(LedgerRecord):
    """监督检查: one visit (or online check) of one operator."""

    operator_life_date = "inspected_on"

    class Kind(models.TextChoices):
        ROUTINE = "routine", "日常检查"
        SPECIAL = "special", "专项检查"
        RANDOM = "random", "双随机抽查"
        FLYING = "flying", "飞行检查"
        ONLINE = "online", "网上巡查"
        FOLLOW_UP = "follow_up", "复查"

    class Result(models.TextChoices):
        PASS = "pass", "符合"
        BASIC = "basic", "基本符合"
        FAIL = "fail", "不符合"

    # Officers the law asks for: two on site (令第49号 Art. 23), one for an online check.
    MIN_OFFICERS_ON_SITE = 2
    MIN_OFFICERS_ONLINE = 1

    township = models.ForeignKey(Township, verbose_name="乡镇", on_delete=models.PROTECT, related_name="+")
    operator = models.ForeignKey(
        Operator, verbose_name="被检查单位", on_delete=models.PROTECT, related_name="inspections"
    )
    inspected_on = models.DateField("检查日期", default=timezone.localdate)
    kind = models.CharField("检查类型", max_length=20, choices=Kind.choices, default=Kind.ROUTINE)
    campaign = models.ForeignKey(
        Campaign,
        verbose_name="所属专项整治",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inspections",
    )
    follows = models.ForeignKey(
        "self",
        verbose_name="复查的原检查",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="follow_ups",
    )
    officers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name="检查人员", related_name="inspections", blank=True
    )
    checklist = models.ForeignKey(
        "inspections.ChecklistTemplate",
        verbose_name="检查要点表",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    other_officers = models.CharField(
        "其他检查人员",
        max_length=100,
        blank=True,
        help_text="没有系统账号的执法人员（如县局人员），姓名用顿号分隔",
    )
    result = models.CharField("检查结果", max_length=10, choices=Result.choices)
    suggested_result = models.CharField("按检查项目建议的结果", max_length=10, choices=Result.choices, blank=True)
    override_reason = models.CharField("结果与建议不同的理由", max_length=200, blank=True)
    findings = models.TextField("发现的问题", blank=True)
    points_deducted = models.PositiveSmallIntegerField("本次记分", default=0)
    # Officers present (accounts + other officers), kept with the record so that officer_turnouts
    # is one SUM in SQL; recounted on save and whenever the officers change (m2m_changed below).
    officer_count = models.PositiveSmallIntegerField("检查人员数", default=0, editable=False)

    objects = InspectionQuerySet.as_manager()

    class Meta:
        verbose_name = "监督检查"
        verbose_name_plural = "监督检查"
        ordering = ["-inspected_on", "-pk"]
        indexes = [
            # The list's order: a county's first page reads 25 rows of this index, not every row.
            models.Index(fields=["-inspected_on", "-id"], name="inspection_list_order"),
            # Figures count a township's inspections inside a period.
            models.Index(fields=["township", "inspected_on"], name="inspection_township_date"),
            # The same counts read from the index alone (PostgreSQL): every column the inspection
            # figures look at, for valid records only.
            models.Index(
                fields=["township", "inspected_on"],
                include=["id", "kind", "operator", "officer_count", "result"],
                condition=Q(voided_at__isnull=True),
                name="inspection_figures",
            ),
            # An operator's visits, latest first: the plan's last visit and its overdue anti-join.
            models.Index(
                fields=["operator", "inspected_on"],
                include=["kind"],
                condition=Q(voided_at__isnull=True),
                name="inspection_operator_visits",
            ),
        ]

    def __str__(self):
        return f"{self.inspected_on:%Y-%m-%d} {self.operator}（{self.get_kind_display()}）"

    def clean(self):
        super().clean()
        errors = {}
        if self.operator_id:
            self.township_id = self.operator.township_id
        if self.inspected_on and self.inspected_on > timezone.localdate():
            errors["inspected_on"] = "检查日期不能晚于今天。"
        if self.kind == self.Kind.SPECIAL and not self.campaign_id:
            errors["campaign"] = "专项检查须选择所属的专项整治。"
        # `follows`, not `follows_id`: an imported follow-up may verify an inspection of the same
        # file, saved just before it.
        if self.kind == self.Kind.FOLLOW_UP and self.follows is None:
            errors["follows"] = "复查须选择被复查的原检查。"
        if self.follows is not None and self.operator_id and self.follows.operator_id != self.operator_id:
            errors["follows"] = "被复查的检查须是同一单位的检查。"
        if self.campaign_id and self.inspected_on and not self.campaign.covers(self.inspected_on):
            errors["campaign"] = "检查日期不在该专项整治的时间范围内。"
        if self.suggested_result and self.result and self.result != self.suggested_result and not self.override_reason:
            suggested = self.Result(self.suggested_result).label
            errors["override_reason"] = f"检查结果与按检查项目建议的结果（{suggested}）不同，请说明理由。"
        if errors:
            raise ValidationError(errors)

    def void(self, *, by, reason):
        """Void the inspection and what only it caused: its score and the rectifications it opened.

        Levels already changed stay as they are; an inspector adjusts them by hand, with a cause.
        """
        with transaction.atomic():
            super().void(by=by, reason=reason)
            cause = f"所属检查已作废：{reason}"
            for score in self.scores_caused():
                score.void(by=by, reason=cause)
            for rectification in self.rectifications.valid():
                rectification.void(by=by, reason=cause)

    def scores_caused(self):
        from .scoring import ScoreRecord

        return ScoreRecord.objects.valid().filter(inspection=self)

    def save(self, *args, **kwargs):
        self.officer_count = self.count_officers()
        super().save(*args, **kwargs)

    def count_officers(self) -> int:
        """Officers with an account plus the other officers named (a SQL query once saved)."""
        accounts = self.officers.count() if self.pk else 0
        return accounts + len(self.other_officer_names)

    @property
    def other_officer_names(self) -> list[str]:
        return split_names(self.other_officers)

    @property
    def is_on_site(self):
        return self.kind != self.Kind.ONLINE

    @property
    def min_officers(self):
        return self.MIN_OFFICERS_ON_SITE if self.is_on_site else self.MIN_OFFICERS_ONLINE


@receiver(m2m_changed, sender=Inspection.officers.through)
def recount_officers(sender, instance, action, reverse, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        inspections = [instance] if not reverse else Inspection.objects.filter(officers=instance)
        for inspection in inspections:
            Inspection.objects.filter(pk=inspection.pk).update(officer_count=inspection.count_officers())


class InspectionDocument(models.Model):
    """A document issued at an inspection, with its number (e.g. 责改通〔2022〕12号)."""

    class Kind(models.TextChoices):
        RESULT_RECORD = "result_record", "监督检查结果记录表"
        CORRECTION_ORDER = "correction_order", "责令改正通知书"
        SCORE_NOTICE = "score_notice", "记分告知单"
        OPINION = "opinion", "监督检查意见书"

    inspection = models.ForeignKey(Inspection, verbose_name="检查", on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField("文书", max_length=20, choices=Kind.choices)
    number = models.CharField("文书编号", max_length=50, blank=True)
    issued_on = models.DateField("送达日期")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "检查文书"
        verbose_name_plural = "检查文书"
        ordering = ["issued_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "kind"], name="inspection_document_once_per_kind"),
            models.UniqueConstraint(
                fields=["kind", "number"],
                condition=~models.Q(number=""),
                name="inspection_document_unique_number",
                violation_error_message="该文书编号已被使用。",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number}".strip()

    @property
    def township_id(self):
        return self.inspection.township_id


def attachment_path(instance, filename):
    # A random name: the user's file name never reaches the disk (it is kept as the caption).
    return stored_name("inspections", filename)


class InspectionAttachment(models.Model):
    """Evidence: photos of the premises, the scanned record signed by the operator."""

    inspection = models.ForeignKey(
        Inspection, verbose_name="检查", on_delete=models.PROTECT, related_name="attachments"
    )
    file = ProtectedFileField("文件", upload_to=attachment_path)
    caption = models.CharField("说明", max_length=100, blank=True)
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="上传人", on_delete=models.PROTECT, null=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "检查附件"
        verbose_name_plural = "检查附件"
        ordering = ["uploaded_at"]

    def __str__(self):
        return self.caption or self.file.name.rsplit("/", 1)[-1]

    def download_url(self, field_name="file"):
        return reverse("inspections:inspectionattachment_download", args=[self.pk])
