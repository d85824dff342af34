"""Reading the inspection ledger: the inspection plan, an operator's history, campaign counts."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Max, Q, Sum

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
        interval = datetime.timedelta(days=365 // max(required, 1))
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
