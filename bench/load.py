"""The bounded load run: gunicorn (4 workers) on loopback, 30 logged-in users for 60 s.

Each user is a thread with its own session (an inspector of 红桥镇, or the county leader for the
county pages), clicking through a realistic mix of pages (the
dashboard or home page, ledger lists with filters and searches, records, the inspection form,
the figures) with 1–3 s of reading between clicks. Reads only: the county's data stays as
loaded. Reports requests per second, p50/p95/p99 of the response time seen by the client and
every error (a status other than 200, or no answer within 30 s).
"""

import http.client
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.test import Client

from .harness import percentile

ROOT = Path(__file__).resolve().parent.parent
TARGET_P95 = 0.5  # seconds, issue 11


def sessions(usernames, count):
    """`count` session cookies, one per simulated user, dealt round the accounts (each its own
    login, saved in the database gunicorn reads)."""
    from registry.models import User

    users = list(User.objects.filter(username__in=usernames).order_by("username"))
    cookies = []
    for index in range(count):
        client = Client()
        client.force_login(users[index % len(users)])
        cookies.append(client.cookies[settings.SESSION_COOKIE_NAME].value)
    return cookies


def mix(fx):
    """(weight, who, url) of the pages users open; `who` is "township" or "county"."""
    from inspections.models import Inspection
    from registry.models import Operator

    year = f"from={fx.year}-01-01&to={fx.year}-12-31"
    operators = list(Operator.objects.filter(township=fx.township).values_list("pk", flat=True)[:300])
    inspections = list(Inspection.objects.filter(township=fx.township).values_list("pk", flat=True)[:300])
    return [
        (10, "township", lambda: "/"),
        (6, "county", lambda: f"/reports/dashboard/?county={fx.county.pk}&{year}"),
        (10, "township", lambda: "/ledgers/inspections/"),
        (5, "township", lambda: f"/ledgers/inspections/?page={random.randint(2, 40)}"),
        (6, "county", lambda: f"/ledgers/inspections/?township={fx.township.pk}&date_from={fx.year}-01-01"),
        (8, "township", lambda: "/registry/operators/"),
        (5, "township", lambda: "/registry/operators/?q=红"),
        (4, "county", lambda: "/ledgers/samples/"),
        (4, "county", lambda: "/ledgers/rapid-tests/"),
        (3, "county", lambda: "/ledgers/complaints/"),
        (3, "township", lambda: "/ledgers/rectifications/"),
        (12, "township", lambda: f"/registry/operators/{random.choice(operators)}/"),
        (10, "township", lambda: f"/ledgers/inspections/{random.choice(inspections)}/"),
        (6, "township", lambda: f"/ledgers/inspections/new/?operator={random.choice(operators)}"),
        (3, "county", lambda: f"/reports/figures/?county={fx.county.pk}&{year}"),
    ]


def start_gunicorn(port, env):
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "-c",
        str(ROOT / "gunicorn.conf.py"),
        "--workers",
        "4",
        "--bind",
        f"127.0.0.1:{port}",
        "--max-requests",
        "0",
    ]
    # The log goes to a file: a pipe nobody reads would fill and stop the workers.
    log = tempfile.NamedTemporaryFile(prefix="bench-gunicorn-", suffix=".log", delete=False)  # noqa: SIM115
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.5)
        if process.poll() is not None:
            raise RuntimeError("gunicorn exited: " + Path(log.name).read_text()[-2000:])
    process.send_signal(signal.SIGTERM)
    raise RuntimeError("gunicorn did not answer /healthz within 90 s")


def run(fx, *, port, env, users=30, seconds=60, think=(1.0, 3.0)):
    """Start gunicorn, warm every worker, run the users, stop gunicorn; returns the summary dict."""
    # The township pages are 红桥镇's records: its inspectors, and the county leader for county pages.
    inspectors = [f"{fx.township.code}_jgy{n}" for n in (1, 2, 3)]
    cookies = {"township": sessions(inspectors, users), "county": sessions(["county_leader"], users)}
    pages = mix(fx)
    weights = [w for w, _, _ in pages]
    # Production settings serve the hashed static files that collectstatic writes.
    manage = [sys.executable, str(ROOT / "manage.py"), "collectstatic", "--noinput", "--verbosity", "0"]
    subprocess.run(manage, cwd=ROOT, env=env, check=True)
    process = start_gunicorn(port, env)
    latencies, errors, lock = [], [], threading.Lock()
    try:
        for _ in range(8):  # each worker loads its code before the clock starts
            _request(port, "/healthz", None)
        stop = time.monotonic() + seconds

        def user(index):
            rng = random.Random(index)
            while time.monotonic() < stop:
                _, who, url = rng.choices(pages, weights)[0]
                cookie = cookies[who][index]
                path = url()
                start = time.perf_counter()
                try:
                    status = _request(port, path, cookie)
                except (OSError, http.client.HTTPException) as exc:
                    status = f"{type(exc).__name__}"
                elapsed = time.perf_counter() - start
                with lock:
                    latencies.append(elapsed)
                    if status != 200:
                        errors.append(f"{status} {path}")
                time.sleep(rng.uniform(*think))

        threads = [threading.Thread(target=user, args=(i,)) for i in range(users)]
        began = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - began
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)
    return summarise(latencies, errors, elapsed, users=users, think=think)


def _request(port, path, session):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Cookie": f"{settings.SESSION_COOKIE_NAME}={session}"} if session else {}
    connection.request("GET", quote(path, safe="/?=&"), headers=headers)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.status


def summarise(latencies, errors, seconds, *, users, think):
    if not latencies:
        return {"requests": 0, "errors": len(errors), "passed": False}
    p95 = percentile(latencies, 0.95)
    return {
        "users": users,
        "seconds": round(seconds, 1),
        "think_time_s": list(think),
        "requests": len(latencies),
        "requests_per_s": round(len(latencies) / seconds, 1),
        "p50_ms": round(percentile(latencies, 0.5) * 1000),
        "p95_ms": round(p95 * 1000),
        "p99_ms": round(percentile(latencies, 0.99) * 1000),
        "errors": len(errors),
        "error_samples": errors[:10],
        "target": f"p95≤{TARGET_P95 * 1000:.0f}ms, 0 errors",
        "passed": p95 <= TARGET_P95 and not errors,
    }


def server_env(database_url):
    """gunicorn's environment: production settings on loopback, the bench's database and key."""
    env = dict(os.environ)
    env.update(
        DEBUG="0",
        DATABASE_URL=database_url,
        SECRET_KEY=settings.SECRET_KEY,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        GUNICORN_WORKERS="4",
    )
    return env
