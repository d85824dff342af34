"""Measuring one operation: server time (median, p95), SQL queries, peak memory, against its target.

A `Case` is an operation and its target; `measure` runs it and gives a `Result`; `table` prints
the results as one table and `write_json` keeps them under bench/results/. Timings are of the
server side only (Django's test client or the function itself, no network), taken after one
warm-up run that also counts the SQL queries. Peak memory is taken in one more run, only where a
case asks for it: the growth of the resident set of a forked process doing the operation once
(everything it allocates, C libraries included; tracemalloc's Python-only peak for cases that
write inside a rolled-back transaction, which a forked process would not see).
"""

import datetime
import json
import os
import platform
import statistics
import time
import traceback
import tracemalloc
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.db import connection, connections, transaction

RESULTS = Path(__file__).resolve().parent / "results"


@dataclass
class Case:
    """One operation. `target` is seconds for the p50 (or for `target_on`); None: measured only."""

    group: str
    name: str
    action: Callable[[], object]
    target: float | None = None
    target_on: str = "p50"
    runs: int = 7
    warmup: bool = True
    memory_target_mb: float | None = None  # also measure the peak when set (or when memory=True)
    memory: bool = False
    setup: Callable[[], object] | None = None  # run before each run, inside the rolled-back transaction
    rollback: bool = False  # each run in a transaction rolled back afterwards (cases that write)
    note: str = ""


@dataclass
class Result:
    group: str
    name: str
    runs: int
    p50: float
    p95: float
    cpu_p50: float  # CPU time of the Django process alone: what other processes on the machine do not inflate
    queries: int | None
    peak_mb: float | None
    target: float | None
    target_on: str
    memory_target_mb: float | None
    passed: bool | None
    note: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def verdict(self) -> str:
        return "—" if self.passed is None else ("pass" if self.passed else "FAIL")


def percentile(samples, fraction):
    """The `fraction` quantile (0.95 → p95), interpolated between the sorted samples."""
    ordered = sorted(samples)
    if len(ordered) == 1:
        return ordered[0]
    position = fraction * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def _once(case, *, capture=False, trace=False):
    """One run: (seconds, queries or None, peak bytes or None, CPU seconds of this process)."""
    with transaction.atomic() if case.rollback else _nothing():
        if case.setup:
            case.setup()
        counter = _QueryCounter()
        queries = connection.execute_wrapper(counter) if capture else _nothing()
        if trace:
            tracemalloc.start()
        with queries:
            start, cpu = time.perf_counter(), time.process_time()
            case.action()
            seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        peak = None
        if trace:
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
        if case.rollback:
            transaction.set_rollback(True)
    return seconds, (counter.count if capture else None), peak, cpu


def _status_kb(name):
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith(f"{name}:"))


def _forked_peak_mb(case):
    """Peak resident memory a run adds, measured in a forked child: its high-water mark less its size at the start."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: its own database connection, the parent's socket left alone
        code = 1
        try:
            os.close(read)
            # The parent's connections stay referenced (and so open) until os._exit: dropping one
            # would close it, and closing the shared socket ends the parent's database session.
            inherited = [connections[alias].connection for alias in connections]  # noqa: F841
            for alias in connections:
                connections[alias].connection = None
            start = _status_kb("VmRSS")
            with open("/proc/self/clear_refs", "w") as refs:
                refs.write("5")  # resets VmHWM to the current size
            case.action()
            os.write(write, str(max(0, _status_kb("VmHWM") - start)).encode())
            code = 0
        except BaseException:
            traceback.print_exc()
        finally:
            os._exit(code)
    os.close(write)
    with os.fdopen(read) as pipe:
        grown = pipe.read()
    _, status = os.waitpid(pid, 0)
    if status != 0 or not grown:
        raise RuntimeError(f"{case.name}: the memory run failed")
    return int(grown) / 1024


class _QueryCounter:
    """Counts every statement sent (DEBUG's query log keeps only the last 9,000: an import sends more)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def measure(case: Case, *, memory=True) -> Result:
    """Time the case; with memory=False a case's forked memory run is left to `add_memory`."""
    samples, cpus = [], []
    seconds, queries, _, cpu = _once(case, capture=True)
    if not case.warmup:
        samples.append(seconds)
        cpus.append(cpu)
    while len(samples) < case.runs:
        seconds, _, _, cpu = _once(case)
        samples.append(seconds)
        cpus.append(cpu)
    peak_mb = None
    if case.rollback and (case.memory or case.memory_target_mb):
        peak_mb = _once(case, trace=True)[2] / 2**20
    p50, p95 = statistics.median(samples), percentile(samples, 0.95)
    passed = None
    if case.target is not None:
        passed = {"p50": p50, "p95": p95}[case.target_on] <= case.target
    result = Result(
        group=case.group,
        name=case.name,
        runs=len(samples),
        p50=p50,
        p95=p95,
        cpu_p50=statistics.median(cpus),
        queries=queries,
        peak_mb=peak_mb,
        target=case.target,
        target_on=case.target_on,
        memory_target_mb=case.memory_target_mb,
        passed=passed,
        note=case.note,
    )
    if memory and needs_forked_memory(case):
        add_memory(result, case)
    return result


def needs_forked_memory(case):
    return bool(case.memory or case.memory_target_mb) and not case.rollback


def add_memory(result, case):
    """The peak of a forked run, and the memory target's verdict.

    bench/run.py does this after its transaction has ended: a forked process cannot see what the
    transaction wrote, and would wait on the rows it locked (the session of the logged-in client).
    """
    if needs_forked_memory(case):
        result.peak_mb = _forked_peak_mb(case)
    if case.memory_target_mb is not None and result.peak_mb is not None:
        result.passed = bool(result.passed is not False and result.peak_mb <= case.memory_target_mb)


def _ms(seconds):
    return f"{seconds * 1000:,.0f}"


def target_text(result) -> str:
    parts = []
    if result.target is not None:
        parts.append(f"{result.target_on}≤{_ms(result.target)}")
    if result.memory_target_mb is not None:
        parts.append(f"≤{result.memory_target_mb:.0f}MB")
    return " ".join(parts) or "—"


def table(results) -> str:
    """The results as one plain-text table (also Markdown: bench/README.md keeps the latest)."""
    header = ["group", "operation", "runs", "p50 ms", "p95 ms", "CPU ms", "SQL", "peak MB", "target", "result"]
    rows = [
        [
            r.group,
            r.name,
            str(r.runs),
            _ms(r.p50),
            _ms(r.p95),
            _ms(r.cpu_p50),
            "—" if r.queries is None else str(r.queries),
            "—" if r.peak_mb is None else f"{r.peak_mb:.0f}",
            target_text(r),
            r.verdict,
        ]
        for r in results
    ]
    widths = [max(_width(x) for x in column) for column in zip(header, *rows, strict=True)]
    lines = ["| " + " | ".join(_pad(c, w) for c, w in zip(header, widths, strict=True)) + " |"]
    lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    lines += ["| " + " | ".join(_pad(c, w) for c, w in zip(row, widths, strict=True)) + " |" for row in rows]
    return "\n".join(lines)


def _width(text):
    """Display width: a Chinese character takes two columns."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _pad(text, width):
    return text + " " * (width - _width(text))


def machine() -> dict:
    info = {
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "database": connection.vendor,
        "load_average": os.getloadavg()[0],
    }
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            info["database"] = f"PostgreSQL {cursor.fetchone()[0]}"
    return info


def write_json(results, *, load=None, directory=RESULTS, when=None) -> Path:
    """bench/results/<date>-<database>.json: the machine, every result and the load run."""
    when = when or datetime.datetime.now(datetime.UTC)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{when:%Y%m%d-%H%M}-{connection.vendor}.json"
    data = {
        "date": when.isoformat(timespec="seconds"),
        "machine": machine(),
        "results": [asdict(r) | {"verdict": r.verdict} for r in results],
        "load": load,
    }
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
    return path
