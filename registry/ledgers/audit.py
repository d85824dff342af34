"""The audit trail of a record, as the detail page shows it: who changed what, and when."""

import datetime
from dataclasses import dataclass, field

from django.db import models
from django.utils import timezone

ACTIONS = {"+": "新建", "~": "修改", "-": "删除"}
HIDDEN_FIELDS = {"id", "created_at", "created_by", "updated_at", "voided_at", "voided_by", "void_reason", "version"}


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class AuditEntry:
    when: object
    who: str
    action: str
    reason: str
    changes: list[Change] = field(default_factory=list)

    @property
    def badge(self):
        """Bootstrap colour of the action's badge."""
        return {"新建": "success", "作废": "danger"}.get(self.action, "secondary")


def display_value(model_field, value, related_names=None):
    """A field's value as a person reads it: choice labels, 是/否, dates as 2022-03-01."""
    if value is None or value == "":
        return "—"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.BooleanField):
        return "是" if value else "否"
    if isinstance(model_field, models.ForeignKey) and related_names is not None:
        return related_names.get((model_field.related_model, value), f"#{value}")
    if isinstance(value, datetime.datetime):
        return f"{timezone.localtime(value):%Y-%m-%d %H:%M}"
    if isinstance(value, datetime.date):
        return f"{value:%Y-%m-%d}"
    return str(value)


def audit_trail(record) -> list[AuditEntry]:
    """Newest first. Costs two SQL queries plus one per kind of foreign key that changed."""
    versions = list(record.history.select_related("history_user").order_by("history_date", "history_id"))
    model_fields = {f.name: f for f in record._meta.concrete_fields}
    diffs, voids = [], []
    wanted = {}
    for previous, current in zip([None, *versions], versions, strict=False):
        changes = current.diff_against(previous).changes if previous else []
        voids.append(any(c.field == "voided_at" and c.new for c in changes))
        changes = [c for c in changes if c.field not in HIDDEN_FIELDS and c.field in model_fields]
        diffs.append(changes)
        for change in changes:
            model_field = model_fields[change.field]
            if isinstance(model_field, models.ForeignKey):
                for value in (change.old, change.new):
                    if value is not None:
                        wanted.setdefault(model_field.related_model, set()).add(value)
    related_names = {}
    for model, pks in wanted.items():
        for obj in model._default_manager.filter(pk__in=pks):
            related_names[(model, obj.pk)] = str(obj)

    entries = []
    for version, changes, voided in zip(versions, diffs, voids, strict=True):
        entries.append(
            AuditEntry(
                when=version.history_date,
                who=str(version.history_user) if version.history_user else "系统",
                action="作废" if voided else ACTIONS.get(version.history_type, version.history_type),
                reason=version.history_change_reason or "",
                changes=[
                    Change(
                        label=str(model_fields[c.field].verbose_name),
                        old=display_value(model_fields[c.field], c.old, related_names),
                        new=display_value(model_fields[c.field], c.new, related_names),
                    )
                    for c in changes
                ],
            )
        )
    entries.reverse()
    return entries


def changes_since(record, version, field_names) -> tuple[AuditEntry | None, list[Change]]:
    """What was saved over `version` of a record: the latest save (who, when) and each field of
    `field_names` whose value differs between that version and the record as it is now.

    Used when a save from a form drawn at `version` is refused as stale. Rows saved before records
    had versions all hold version 1; the newest of them stands for it.
    """
    history = record.history.select_related("history_user").order_by("-history_date", "-history_id")
    latest = history.first()
    if latest is None:
        return None, []
    last = AuditEntry(
        when=latest.history_date,
        who=str(latest.history_user) if latest.history_user else "系统",
        action=ACTIONS.get(latest.history_type, latest.history_type),
        reason=latest.history_change_reason or "",
    )
    seen = history.filter(version=version).first()
    current = record.__class__._base_manager.filter(pk=record.pk).first()
    if seen is None or current is None:
        return last, []
    before = seen.instance
    changes = []
    for model_field in record._meta.concrete_fields:
        if model_field.name not in field_names or model_field.name in HIDDEN_FIELDS:
            continue
        old, new = model_field.value_from_object(before), model_field.value_from_object(current)
        if old == new:
            continue
        if isinstance(model_field, models.ForeignKey):
            old_text = str(getattr(before, model_field.name)) if old is not None else "—"
            new_text = str(getattr(current, model_field.name)) if new is not None else "—"
        else:
            old_text, new_text = display_value(model_field, old), display_value(model_field, new)
        changes.append(Change(label=str(model_field.verbose_name), old=old_text, new=new_text))
    return last, changes
