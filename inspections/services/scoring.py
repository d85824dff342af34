"""Points, credit and risk levels, and the negative list."""

from django.core.exceptions import ValidationError

from registry.models import Operator

from ..models import LevelChange, NegativeListEntry, ScoreRecord, ScoringPolicy

RISK_ORDER = "ABCD"

CREDIT_ORDER = "ABC"


def yearly_points(operator: Operator, year: int) -> int:
    return ScoreRecord.objects.filter(operator=operator).in_year(year).total()


def apply_scoring_policy(operator: Operator, *, score: ScoreRecord, by) -> list[LevelChange]:
    """Move the operator's credit and risk level and the negative list after a score.

    Levels only worsen here; they improve by an inspector's decision (e.g. after a clean year).
    Each change is recorded with its date and cause.
    """
    day = score.scored_on
    policy = ScoringPolicy.objects.in_force(operator.township.county_id, day)
    if policy is None:
        return []
    total = yearly_points(operator, day.year)
    before = total - score.points
    changes = []
    cause = f"{day.year}年累计记分{total}分（本次{score.points}分）"

    credit = policy.credit_level_for(total)
    if CREDIT_ORDER.index(credit) > CREDIT_ORDER.index(operator.credit_level):
        changes.append(_change_level(operator, LevelChange.Level.CREDIT, credit, day, cause, score, by))
    if before < policy.risk_raise_from <= total and operator.risk_level != RISK_ORDER[-1]:
        raised = RISK_ORDER[RISK_ORDER.index(operator.risk_level) + 1]
        changes.append(_change_level(operator, LevelChange.Level.RISK, raised, day, cause, score, by))
    if changes:
        operator._change_reason = cause
        operator.save(update_fields=["credit_level", "risk_level", "updated_at"])

    if total >= policy.negative_list_from and not operator.negative_list_entries.current(day).exists():
        entry = NegativeListEntry(
            township_id=operator.township_id,
            operator=operator,
            listed_on=day,
            reason=f"{cause}，达到列入负面清单分值（{policy.negative_list_from}分）",
            created_by=by,
        )
        entry.full_clean()
        entry.save()
    return changes


def _change_level(operator, level, new, day, cause, score, by):
    field = "credit_level" if level == LevelChange.Level.CREDIT else "risk_level"
    change = LevelChange.objects.create(
        operator=operator,
        level=level,
        changed_on=day,
        old=getattr(operator, field),
        new=new,
        cause=cause,
        score=score,
        created_by=by,
    )
    setattr(operator, field, new)
    return change


def change_level_manually(operator: Operator, *, level: str, new: str, day, cause: str, by) -> LevelChange:
    """An inspector's decision, e.g. lowering the risk level after a clean year."""
    if not cause.strip():
        raise ValidationError({"cause": "请填写调整原因。"})
    change = _change_level(operator, level, new, day, cause, None, by)
    operator._change_reason = cause
    operator.full_clean()
    operator.save()
    return change
