"""Test cases the inspection-ledger tests share: an operator with its checklist, ready to record."""

import datetime

from django.urls import reverse
from django.utils import timezone

from inspections.models import Inspection, ItemOutcome
from inspections.services.checklists import ItemEntry, checklist_for
from inspections.services.inspections import record_inspection
from tests.base import CastTestCase
from tests.factories import OperatorFactory, inspector


class InspectionFormTestCase(CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.colleague_a = inspector(
            cls.township_a, username="colleague_a", name="李执法", enforcement_id="620799000009"
        )
        cls.inspector_a.name, cls.inspector_a.enforcement_id = "王监管", "620799000008"
        cls.inspector_a.save()
        cls.restaurant = OperatorFactory(
            township=cls.township_a,
            name="红星面馆",
            category="catering",
            subtype="small_scale",
            legal_representative="王红",
        )
        cls.operator_b = OperatorFactory(township=cls.township_b, name="乙镇超市")
        cls.template = checklist_for(cls.restaurant, timezone.localdate())
        cls.items = list(cls.template.items.all())

    def post_data(self, *, failed=(), officers=None, **extra):
        today = timezone.localdate()
        data = {
            "operator": self.restaurant.pk,
            "inspected_on": today.isoformat(),
            "kind": "routine",
            "officers": [o.pk for o in (officers or [self.inspector_a, self.colleague_a])],
            "result": "",
            "rectification_deadline": (today + datetime.timedelta(days=15)).isoformat(),
            "responsible_person": "王红",
        }
        for item in self.items:
            data[f"outcome_{item.pk}"] = "fail" if item in failed else "pass"
            data[f"note_{item.pk}"] = "消毒柜未使用" if item in failed else ""
        data.update(extra)
        return data

    def create(self, data):
        return self.client.post(reverse("inspections:inspection_create") + f"?operator={self.restaurant.pk}", data)


DAY = datetime.date(2026, 3, 2)


class RecordingTestCase(CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.colleague_a = inspector(cls.township_a, username="colleague_a", name="李执法")
        cls.restaurant = OperatorFactory(
            township=cls.township_a,
            name="红星面馆",
            category="catering",
            subtype="small_scale",
            legal_representative="王红",
            risk_level="B",
            credit_level="A",
        )
        cls.template = checklist_for(cls.restaurant, DAY)
        items = list(cls.template.items.all())
        cls.key_items = [i for i in items if i.is_key]
        cls.general_items = [i for i in items if not i.is_key]

    def entries(self, failed=(), corrected=(), not_applicable=()):
        return [
            ItemEntry(
                item=item,
                outcome=ItemOutcome.FAIL
                if item in failed
                else (ItemOutcome.NOT_APPLICABLE if item in not_applicable else ItemOutcome.PASS),
                corrected_on_site=item in corrected,
            )
            for item in self.template.items.all()
        ]

    def record(self, *, failed=(), corrected=(), officers=None, day=DAY, **kwargs):
        inspection = Inspection(
            operator=self.restaurant,
            inspected_on=day,
            kind=kwargs.pop("kind", "routine"),
            result=kwargs.pop("result", ""),
            override_reason=kwargs.pop("override_reason", ""),
        )
        return record_inspection(
            inspection=inspection,
            officers=officers if officers is not None else [self.inspector_a, self.colleague_a],
            items=self.entries(failed, corrected),
            by=self.inspector_a,
            rectification_deadline=kwargs.pop("deadline", day + datetime.timedelta(days=15)),
            **kwargs,
        )
