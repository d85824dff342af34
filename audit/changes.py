"""Record changes across every ledger, for the 审计员: the history rows django-simple-history keeps
beside each audited model, read as one list (newest first) without loading a ledger's records."""

from dataclasses import dataclass

from django import forms
from django.apps import apps
from django.db.models import CharField, Value

from registry.ledgers.audit import ACTIONS, HIDDEN_FIELDS
from registry.models import User
from registry.roles import DOMAIN_APPS

PAGE_SIZE = 30


def historical_models():
    """{label: historical model} of every audited model of the domain apps, by its name."""
    found = {}
    for model in apps.get_models():
        if model._meta.app_label in DOMAIN_APPS and model._meta.model_name.startswith("historical"):
            source = getattr(model, "instance_type", None)
            if source is not None:
                found[model._meta.label_lower] = model
    return dict(sorted(found.items(), key=lambda item: str(item[1].instance_type._meta.verbose_name)))


class ChangeFilterForm(forms.Form):
    ledger = forms.ChoiceField(label="台账", required=False)
    username = forms.CharField(label="用户名", required=False)
    action = forms.ChoiceField(label="操作", required=False, choices=[("", "全部"), *ACTIONS.items()])
    date_from = forms.DateField(label="日期从", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label="日期至", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.models = historical_models()
        self.fields["ledger"].choices = [("", "全部")] + [
            (key, str(model.instance_type._meta.verbose_name)) for key, model in self.models.items()
        ]


@dataclass
class ChangeRow:
    when: object
    who: str
    action: str
    ledger: str
    record_id: int
    record: str
    reason: str
    fields: str


def _rows_query(form):
    data = form.cleaned_data if form.is_valid() else {}
    chosen = data.get("ledger")
    models = {chosen: form.models[chosen]} if chosen else form.models
    conditions = {}
    if data.get("action"):
        conditions["history_type"] = data["action"]
    if data.get("date_from"):
        conditions["history_date__date__gte"] = data["date_from"]
    if data.get("date_to"):
        conditions["history_date__date__lte"] = data["date_to"]
    if data.get("username"):
        conditions["history_user__username__iexact"] = data["username"]
    queries = [
        model.objects.filter(**conditions)
        .order_by()
        .values("history_id", "history_date", "history_type", "history_user_id", "history_change_reason", "id")
        .annotate(ledger=Value(key, output_field=CharField()))
        for key, model in models.items()
    ]
    if len(queries) == 1:
        return queries[0].order_by("-history_date", "-history_id")
    return queries[0].union(*queries[1:], all=True).order_by("-history_date", "-history_id")


def change_page(form, page: int):
    """One page of changes and whether there is a next; the cost is one query for the page, one per
    ledger on it and one per changed row (its previous version), whatever the size of the history."""
    offset = (page - 1) * PAGE_SIZE
    found = list(_rows_query(form)[offset : offset + PAGE_SIZE + 1])
    has_next = len(found) > PAGE_SIZE
    found = found[:PAGE_SIZE]
    users = User.objects.in_bulk({row["history_user_id"] for row in found if row["history_user_id"]})
    versions = {}
    for key in {row["ledger"] for row in found}:
        ids = [row["history_id"] for row in found if row["ledger"] == key]
        versions.update({(key, v.history_id): v for v in form.models[key].objects.filter(history_id__in=ids)})
    rows = []
    for row in found:
        model = form.models[row["ledger"]]
        version = versions.get((row["ledger"], row["history_id"]))
        rows.append(
            ChangeRow(
                when=row["history_date"],
                who=str(users.get(row["history_user_id"], "") or "—"),
                action=ACTIONS.get(row["history_type"], row["history_type"]),
                ledger=str(model.instance_type._meta.verbose_name),
                record_id=row["id"],
                record=_name(version),
                reason=row["history_change_reason"] or "",
                fields=_changed_fields(version) if row["history_type"] == "~" else "",
            )
        )
    return rows, has_next


def _name(version):
    """The record's name as it was then. Built from the history row's own columns (simple-history's
    `instance` would read the fields history does not keep, one query a row)."""
    if version is None:
        return ""
    model = version.instance_type
    kept = {f.attname: getattr(version, f.attname) for f in model._meta.concrete_fields if hasattr(version, f.attname)}
    try:
        return str(model(**kept))
    except Exception:  # a name made from a related row: the record number is enough
        return ""


def _changed_fields(version):
    """The labels of the fields this version changed (作废 for a void), in the form's order."""
    previous = version.prev_record if version is not None else None
    if previous is None:
        return ""
    changed = {c.field for c in version.diff_against(previous).changes}
    labels = [
        str(f.verbose_name)
        for f in version.instance_type._meta.concrete_fields
        if f.name in changed and f.name not in HIDDEN_FIELDS
    ]
    if "voided_at" in changed:
        labels.insert(0, "作废")
    return "、".join(labels)
