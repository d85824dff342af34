"""On the demo data: `figures --json` gives every key, and every drill-down lists what its number counts."""

import io
import json
from collections import defaultdict
from decimal import Decimal

from django.core.management import call_command
from django.db.models import Sum
from django.test import TestCase
from django.utils import timezone

from registry.models import County, Township, User
from reports import figures as catalogue
from reports.figures.base import CountFigure, ListFigure, RatioFigure, SumFigure

from .ledger_transfer import LEDGERS, LedgerTransfer
from .test_catalogue import spec_keys


class DemoFiguresTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("seed_demo", stdout=io.StringIO())
        cls.county = County.objects.get(code="qingshan")
        today = timezone.localdate()
        cls.period = catalogue.Period.year_to_date(today)
        cls.scope = catalogue.Scope.county(cls.county)
        cls.values = catalogue.values(cls.scope, cls.period)

    def test_figures_json_gives_every_key_with_its_kind_of_value(self):
        out = io.StringIO()
        call_command(
            "figures",
            "--county",
            "qingshan",
            "--from",
            self.period.start.isoformat(),
            "--to",
            self.period.end.isoformat(),
            "--json",
            stdout=out,
        )
        data = json.loads(out.getvalue())
        self.assertLessEqual(set(spec_keys()), set(data))
        for key, value in data.items():
            figure = catalogue.FIGURES[key]
            with self.subTest(key):
                if isinstance(figure, ListFigure):
                    self.assertIsInstance(value, list)
                elif isinstance(figure, RatioFigure):
                    self.assertTrue(value is None or round(value, 1) == value)
                elif isinstance(figure, CountFigure):
                    self.assertIsInstance(value, int)
                else:
                    self.assertIsInstance(value, (int, float, type(None)))
                self.assertEqual(value, self.values[key].json)
        # The demo office did a year's work: these are not empty.
        for key in (
            "operators_total",
            "inspections",
            "samples",
            "rapid_tests",
            "cases_filed",
            "trainings",
            "complaints",
        ):
            self.assertGreater(data[key], 0, key)

    def test_every_drill_down_lists_exactly_what_its_number_counts(self):
        for key, value in self.values.items():
            figure = value.figure
            records = figure.records(self.scope, self.period)
            with self.subTest(key):
                if isinstance(figure, CountFigure):
                    self.assertEqual(records.count(), value.total)
                elif isinstance(figure, SumFigure):
                    total = records.aggregate(total=Sum(figure.field))["total"] or 0
                    self.assertEqual(Decimal(total), Decimal(value.total))
                elif isinstance(figure, RatioFigure):
                    numerator = self.values[figure.numerator]
                    self.assertEqual(records.count(), numerator.total)
                elif key == "score_ledger":
                    self.assertEqual(records.values("operator").distinct().count(), len(value.rows))
                    self.assertEqual(records.aggregate(p=Sum("points"))["p"] or 0, sum(r["points"] for r in value.rows))
                elif key == "confiscated":
                    by_unit = defaultdict(Decimal)
                    for goods in records:
                        by_unit[(goods.get_kind_display(), goods.get_unit_display())] += goods.quantity
                    self.assertEqual(by_unit, {(r["kind"], r["unit"]): r["quantity"] for r in value.rows})
                elif key == "cases_by_domain":
                    filed = records.filter(filed_on__range=(self.period.start, self.period.end)).count()
                    self.assertEqual(filed, sum(r["filed"] for r in value.rows))
                elif isinstance(figure, ListFigure) and figure.total:
                    self.assertEqual(records.count(), value.total)
                elif isinstance(figure, ListFigure):
                    self.assertEqual(records.count(), len(value.rows))
                elif key == "school_inspections_min_per_term":
                    counts = [v for row in records.values() for k, v in row.items() if k.startswith("term_")]
                    self.assertEqual(min(counts), value.total)
                else:
                    self.fail(f"no drill-down check for {key}")

    def test_every_township_adds_up_to_the_county(self):
        townships = list(Township.objects.filter(county=self.county))
        for township in townships:
            alone = catalogue.values(catalogue.Scope.township(township), self.period)
            for key, value in self.values.items():
                if isinstance(value.figure, (CountFigure, SumFigure)):
                    self.assertEqual(alone[key].total, value.share(township.pk), key)
        for key, value in self.values.items():
            if isinstance(value.figure, (CountFigure, SumFigure)):
                self.assertEqual(sum(value.share(t.pk) for t in townships), value.total, key)

    def test_the_year_imported_from_excel_gives_the_same_figures_as_entered_in_the_forms(self):
        """A township's ledgers, entered through the forms and services, exported with the export
        buttons, deleted, and imported back through the import pages: every figure of the year is what
        it was, so every field a figure counts is importable. What no template holds stays as an
        office sets it up once: villages (setup_office), officers' accounts, campaigns."""
        self.client.force_login(User.objects.get(username="admin"))
        township = Township.objects.get(code="hongqiao")
        transfer = LedgerTransfer(self, township)
        period = self.period
        scope = catalogue.Scope.township(township)
        entered = catalogue.values(scope, period)
        workbooks = {ledger: transfer.export(ledger) for ledger in LEDGERS}

        # The office loses its database and has only its exported ledgers left.
        for ledger in reversed(LEDGERS):
            transfer.wipe(ledger)
        self.assertEqual(catalogue.values(scope, period, keys=["operators_total"])["operators_total"].total, 0)

        imported = {ledger: transfer.import_(ledger, workbooks[ledger]) for ledger in LEDGERS}
        self.assertGreater(imported["inspections:inspection"], 50)
        copied = catalogue.values(scope, period)

        differing = {
            key: (entered[key].json, copied[key].json) for key in entered if entered[key].json != copied[key].json
        }
        self.assertEqual(differing, {})
        # The comparison means something: most figures of the demo township's year are not empty.
        counted = [key for key, value in entered.items() if not value.is_empty]
        self.assertGreater(len(counted), 60, sorted(set(entered) - set(counted)))
