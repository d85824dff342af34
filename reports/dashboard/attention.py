"""Needs attention (待办提醒): what is overdue or due in the scope today, whatever period is shown.

Each list is a count and its first few records, two SQL queries, with a link to the full list in
its ledger. Operators overdue for inspection are counted by risk level in SQL from the inspection
plan's own rule (`inspections.selectors.plan_overdue`), never by walking the plan in Python.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, F, Window
from django.urls import reverse
from django.utils.http import urlencode

from inspections.models import Complaint, Rectification, Sample
from inspections.selectors import plan_overdue
from registry.models import EXPIRY_WARNING_DAYS, Operator

from ..figures import Scope

SHOWN = 5
# What an operator's line shows: its name, level and dates, and its township's name.
SHOWN_OPERATOR_FIELDS = ("name", "risk_level", "registered_on", "township__name")
# A complaint is "near" its deadline when it falls within this many days.
COMPLAINT_WARNING_DAYS = 5


@dataclass
class Item:
    text: str
    detail: str
    url: str
    late: bool = False


def _named(scope: Scope, record, text: str) -> str:
    """Across townships, say whose record it is."""
    return f"{record.township.name}·{text}" if len(scope.township_ids) > 1 else text


@dataclass
class Attention:
    key: str
    title: str
    unit: str
    count: int
    items: list[Item]
    url: str
    empty_text: str
    breakdown: list[tuple[str, int]] = field(default_factory=list)

    @property
    def more(self) -> int:
        return self.count - len(self.items)


def _first(records) -> tuple[list, int]:
    """The first SHOWN records and how many there are, in one query (a window count over them all).

    Callers prefetch operators rather than join them: joined, every counted record would be joined
    to its operator before the count.
    """
    shown = list(records.annotate(list_total=Window(Count("pk")))[:SHOWN])
    return shown, shown[0].list_total if shown else 0


def _list_url(name: str, scope: Scope, **params) -> str:
    query = [("township", tid) for tid in scope.township_ids] if len(scope.township_ids) == 1 else []
    return f"{reverse(name)}?{urlencode([*params.items(), *query])}"


def overdue_rectifications(scope: Scope, today: datetime.date) -> Attention:
    records = Rectification.objects.overdue_on(today).in_townships(scope.township_ids)
    shown, count = _first(records.select_related("township").prefetch_related("operator").order_by("deadline", "pk"))
    return Attention(
        "rectifications",
        "逾期未整改",
        "项",
        count,
        [
            Item(
                _named(scope, r, r.operator.name),
                f"期限 {r.deadline:%Y-%m-%d}，逾期{(today - r.deadline).days}天：{r.description}",
                r.get_absolute_url(),
                late=True,
            )
            for r in shown
        ],
        _list_url("inspections:rectification_list", scope, state="overdue"),
        "没有逾期未整改的隐患。",
    )


def overdue_inspections(scope: Scope, today: datetime.date) -> Attention:
    operators = Operator.objects.in_townships(scope.township_ids)
    shown = list(plan_overdue(operators, today).select_related("township").only(*SHOWN_OPERATOR_FIELDS)[:SHOWN])
    labels = dict(Operator.RiskLevel.choices)
    counts = {level: getattr(shown[0], f"overdue_{level}") if shown else 0 for level in labels}
    return Attention(
        "inspections",
        "逾期未检查的经营单位",
        "户",
        sum(counts.values()),
        [
            Item(
                _named(scope, o, o.name),
                f"{o.risk_level}级，" + _last_visit(o),
                o.get_absolute_url(),
                late=True,
            )
            for o in shown
        ],
        _list_url("inspections:inspection_plan", scope, status="overdue"),
        "没有逾期未检查的经营单位。",
        breakdown=[(labels[level], count) for level, count in counts.items()],
    )


def _last_visit(operator) -> str:
    if operator.last_visit:
        return f"上次现场检查 {operator.last_visit:%Y-%m-%d}"
    return f"登记后未检查（{operator.registered_on:%Y-%m-%d}登记）"


def failed_samples(scope: Scope, today: datetime.date) -> Attention:
    records = Sample.objects.valid().in_townships(scope.township_ids).disposal_open_on(today)
    shown, count = _first(
        records.select_related("disposal", "township").prefetch_related("operator").order_by("disposal_deadline", "pk")
    )
    return Attention(
        "samples",
        "不合格样品未完成核查处置",
        "批次",
        count,
        [
            Item(
                _named(scope, s, f"{s.sample_name}（{s.operator.name}）"),
                f"处置期限 {s.effective_disposal_deadline():%Y-%m-%d}" if s.effective_disposal_deadline() else "",
                s.get_absolute_url(),
                late=s.disposal_overdue_on(today),
            )
            for s in shown
        ],
        _list_url("inspections:sample_list", scope, disposal="open"),
        "没有待处置的不合格样品。",
    )


def complaints_due(scope: Scope, today: datetime.date) -> Attention:
    records = (
        Complaint.objects.valid()
        .in_townships(scope.township_ids)
        .open_on(today)
        .with_deadline_in_force()
        .filter(deadline_in_force__lte=today + datetime.timedelta(days=COMPLAINT_WARNING_DAYS))
    )
    shown, count = _first(records.select_related("township").order_by("deadline_in_force", "pk"))
    return Attention(
        "complaints",
        "临近或超过办结期限的投诉举报",
        "件",
        count,
        [
            Item(
                _named(scope, c, c.ticket_no or c.summary[:20]),
                f"办结期限 {c.deadline_in_force:%Y-%m-%d}" + ("，已超期" if c.deadline_in_force < today else ""),
                c.get_absolute_url(),
                late=c.overdue_on(today),
            )
            for c in shown
        ],
        _list_url("inspections:complaint_list", scope, state="open"),
        f"没有{COMPLAINT_WARNING_DAYS}天内到期或已超期的投诉举报。",
    )


def _expiring(scope: Scope, today: datetime.date, field_name: str, key: str, title: str, label: str) -> Attention:
    records = Operator.objects.in_townships(scope.township_ids).expiring(key, today)
    shown, count = _first(records.select_related("township").order_by(F(field_name).asc(), "pk"))
    return Attention(
        key,
        title,
        "户",
        count,
        [
            Item(_named(scope, o, o.name), f"{label} {getattr(o, field_name):%Y-%m-%d}", o.get_absolute_url())
            for o in shown
        ],
        _list_url("registry:operator_list", scope, expiring=key),
        f"没有{EXPIRY_WARNING_DAYS}天内到期的{label[:2]}。",
    )


def expiring_licences(scope: Scope, today: datetime.date) -> Attention:
    title = f"{EXPIRY_WARNING_DAYS}天内到期的许可证"
    return _expiring(scope, today, "licence_expires_on", "licence", title, "许可证有效期至")


def expiring_insurance(scope: Scope, today: datetime.date) -> Attention:
    title = f"{EXPIRY_WARNING_DAYS}天内到期的食品安全责任险"
    return _expiring(scope, today, "insurance_end", "insurance", title, "保险止期")


def attention(scope: Scope, today: datetime.date) -> list[Attention]:
    return [
        overdue_rectifications(scope, today),
        overdue_inspections(scope, today),
        failed_samples(scope, today),
        complaints_due(scope, today),
        expiring_licences(scope, today),
        expiring_insurance(scope, today),
    ]
