"""Records: audit trail and void-not-delete, shared by every ledger."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .querysets import ScopedQuerySet


class LedgerRecord(models.Model):
    """Base of every record that is evidence: tracked, and voided instead of deleted."""

    created_at = models.DateTimeField("录入时间", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="录入人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField("最后修改", auto_now=True)
    voided_at = models.DateTimeField("作废时间", null=True, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="作废人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    void_reason = models.CharField("作废原因", max_length=200, blank=True)

    history = HistoricalRecords(inherit=True, excluded_fields=["updated_at"])

    scope_field = "township"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        abstract = True

    def get_absolute_url(self):
        opts = self._meta
        return reverse(f"{opts.app_label}:{opts.model_name}_detail", args=[self.pk])

    @property
    def is_voided(self):
        return self.voided_at is not None

    def void(self, *, by, reason):
        """Mark the record as entered in error; it stays, but no figure counts it."""
        if self.is_voided:
            raise ValidationError("该记录已作废。")
        if not reason.strip():
            raise ValidationError({"void_reason": "请填写作废原因。"})
        self.voided_at = timezone.now()
        self.voided_by = by
        self.void_reason = reason.strip()
        self._change_reason = f"作废：{self.void_reason}"
        self.save()
