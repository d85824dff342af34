"""Server logs: LOG_FORMAT=plain|json, each line with the request id, one line per request."""

import json
import os
import re
import subprocess
import sys

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import override_settings

from tests.factories import UserFactory

# A request through the full middleware stack in a fresh process, configured only by environment
# variables as gunicorn would be: the log lines it writes to stderr are the ones a server keeps.
REQUESTS = """
import django
django.setup()
from django.test import Client
client = Client(HTTP_X_REQUEST_ID="req-42")
assert client.get("/login/").status_code == 200
assert client.get("/healthz").status_code == 200
"""


def server_log(tmp_path, **env):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "foodsafe.settings",
        # DEBUG only for the plain static storage (no collectstatic here); LOG_REQUESTS as in production.
        "DEBUG": "1",
        "LOG_REQUESTS": "1",
        "ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'log.sqlite3'}",
        "BEHIND_PROXY": "1",
        **env,
    }
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    finished = subprocess.run(
        [sys.executable, "-c", REQUESTS], cwd=settings.BASE_DIR, env=environment, capture_output=True, text=True
    )
    assert finished.returncode == 0, finished.stderr
    return finished.stderr.splitlines()


def test_plain_lines_carry_time_level_logger_and_request_id(tmp_path):
    lines = server_log(tmp_path, LOG_FORMAT="plain")

    assert len(lines) == 1, lines  # the health check is not logged
    assert re.fullmatch(
        r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} INFO log_request_id.middleware \[req-42\] "
        r"method=GET path=/login/ status=200",
        lines[0],
    )


def test_json_lines_are_one_object_each(tmp_path):
    lines = server_log(tmp_path, LOG_FORMAT="json")

    assert len(lines) == 1, lines
    record = json.loads(lines[0])
    assert record["level"] == "INFO"
    assert record["logger"] == "log_request_id.middleware"
    assert record["request_id"] == "req-42"
    assert record["message"] == "method=GET path=/login/ status=200"
    assert re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", record["time"])


def test_without_a_proxy_a_client_cannot_choose_its_request_id(tmp_path):
    record = json.loads(server_log(tmp_path, LOG_FORMAT="json", BEHIND_PROXY="0")[0])

    assert re.fullmatch(r"[0-9a-f]{32}", record["request_id"])


def test_an_unknown_format_is_refused(tmp_path):
    with pytest.raises(AssertionError, match="LOG_FORMAT must be plain or json"):
        server_log(tmp_path, LOG_FORMAT="xml")


@pytest.mark.django_db
def test_the_request_line_names_the_user(client, caplog):
    user = UserFactory()
    with override_settings(LOG_REQUESTS=True):
        client.force_login(user)
        client.get("/", HTTP_X_REQUEST_ID="ignored")

    lines = [r.getMessage() for r in caplog.records if r.name == "log_request_id.middleware"]
    assert lines == [f"method=GET path=/ status=200 user={user.pk}"]


@pytest.mark.django_db
@pytest.mark.parametrize(("behind_proxy", "address"), [(True, "10.20.30.40"), (False, "127.0.0.1")])
def test_behind_the_proxy_a_failed_login_is_counted_against_the_real_address(client, behind_proxy, address):
    with override_settings(BEHIND_PROXY=behind_proxy):
        client.post("/login/", {"username": "nobody", "password": "wrong"}, HTTP_X_REAL_IP="10.20.30.40")

    assert AccessAttempt.objects.get().ip_address == address
