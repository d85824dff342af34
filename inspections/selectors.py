"""Reading the inspection ledger: the inspection plan, an operator's history, campaign counts."""

import datetime
from dataclasses import dataclass

from django.db.models import (
    Case,
    Count,
    DateField,
    Exists,
    F,
    Max,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.lookups import Exact

from registry.models import Operator

from .models import Inspection, LevelChange, NegativeListEntry, Rectification, RiskFrequencyRule, ScoreRecord

DUE_SOON_DAYS = 30


@dataclass
class PlanRow:
    """One operator in the risk-based inspection plan."""

    operator: Operator
    required: int
    done: int
    last_on: datetime.date | None
    next_due: datetime.date
    status: str  # overdue | due | ok

    STATUS_LABELS = {"overdue": "逾期未检", "due": "近期应检", "ok": "正常"}

    @property
    def status_label(self):
        return self.STATUS_LABELS[self.status]


def inspection_plan(operators, day: datetime.date) -> list[PlanRow]:
    """Whom to visit next: each active operator's expected visits this year from its risk level.

    The interval between visits is a year divided by the level's minimum visits (A 1 → 365 days,
    D 3 → 122 days); the next visit is due that long after the last on-site one. An operator never
    inspected is due from its registration date. Operators the county bureau supervises itself are
    not in the township's plan. Costs two SQL queries.
    """
    rules = RiskFrequencyRule.objects.in_force(day)
    year_start = day.replace(month=1, day=1)
    on_site = Q(inspections__voided_at__isnull=True) & ~Q(inspections__kind=Inspection.Kind.ONLINE)
    rows = []
    queryset = (
        operators.active_on(day)
        .exclude(supervising_body=Operator.SupervisingBody.COUNTY)
        .select_related("township", "village")
        .annotate(
            last_on=Max("inspections__inspected_on", filter=on_site),
            done=Count(
                "inspections", filter=on_site & Q(inspections__inspected_on__range=(year_start, day)), distinct=True
            ),
        )
    )
    for operator in queryset:
        rule = rules.get(operator.risk_level)
        required = rule.min_per_year if rule else 1
        interval = _interval(required)
        next_due = (operator.last_on + interval) if operator.last_on else operator.registered_on
        if next_due < day:
            status = "overdue"
        elif next_due <= day + datetime.timedelta(days=DUE_SOON_DAYS):
            status = "due"
        else:
            status = "ok"
        rows.append(PlanRow(operator, required, operator.done, operator.last_on, next_due, status))
    rows.sort(key=lambda r: (r.next_due, r.operator.name))
    return rows


def _interval(required: int) -> datetime.timedelta:
    return datetime.timedelta(days=365 // max(required, 1))


# No interval is longer than a year (one visit a year at least), so a visit that keeps an operator
# off the overdue list is never older than that: only the last year's visits are searched.
LONGEST_INTERVAL = datetime.timedelta(days=365)


def _plan_operators(operators, day: datetime.date):
    """The operators of the inspection plan on `day`: active, not supervised by the county."""
    return operators.active_on(day).exclude(supervising_body=Operator.SupervisingBody.COUNTY)


def _overdue_before(rules: dict, day: datetime.date) -> Q:
    """Operators whose next visit in `inspection_plan` falls before `day`: no on-site visit since
    `day` less their level's interval, and registered before `day` if never visited at all.

    The first is one NOT EXISTS whose date depends on the operator's level, which PostgreSQL runs as
    a single anti-join over the last year's visits; the second is looked up only for operators
    registered on or after `day`.
    """
    visits = Inspection.objects.valid().exclude(kind=Inspection.Kind.ONLINE).filter(operator=OuterRef("pk"))
    since = Case(
        *[
            When(Exact(OuterRef("risk_level"), level), then=Value(day - _interval(rule.min_per_year)))
            for level, rule in rules.items()
        ],
        default=Value(day - _interval(1)),
        output_field=DateField(),
    )
    recent = visits.filter(inspected_on__gte=day - LONGEST_INTERVAL).filter(inspected_on__gte=since)
    return ~Q(Exists(recent)) & (Q(registered_on__lt=day) | Q(Exists(visits)))


def _last_visit():
    """The operator's last on-site visit, of any age."""
    return Subquery(
        Inspection.objects.valid()
        .exclude(kind=Inspection.Kind.ONLINE)
        .filter(operator=OuterRef("pk"))
        .order_by("-inspected_on")
        .values("inspected_on")[:1]
    )


def plan_overdue(operators, day: datetime.date):
    """Operators overdue for inspection on `day`, the longest unvisited first: one query.

    Each row carries its last on-site visit (`last_visit`, looked up for the overdue only) and, for
    every risk level, how many operators of that level are overdue (`overdue_<level>`, a window
    count over them all): slice the first few and the counts come with them.
    """
    rules = RiskFrequencyRule.objects.in_force(day)
    return (
        _plan_operators(operators, day)
        .filter(_overdue_before(rules, day))
        .annotate(
            last_visit=_last_visit(),
            **{
                f"overdue_{level}": Window(Count("pk", filter=Q(risk_level=level)))
                for level in Operator.RiskLevel.values
            },
        )
        .order_by(F("last_visit").asc(nulls_first=True), "registered_on", "pk")
    )


def plan_counts(operators, day: datetime.date) -> dict[str, dict[str, int]]:
    """{risk level: {"overdue": n, "due": n}}: `inspection_plan`'s statuses counted in SQL.

    Two queries: the rules, and the operators overdue within the coming DUE_SOON_DAYS (one
    anti-join), grouped by level, counting those already overdue today.
    """
    rules = RiskFrequencyRule.objects.in_force(day)
    soon = day + datetime.timedelta(days=DUE_SOON_DAYS + 1)
    rows = (
        _plan_operators(operators, day)
        .filter(_overdue_before(rules, soon))
        .order_by()
        .values("risk_level")
        .annotate(by_soon=Count("pk"), overdue=Count("pk", filter=_overdue_before(rules, day)))
    )
    counts = {level: {"overdue": 0, "due": 0} for level in Operator.RiskLevel.values}
    for row in rows:
        counts[row["risk_level"]] = {"overdue": row["overdue"], "due": row["by_soon"] - row["overdue"]}
    return counts


@dataclass
class TimelineEvent:
    day: datetime.date
    kind: str  # inspection | score | rectification | level | negative
    record: object


def operator_timeline(operator: Operator) -> list[TimelineEvent]:
    """The operator's inspections, scores, rectifications and level changes, newest first.

    Voided records are left out. Costs five SQL queries whatever the length of the history.
    """
    events = [
        TimelineEvent(i.inspected_on, "inspection", i)
        for i in operator.inspections.valid().prefetch_related("officers", "documents")
    ]
    events += [TimelineEvent(s.scored_on, "score", s) for s in ScoreRecord.objects.valid().filter(operator=operator)]
    events += [
        TimelineEvent(r.opened_on, "rectification", r)
        for r in Rectification.objects.valid().filter(operator=operator).select_related("verified_by")
    ]
    events += [TimelineEvent(c.changed_on, "level", c) for c in LevelChange.objects.filter(operator=operator)]
    events += [
        TimelineEvent(n.listed_on, "negative", n) for n in NegativeListEntry.objects.valid().filter(operator=operator)
    ]
    order = {"inspection": 0, "score": 1, "rectification": 2, "level": 3, "negative": 4}
    events.sort(key=lambda e: (e.day, -order[e.kind]), reverse=True)
    return events


def score_ledger(operators, year: int):
    """Operators with points in `year`, with their total, most points first (one SQL query)."""
    in_year = Q(scores__voided_at__isnull=True, scores__scored_on__year=year)
    return (
        operators.valid()
        .select_related("township")
        .annotate(points=Sum("scores__points", filter=in_year), score_count=Count("scores", filter=in_year))
        .filter(score_count__gt=0)
        .order_by("-points", "name")
    )


def previous_failures(operator: Operator) -> set[int]:
    """Checklist items failed at the operator's last inspection: to be re-checked (one SQL query)."""
    last = operator.inspections.valid().on_site().order_by("-inspected_on", "-pk").first()
    if last is None:
        return set()
    return set(last.item_results.filter(outcome="fail").values_list("item_id", flat=True))


def campaign_summary(inspections) -> dict:
    """Counts of a campaign's inspections: total, on site, operators, by result (one SQL query)."""
    summary = inspections.aggregate(
        total=Count("pk"),
        on_site=Count("pk", filter=~Q(kind=Inspection.Kind.ONLINE)),
        operators=Count("operator", distinct=True),
        passed=Count("pk", filter=Q(result=Inspection.Result.PASS)),
        basic=Count("pk", filter=Q(result=Inspection.Result.BASIC)),
        failed=Count("pk", filter=Q(result=Inspection.Result.FAIL)),
    )
    return summary
