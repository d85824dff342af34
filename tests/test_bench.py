"""The benchmark harness (bench/): quick checks of what it measures and prints; `make bench` runs it."""

import json
import tempfile
from pathlib import Path

from django.test import SimpleTestCase, TestCase

from bench import load
from bench.cases import _ledger_views
from bench.harness import Case, _forked_peak_mb, measure, percentile, table, write_json
from registry.models import County, Township


class HarnessTests(TestCase):
    def test_measure_counts_queries_times_runs_and_judges_the_target(self):
        result = measure(Case("组", "two queries", lambda: (Township.objects.count(), County.objects.count()), 5.0))
        self.assertEqual(result.queries, 2)
        self.assertEqual(result.runs, 7)
        self.assertLessEqual(result.p50, result.p95)
        self.assertTrue(result.passed)
        missed = measure(Case("组", "too slow", lambda: None, target=-1.0, runs=2))
        self.assertIs(missed.passed, False)
        self.assertIsNone(measure(Case("组", "measured only", lambda: None, runs=1)).passed)

    def test_queries_are_counted_past_the_debug_log_limit(self):
        result = measure(Case("组", "many", lambda: [County.objects.exists() for _ in range(9100)], runs=1))
        self.assertEqual(result.queries, 9100)

    def test_a_case_that_writes_is_rolled_back_after_each_run(self):
        def create():
            County.objects.create(code="bench", name="基准县")

        result = measure(Case("组", "writes", create, runs=3, rollback=True, memory=True))
        self.assertFalse(County.objects.filter(code="bench").exists())
        self.assertEqual(result.queries, 2)  # the row and its audit-trail row
        self.assertIsNotNone(result.peak_mb)


class ReportTests(SimpleTestCase):
    # The JSON's machine section reads PostgreSQL's version (SHOW server_version); nothing is written.
    databases = {"default"}

    def test_percentiles_interpolate(self):
        self.assertEqual(percentile([1.0], 0.95), 1.0)
        self.assertEqual(percentile([1, 2, 3, 4, 5], 0.5), 3)
        self.assertAlmostEqual(percentile(list(range(1, 101)), 0.95), 95.05)

    def test_memory_is_the_growth_of_a_forked_run(self):
        def allocate():
            block = bytearray(60 * 2**20)
            block[::4096] = b"x" * len(block[::4096])

        self.assertGreater(_forked_peak_mb(Case("组", "60 MB", allocate)), 50)
        self.assertLess(_forked_peak_mb(Case("组", "nothing", lambda: None)), 20)

    def test_table_and_json_show_each_result_against_its_target(self):
        with self.settings(DEBUG=True):
            results = [
                measure_stub("列表", "检查台账: first page", 0.120, 0.150, 12, None, 0.15, passed=True),
                measure_stub("导出", "快检 export", 40.0, 40.0, 9, 350.0, 30.0, passed=False, memory=300),
            ]
        text = table(results)
        self.assertIn("| group", text)
        self.assertIn("检查台账: first page", text)
        self.assertIn("p50≤150", text)
        self.assertIn("≤300MB", text)
        self.assertIn("FAIL", text)
        with tempfile.TemporaryDirectory() as directory:
            path = write_json(results, load={"requests": 3}, directory=Path(directory))
            data = json.loads(path.read_text())
        self.assertEqual([r["verdict"] for r in data["results"]], ["pass", "FAIL"])
        self.assertEqual(data["load"], {"requests": 3})
        self.assertIn("cpus", data["machine"])

    def test_the_load_run_summary(self):
        summary = load.summarise([0.1] * 90 + [0.4] * 9 + [2.0], [], 10.0, users=30, think=(1, 3))
        self.assertEqual(summary["requests"], 100)
        self.assertEqual(summary["requests_per_s"], 10.0)
        self.assertEqual(summary["p50_ms"], 100)
        self.assertEqual(summary["p95_ms"], 400)
        self.assertTrue(summary["passed"])
        self.assertFalse(load.summarise([0.1], ["500 /"], 1.0, users=1, think=(1, 3))["passed"])

    def test_every_ledger_list_and_export_is_benchmarked(self):
        lists = dict(_ledger_views("list"))
        exports = dict(_ledger_views("export"))
        self.assertIn("inspections:inspection_list", lists)
        self.assertIn("registry:operator_list", lists)
        self.assertGreaterEqual(len(lists), 20)
        self.assertIn("inspections:rapidtest_export", exports)


def measure_stub(group, name, p50, p95, queries, peak, target, *, passed, memory=None):
    from bench.harness import Result

    return Result(group, name, 3, p50, p95, p50 / 2, queries, peak, target, "p50", memory, passed)
