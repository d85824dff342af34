"""What the seeders share: dates, the township's inspectors, saving with an audit trail entry."""

import datetime

from registry.models import Operator

YEAR_START = datetime.date(2026, 1, 1)

C, S = Operator.Category, Operator.Subtype


def _days(n):
    return datetime.timedelta(days=n)


def _day(rng, start, end):
    """A day in [start, end]."""
    return start + _days(rng.randrange(0, (end - start).days + 1))


def _inspectors(cast, township):
    return [cast.users[f"{township.code}_jgy1"], cast.users[f"{township.code}_jgy2"]]


def _save(record, creator, reason=""):
    record.created_by = creator
    record._history_user = creator
    if reason:
        record._change_reason = reason
    record.save()
    return record


def _operators(township, today, *categories, subtypes=()):
    operators = Operator.objects.filter(township=township).active_on(today).order_by("pk")
    if categories:
        operators = operators.filter(category__in=categories)
    if subtypes:
        operators = operators.filter(subtype__in=subtypes)
    return list(operators)


def _operator_pools(today):
    """`_operators` read once per township and categories (a seeder draws from the same lists often)."""
    cache = {}

    def pool(township, *categories):
        key = (township.pk, categories)
        if key not in cache:
            cache[key] = _operators(township, today, *categories)
        return cache[key]

    return pool
