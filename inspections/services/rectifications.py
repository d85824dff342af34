"""销号: closing a rectification."""

from ..models import Rectification


def close_rectification(rectification: Rectification, *, day, verified_by=None, note="", evidence=None):
    """销号: the rectification is verified done, by a follow-up inspection or on evidence."""
    rectification.status = Rectification.Status.CLOSED
    rectification.closed_on = day
    rectification.verified_by = verified_by
    rectification.closing_note = note or rectification.closing_note
    if evidence:
        rectification.evidence = evidence
    rectification.full_clean()
    rectification._change_reason = "复查销号" if verified_by else "销号"
    rectification.save()
