"""Reading the inspection ledger: the inspection plan, an operator's history, campaign counts."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, FilteredRelation, Max, OuterRef, Q, Subquery, Sum

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


# No interval is longer than a year (one visit a year at least): a visit older than that leaves the
# operator overdue whatever its level, exactly as no visit at all does for one registered before
# the day. So only the last year's visits are joined, a fifth of a county's five years.
LONGEST_INTERVAL = datetime.timedelta(days=365)


def plan_operators(operators, day: datetime.date):
    """The operators of the inspection plan on `day` (active, not supervised by the county), each
    with its last on-site visit within the longest interval (`last_on`): one grouped join."""
    recent = FilteredRelation(
        "inspections",
        condition=Q(inspections__voided_at__isnull=True)
        & ~Q(inspections__kind=Inspection.Kind.ONLINE)
        & Q(inspections__inspected_on__gte=day - LONGEST_INTERVAL),
    )
    return (
        operators.active_on(day)
        .exclude(supervising_body=Operator.SupervisingBody.COUNTY)
        .annotate(recent_visits=recent)
        .annotate(last_on=Max("recent_visits__inspected_on"))
    )


def _next_due_before(rules: dict, level: str, day: datetime.date) -> Q:
    """Operators of `level` (annotated with `last_on`) whose next visit in `inspection_plan` falls
    before `day`: last visit + the level's interval, or the registration date if never visited."""
    rule = rules.get(level)
    interval = _interval(rule.min_per_year if rule else 1)
    # Not visited within the longest interval: due from registration, overdue if registered before.
    return Q(risk_level=level) & (Q(last_on__lt=day - interval) | Q(last_on__isnull=True, registered_on__lt=day))


def plan_conditions(day: datetime.date) -> dict[str, dict[str, Q]]:
    """{level: {"overdue": Q, "due": Q}}: `inspection_plan`'s statuses as conditions on `plan_operators`."""
    rules = RiskFrequencyRule.objects.in_force(day)
    soon = day + datetime.timedelta(days=DUE_SOON_DAYS + 1)
    conditions = {}
    for level in Operator.RiskLevel.values:
        overdue = _next_due_before(rules, level, day)
        conditions[level] = {"overdue": overdue, "due": ~overdue & _next_due_before(rules, level, soon)}
    return conditions


def plan_overdue(operators, day: datetime.date):
    """Operators overdue for inspection on `day` with their last visit (`last_on`), the longest
    unvisited first (SQL, never a loop). The overdue are found in the narrow grouped query; only
    they have their last visit looked up again, for the order and the page."""
    overdue = Q()
    for statuses in plan_conditions(day).values():
        overdue |= statuses["overdue"]
    last_visit = (
        Inspection.objects.valid()
        .exclude(kind=Inspection.Kind.ONLINE)
        .filter(operator=OuterRef("pk"))
        .order_by("-inspected_on")
        .values("inspected_on")[:1]
    )
    return (
        Operator.objects.filter(pk__in=plan_operators(operators, day).filter(overdue).values("pk"))
        .annotate(last_on=Subquery(last_visit))
        .order_by(F("last_on").asc(nulls_first=True), "registered_on", "pk")
    )


def plan_counts(operators, day: datetime.date) -> dict[str, dict[str, int]]:
    """{risk level: {"overdue": n, "due": n}}: `inspection_plan`'s statuses counted in SQL.

    Two queries: the rules, and one aggregate over the operators grouped with their last visit
    (Django wraps the grouped query in a subquery), so every inspection is read once.
    """
    conditions = plan_conditions(day)
    totals = plan_operators(operators, day).aggregate(
        **{
            f"{level}__{status}": Count("pk", filter=condition)
            for level, statuses in conditions.items()
            for status, condition in statuses.items()
        }
    )
    return {
        level: {status: totals[f"{level}__{status}"] for status in statuses} for level, statuses in conditions.items()
    }


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
