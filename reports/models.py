"""The year-end and half-year summaries (工作总结): drafted from the ledgers, finalised, frozen.

A `Report` names its jurisdiction (a township, or a county when the township is empty), its kind
and period, and holds what no table can know: the free-text sections the office writes. The
figures and the text are computed from the ledgers while it is a draft; finalising (定稿) stores
the figures, the text and the PDF/Word/Excel files exactly as they were printed (`ReportFile`),
so a later edit to a ledger never changes an issued report.
"""

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Value, When

from registry.ledgers.querysets import OwnJurisdictionQuerySet
from registry.models import County, LedgerRecord, Township

from .figures import Period, Scope

# The newest report first: by year, then period end, then finalising time.
LATEST_FIRST = ("-year", "-end_date", "-finalised_at", "-pk")


class ReportQuerySet(OwnJurisdictionQuerySet):
    def annual(self):
        return self.filter(kind=Report.Kind.ANNUAL)

    def final(self):
        return self.filter(status=Report.Status.FINAL)

    def latest_first(self):
        return self.order_by(*LATEST_FIRST)

    def final_first(self):
        """Finalised reports first, each group latest first."""
        drafts_last = Case(When(status=Report.Status.FINAL, then=Value(0)), default=Value(1))
        return self.order_by(drafts_last, *LATEST_FIRST)


class Report(LedgerRecord):
    """A 工作总结 of one township or county for one period."""

    class Kind(models.TextChoices):
        ANNUAL = "annual", "年度工作总结"
        HALF_YEAR = "half_year", "半年工作总结"
        CUSTOM = "custom", "阶段工作总结"

    class Half(models.IntegerChoices):
        FIRST = 1, "上半年"
        SECOND = 2, "下半年"

    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        FINAL = "final", "定稿"

    # The sections no ledger can write, in the order the report prints them.
    FREE_TEXT_FIELDS = ("overview", "highlights", "problems", "plans")
    # Sections that must be written before a report is finalised.
    REQUIRED_TEXT_FIELDS = ("problems", "plans")

    county = models.ForeignKey(County, verbose_name="所属县", on_delete=models.PROTECT, related_name="+")
    township = models.ForeignKey(
        Township,
        verbose_name="乡镇",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="留空表示全县的工作总结",
    )
    kind = models.CharField("类型", max_length=20, choices=Kind.choices, default=Kind.ANNUAL)
    year = models.PositiveSmallIntegerField("年度")
    half = models.PositiveSmallIntegerField("半年", choices=Half.choices, null=True, blank=True)
    start_date = models.DateField("统计起始日期")
    end_date = models.DateField("统计截止日期")
    title = models.CharField("标题", max_length=200)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.DRAFT)

    overview = models.TextField(
        "总体评价", blank=True, help_text="写在正文开头，如全年是否发生食品安全事故、总体形势；不需要时留空"
    )
    highlights = models.TextField("特色亮点工作", blank=True, help_text="台账记录不到的工作和亮点；不需要时留空")
    problems = models.TextField("存在的问题", blank=True)
    plans = models.TextField("下一步工作打算", blank=True)

    based_on = models.ForeignKey(
        "self",
        verbose_name="依据的定稿",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="redrafts",
        help_text="由某份定稿新建的草稿",
    )
    finalised_at = models.DateTimeField("定稿时间", null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="定稿人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # As printed when finalised: every figure's value ({key: Value.json-like record}) and the text.
    figures = models.JSONField("定稿时的统计数据", null=True, blank=True, editable=False)
    document = models.JSONField("定稿时的正文", null=True, blank=True, editable=False)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = "工作总结"
        verbose_name_plural = "工作总结"
        ordering = ["-year", "-end_date", "-pk"]
        permissions = [("finalise_report", "可以定稿工作总结")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="report_period_in_order",
                violation_error_message="截止日期不能早于起始日期。",
            ),
        ]
        indexes = [models.Index(fields=["county", "township", "kind", "year"], name="report_jurisdiction_year")]

    def __str__(self):
        return self.title

    # -- what it covers -----------------------------------------------------------------

    @property
    def is_county(self):
        return self.township_id is None

    @property
    def place(self):
        """The township, or the county for a county report."""
        return self.county if self.is_county else self.township

    @property
    def scope(self) -> Scope:
        return Scope.county(self.county) if self.is_county else Scope.township(self.township)

    @property
    def period(self) -> Period:
        return Period(self.start_date, self.end_date)

    @property
    def is_final(self):
        return self.status == self.Status.FINAL

    @property
    def is_editable(self):
        return not self.is_final and not self.is_voided

    def set_period(self):
        """Dates from the kind and year (and half); a custom period keeps the dates it was given."""
        if self.kind == self.Kind.ANNUAL:
            period = Period.year(self.year)
        elif self.kind == self.Kind.HALF_YEAR:
            period = Period.half_year(self.year, self.half or 1)
        else:
            return
        self.start_date, self.end_date = period.start, period.end

    def default_title(self):
        from .summaries.compose import title_for

        return title_for(self.place, self.period)

    def clean(self):
        super().clean()
        errors = {}
        if self.kind == self.Kind.HALF_YEAR and not self.half:
            errors["half"] = "半年工作总结须选择上半年或下半年。"
        if self.kind != self.Kind.HALF_YEAR:
            self.half = None
        if self.township_id and self.county_id and self.township.county_id != self.county_id:
            errors["township"] = "乡镇不属于所选的县。"
        if self.start_date and self.end_date:
            if self.end_date < self.start_date:
                errors["end_date"] = "截止日期不能早于起始日期。"
            elif self.kind == self.Kind.CUSTOM and self.start_date.year != self.year:
                errors["start_date"] = "阶段工作总结的起始日期须在所选年度内。"
        if errors:
            raise ValidationError(errors)

    def missing_text(self) -> list[str]:
        """Labels of the required sections still empty: a report is not finalised without them."""
        return [
            self._meta.get_field(name).verbose_name
            for name in self.REQUIRED_TEXT_FIELDS
            if not getattr(self, name).strip()
        ]


class ReportFile(models.Model):
    """A finalised report's file exactly as it was issued; downloads serve these bytes."""

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "Word"
        XLSX = "xlsx", "Excel"

    report = models.ForeignKey(Report, verbose_name="工作总结", on_delete=models.PROTECT, related_name="files")
    format = models.CharField("格式", max_length=10, choices=Format.choices)
    content = models.BinaryField("文件内容")
    sha256 = models.CharField("SHA-256", max_length=64)
    created_at = models.DateTimeField("生成时间", auto_now_add=True)

    class Meta:
        verbose_name = "工作总结定稿文件"
        verbose_name_plural = "工作总结定稿文件"
        constraints = [models.UniqueConstraint(fields=["report", "format"], name="report_file_unique_format")]

    def __str__(self):
        return f"{self.report}（{self.get_format_display()}）"

    @classmethod
    def of(cls, report, format, content: bytes):
        return cls(report=report, format=format, content=content, sha256=hashlib.sha256(content).hexdigest())

    @property
    def filename(self):
        return f"{self.report.title}.{self.format}"
