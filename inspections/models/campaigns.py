import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from registry.ledgers.querysets import ScopedQuerySet
from registry.ledgers.records import LedgerRecord
from registry.models import County, Township


class CampaignQuerySet(ScopedQuerySet):
    def for_user(self, user):
        """A township's own campaigns, and the county-wide campaigns of its county."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        counties = Township.objects.filter(pk__in=user.township_ids).values("county_id")
        return self.filter(Q(township_id__in=user.township_ids) | Q(township__isnull=True, county_id__in=counties))

    def for_writer(self, user):
        """A county-wide campaign is changed or voided only by its county's users.

        Township users read it and attach their inspections to it, but editing it (or moving it
        to their township) would change what every other township's inspections belong to.
        """
        rows = self.for_user(user)
        if user.is_authenticated and not user.is_superuser and not user.county_id:
            rows = rows.filter(township__isnull=False)
        return rows

    def in_townships(self, townships):
        counties = Township.objects.filter(pk__in=townships).values("county_id")
        return self.filter(Q(township__in=townships) | Q(township__isnull=True, county_id__in=counties))

    def running_on(self, day: datetime.date):
        return self.valid().filter(start_date__lte=day, end_date__gte=day)


class Campaign(LedgerRecord):
    """专项整治: a named campaign with dates; inspections, samples and tests may belong to one."""

    class Theme(models.TextChoices):
        FESTIVAL = "festival", "节日期间专项整治"
        SCHOOL = "school", "校园及周边"
        RURAL = "rural", "农村假冒伪劣食品整治"
        SMALL = "small", "“四小”专项整治"
        CATERING = "catering", "餐饮质量提升"
        OTHER = "other", "其他"

    county = models.ForeignKey(County, verbose_name="所属县", on_delete=models.PROTECT, related_name="campaigns")
    township = models.ForeignKey(
        Township,
        verbose_name="乡镇",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="campaigns",
        help_text="留空表示全县统一部署的专项整治",
    )
    name = models.CharField("名称", max_length=100)
    theme = models.CharField("类型", max_length=20, choices=Theme.choices, default=Theme.OTHER)
    start_date = models.DateField("开始日期")
    end_date = models.DateField("结束日期")
    description = models.TextField("工作内容", blank=True)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = "专项整治"
        verbose_name_plural = "专项整治"
        ordering = ["-start_date", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "结束日期不能早于开始日期。"})
        if self.township_id and self.county_id and self.township.county_id != self.county_id:
            raise ValidationError({"township": "乡镇不属于所选的县。"})

    def writable_by(self, user) -> bool:
        """Agrees with `Campaign.objects.for_writer(user)` (tested), without a query."""
        if not user.is_authenticated:
            return False
        if user.is_superuser:
            return True
        if self.township_id is None:
            return self.county_id == user.county_id
        return self.township_id in user.township_ids

    def covers(self, day: datetime.date) -> bool:
        return self.start_date <= day <= self.end_date
