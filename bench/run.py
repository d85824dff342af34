"""Speed benchmarks, run by hand (`make bench`), never by the test suite. See bench/README.md.

With DATABASE_URL (PostgreSQL): migrates it and, the first time, loads the county
(`seed_demo --scale county`, a few minutes); later runs reuse it. Without: the normal demo in a
fresh SQLite file. Times every case of bench/cases.py inside one transaction rolled back at the
end (the drafts and imports they make leave nothing behind), then the load run (PostgreSQL only,
or --load), prints one table and writes it as JSON under bench/results/. Exits 1 when a target
is missed.

    python bench/run.py [--only TEXT] [--runs N] [--no-load] [--load] [--port 8106]
"""

import argparse
import io
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "foodsafe.settings")
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
# One key for this process and the gunicorn of the load run, so the sessions made here log in there.
os.environ.setdefault("SECRET_KEY", "bench-only-key-not-for-production-5f1c9e7a3b2d4c6e8f0a1b3c5d7e9f1a")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from bench import load  # noqa: E402
from bench.cases import Fixtures, cases  # noqa: E402
from bench.harness import add_memory, measure, needs_forked_memory, table, write_json  # noqa: E402
from registry.models import County  # noqa: E402


def prepare():
    call_command("migrate", verbosity=0)
    if not County.objects.exists():
        scale = "county" if connection.vendor == "postgresql" else "demo"
        print(f"载入基准数据（seed_demo --scale {scale}）…", flush=True)
        call_command("seed_demo", "--scale", scale, stdout=io.StringIO())
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")


def main(argv=None):
    parser = argparse.ArgumentParser(description="食安台账 性能基准")
    parser.add_argument("--only", action="append", default=[], help="只测名称含此文字的项目（可多次）")
    parser.add_argument("--runs", type=int, help="每项的测量次数（默认按项目）")
    parser.add_argument("--load", action="store_true", help="SQLite 上也做负载测试")
    parser.add_argument("--no-load", action="store_true", help="不做负载测试")
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", 8106)))
    options = parser.parse_args(argv)
    prepare()
    results = []
    fx = Fixtures()  # its logins are committed: the forked memory runs and gunicorn read them
    with transaction.atomic():
        chosen = [c for c in cases(fx) if not options.only or any(o in c.name or o in c.group for o in options.only)]
        for case in chosen:
            if options.runs:
                case.runs = options.runs
            result = measure(case, memory=False)
            results.append(result)
            print(f"{result.verdict:4} {result.p50 * 1000:9,.0f} ms  {case.group} {case.name}", flush=True)
        transaction.set_rollback(True)
    for case, result in zip(chosen, results, strict=True):
        if needs_forked_memory(case):
            add_memory(result, case)
            print(f"{result.verdict:4} {result.peak_mb:9,.0f} MB  {case.group} {case.name}", flush=True)
    summary = None
    if options.load or (connection.vendor == "postgresql" and not options.no_load and not options.only):
        print("负载测试：gunicorn 4 workers，30 个已登录用户，60 秒…", flush=True)
        summary = load.run(fx, port=options.port, env=load.server_env(os.environ["DATABASE_URL"]))
    print()
    print(table(results))
    if summary:
        print(
            f"\nload run: {summary['users']} users, {summary['seconds']} s, {summary['requests']} requests, "
            f"{summary['requests_per_s']} req/s, p50 {summary['p50_ms']} ms, p95 {summary['p95_ms']} ms, "
            f"p99 {summary['p99_ms']} ms, {summary['errors']} errors — target {summary['target']}: "
            f"{'pass' if summary['passed'] else 'FAIL'}"
        )
    path = write_json(results, load=summary)
    print(f"\n结果已写入 {path.relative_to(Path(__file__).resolve().parent.parent)}")
    failed = any(r.passed is False for r in results) or (summary is not None and not summary["passed"])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
