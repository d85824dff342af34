"""`seed_demo --scale county` on a tiny county (--county-factor): every ledger, five years, audit trail,
deterministic. The full county is loaded by `make bench` (bench/), never by the suite."""

import datetime
import io

from django.core.management import call_command
from django.db import transaction
from django.db.models import Count
from django.test import TestCase

from inspections.models import (
    Banquet,
    Case,
    Complaint,
    Inspection,
    InspectionDocument,
    InspectionItemResult,
    RapidTest,
    Rectification,
    Sample,
    SampleDisposal,
    ScoreRecord,
    Training,
)
from registry.demo import DEMO_PASSWORD
from registry.models import County, Operator, Township, User, Village
from reports import figures as catalogue

TINY = "0.004"  # 4 operators per township and proportionally few records


def load(seed=2026):
    call_command("seed_demo", "--scale", "county", "--county-factor", TINY, "--seed", str(seed), stdout=io.StringIO())


def digest():
    return {
        "operators": list(
            Operator.objects.order_by("licence_no", "name").values_list(
                "township__code", "name", "licence_no", "registered_on", "status", "risk_level", "credit_level"
            )
        ),
        "inspections": list(
            Inspection.objects.order_by("inspected_on", "operator__licence_no", "kind").values_list(
                "operator__licence_no", "inspected_on", "kind", "result", "points_deducted"
            )
        ),
        "documents": sorted(InspectionDocument.objects.values_list("number", flat=True)),
        "samples": list(Sample.objects.order_by("batch_no").values_list("batch_no", "result", "sampled_on")),
        "complaints": list(Complaint.objects.order_by("received_on", "summary").values_list("received_on", "deadline")),
    }


class CountyDemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load()

    def test_fifteen_townships_with_villages_users_and_operators(self):
        county = County.objects.get()
        self.assertEqual(Township.objects.filter(county=county).count(), 15)
        self.assertGreaterEqual(Village.objects.count(), 200)
        self.assertFalse(Village.objects.filter(population=0).exists())
        self.assertTrue(Operator.objects.filter(status="cancelled").exists())
        leader = User.objects.get(username="hongqiao_jgy1")
        self.assertTrue(leader.check_password(DEMO_PASSWORD))
        self.assertEqual(leader.township_ids, [Township.objects.get(code="hongqiao").pk])
        self.assertTrue(User.objects.get(username="county_leader").county_id)

    def test_five_years_of_every_ledger(self):
        years = set(Inspection.objects.dates("inspected_on", "year").values_list("inspected_on__year", flat=True))
        self.assertEqual(years, {2022, 2023, 2024, 2025, 2026})
        for model in (Sample, Case, Complaint, RapidTest, Banquet, Training, ScoreRecord):
            self.assertTrue(model.objects.exists(), model.__name__)
        # Each on-site inspection under a checklist has its item results and a result record.
        with_checklist = Inspection.objects.on_site().filter(checklist__isnull=False)
        self.assertFalse(with_checklist.annotate(n=Count("item_results")).filter(n=0).exists())
        self.assertFalse(with_checklist.exclude(documents__kind="result_record").exists())
        self.assertEqual(
            InspectionItemResult.objects.filter(rectification__isnull=False).count(),
            Rectification.objects.count(),
        )
        closed = Rectification.objects.filter(status="closed")
        self.assertTrue(closed.exists())
        self.assertFalse(closed.filter(verified_by__isnull=True).exists())
        failed = Sample.objects.filter(result="fail")
        self.assertEqual(SampleDisposal.objects.count(), failed.count())
        # The figures read the bulk-loaded rows like any others.
        scope = catalogue.Scope.county(County.objects.get())
        values = catalogue.values(scope, catalogue.Period.year(2024), ["inspections", "samples", "complaints"])
        self.assertEqual(
            values["inspections"].total,
            Inspection.objects.on_site().filter(inspected_on__year=2024).count(),
        )

    def test_every_record_has_its_audit_trail_entry(self):
        self.assertEqual(Inspection.history.filter(history_type="+").count(), Inspection.objects.count())
        self.assertFalse(Inspection.history.filter(history_user__isnull=True).exists())
        self.assertEqual(InspectionItemResult.history.count(), InspectionItemResult.objects.count())
        self.assertEqual(
            Rectification.history.filter(history_type="~").count(),
            Rectification.objects.filter(status="closed").count(),
        )
        first = Inspection.objects.order_by("pk").first()
        entry = first.history.get()
        self.assertEqual(entry.history_user_id, first.created_by_id)
        self.assertEqual(entry.history_date, first.created_at)
        self.assertEqual(entry.history_date.astimezone(datetime.UTC).date().year, first.inspected_on.year)

    def test_new_records_get_fresh_ids_after_the_load(self):
        operator = Operator.objects.first()
        created = Training.objects.create(township=operator.township, topic="新培训", audience="other", attendees=3)
        self.assertGreater(created.pk, Training.objects.exclude(pk=created.pk).order_by("-pk").first().pk)

    def test_same_seed_same_county_and_a_second_run_leaves_it(self):
        first = digest()
        load()  # refused: the county is there
        self.assertEqual(digest(), first)
        self.assertEqual(County.objects.count(), 1)

    def test_same_seed_gives_the_same_data(self):
        first = digest()
        with transaction.atomic():
            self._flush_county()
            load()
            self.assertEqual(digest(), first)
            self._flush_county()
            load(seed=7)
            self.assertNotEqual(digest()["operators"], first["operators"])
            transaction.set_rollback(True)

    def _flush_county(self):
        """Empty every table the county seeder writes (inside the test's transaction)."""
        from django.apps import apps
        from django.db import connection

        keep = {"auth_group", "auth_permission", "django_content_type", "django_migrations"}
        seeded = {
            "inspections_checklisttemplate",
            "inspections_checklistitem",
            "inspections_rapidtestitem",
            "inspections_ruleparameter",
            "inspections_scoringpolicy",
            "inspections_riskfrequencyrule",
            "auth_group_permissions",
        }
        with connection.cursor() as cursor:
            for model in apps.get_models(include_auto_created=True):
                table = model._meta.db_table
                if table not in keep | seeded and not table.startswith(("django_", "axes_")):
                    cursor.execute(f'DELETE FROM "{table}"')
