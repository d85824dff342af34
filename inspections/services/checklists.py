"""Which checklist applies, and one item's entry in it."""

import datetime
from dataclasses import dataclass

from registry.models import Operator

from ..models import ChecklistItem, ChecklistTemplate, ItemOutcome


@dataclass
class ItemEntry:
    item: ChecklistItem
    outcome: str = ItemOutcome.PASS
    corrected_on_site: bool = False
    note: str = ""

    @property
    def failed(self):
        return self.outcome == ItemOutcome.FAIL


def checklist_for(operator: Operator, day: datetime.date) -> ChecklistTemplate | None:
    return ChecklistTemplate.objects.in_force(operator.category, day)
