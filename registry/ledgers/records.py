"""Records: audit trail, void-not-delete and a version against lost updates, shared by every ledger."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, router, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .bounds import PlausibleValues
from .querysets import ScopedQuerySet


class StaleRecordError(Exception):
    """The record was saved by someone else since the form was opened: this save is refused."""

    def __init__(self, record, expected_version):
        super().__init__(f"{record._meta.label} #{record.pk}: version {expected_version} is stale")
        self.record = record
        self.expected_version = expected_version


class VersionedModel(models.Model):
    """A version number against lost updates (optimistic locking).

    Every save of an existing row increments `version` in the database. An edit form carries the
    version it showed (`views.VersionedEditMixin` sets `expected_version`); its save is then one
    `UPDATE … SET version = version + 1 WHERE id = … AND version = N`, so of two people saving the
    same version only the first wins and the second gets `StaleRecordError`, inside the same
    transaction as the rest of the save.
    """

    version = models.PositiveIntegerField("版本", default=1, editable=False)

    # Set by an edit view to the version its form was drawn from; consumed by the next save.
    expected_version = None

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self._state.adding or self.pk is None:
            return super().save(*args, **kwargs)
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        expected, self.expected_version = self.expected_version, None
        with transaction.atomic(using=using):
            rows = type(self)._base_manager.using(using).filter(pk=self.pk)
            if expected is not None:
                if not rows.filter(version=expected).update(version=F("version") + 1):
                    raise StaleRecordError(self, expected)
                self.version = expected + 1
            else:
                # Not from a form (a service, the admin, an import): increment what the row holds,
                # locked until the save commits, never a possibly stale copy in memory.
                # Unordered: a Meta.ordering on a related field would outer-join it, which
                # PostgreSQL cannot lock.
                current = rows.order_by().select_for_update().values_list("version", flat=True).first()
                self.version = (current or 0) + 1
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "version"}
            return super().save(*args, **kwargs)


class LedgerRecord(PlausibleValues, VersionedModel):
    """Base of every record that is evidence: tracked, voided instead of deleted, plausible
    (dates from 2000, quantities under their maxima: `bounds.PlausibleValues`)."""

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

    def writable_by(self, user) -> bool:
        """May `user` change or void this record? Agrees with `objects.for_writer(user)`."""
        return type(self)._default_manager.for_writer(user).filter(pk=self.pk).exists()

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
