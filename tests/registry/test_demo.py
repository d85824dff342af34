import datetime
import io
import random

from django.core.management import call_command
from django.db import transaction
from django.test import TestCase

from inspections.models import Inspection, Rectification
from registry.demo import seed_registry
from registry.models import Operator, User

DAY = datetime.date(2026, 11, 20)


def registry_digest():
    return list(
        Operator.objects.order_by("licence_no", "name").values_list(
            "township__code", "name", "category", "subtype", "licence_no", "credit_code", "registered_on", "status"
        )
    )


class DemoDataTests(TestCase):
    def seeded_digest(self, seed):
        with transaction.atomic():
            seed_registry(random.Random(seed), DAY)
            digest = registry_digest()
            transaction.set_rollback(True)
        return digest

    def test_same_seed_same_registry(self):
        first, second = self.seeded_digest(7), self.seeded_digest(7)
        self.assertEqual(first, second)
        self.assertNotEqual(first, self.seeded_digest(8))

    def test_seed_demo_loads_every_category_role_and_a_year_of_every_ledger(self):
        out = io.StringIO()
        call_command("seed_demo", stdout=out)
        self.assertIn("hongqiao_jgy1", out.getvalue())
        self.assertGreaterEqual(Operator.objects.count(), 280)
        for category, _ in Operator.Category.choices:
            self.assertTrue(Operator.objects.filter(category=category).exists(), category)
        for subtype, _ in Operator.Subtype.choices:
            self.assertTrue(Operator.objects.filter(subtype=subtype).exists(), subtype)
        roles = set(User.objects.values_list("groups__name", flat=True))
        self.assertTrue({"监管员", "领导", "管理员"} <= roles)
        self.assertGreater(Inspection.objects.filter(inspected_on__year=2026).count(), 300)
        self.assertTrue(Rectification.objects.overdue_on(DAY).exists())
        self.assertTrue(Rectification.objects.filter(status="closed", verified_by__isnull=False).exists())
        # A second run leaves the data alone.
        call_command("seed_demo", stdout=io.StringIO())
        self.assertEqual(User.objects.filter(username="admin").count(), 1)
