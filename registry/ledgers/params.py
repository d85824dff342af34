"""Numbers read by hand from a query string: a malformed one is a 400 (BadRequest), never a 500.

Filter sets validate their own parameters; these are for the few a view reads itself
(`?operator=`, `?sample=`, `?year=`, `?page=` of the audit trail, the plan's `?township=`).
"""

from django.core.exceptions import BadRequest

# The largest value of a BigAutoField: a longer number would overflow the database's integer.
MAX_ID = 2**63 - 1
FIRST_YEAR = 2000
# Far beyond any list's last page, and its offset still well inside the database's integers.
MAX_PAGE = 10**6


def query_id(query, name) -> int | None:
    """The record id in `query[name]`; None when absent or empty; not a positive integer → 400."""
    value = query.get(name)
    if value is None or not value.strip():
        return None
    return _bounded(value, name, 1, MAX_ID, "应为记录编号（正整数）")


def query_page(query, name="page") -> int:
    """A page number from 1; 1 when absent or empty; anything else → 400."""
    value = query.get(name)
    if value is None or not value.strip():
        return 1
    return _bounded(value, name, 1, MAX_PAGE, "应为页码（正整数）")


def query_year(query, name, *, default: int, last: int) -> int:
    """A year from 2000 to `last`; `default` when absent or empty; anything else → 400."""
    value = query.get(name)
    if value is None or not value.strip():
        return default
    return _bounded(value, name, FIRST_YEAR, last, f"应为 {FIRST_YEAR}—{last} 之间的年份")


def _bounded(value, name, low, high, expected) -> int:
    try:
        number = int(value)
    except ValueError:
        raise BadRequest(f"参数 {name} {expected}。") from None
    if not low <= number <= high:
        raise BadRequest(f"参数 {name} {expected}。")
    return number
