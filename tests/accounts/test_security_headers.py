"""Security headers and the Content-Security-Policy, on real responses; no inline script or style
left in any template (the policy would block it); production settings pass `check --deploy`."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.template import engines

pytestmark = pytest.mark.django_db

BASE_DIR = Path(settings.BASE_DIR)


def _policy(response):
    return {
        directive.split()[0]: directive.split()[1:]
        for directive in response["Content-Security-Policy"].split(";")
        if directive.strip()
    }


def test_login_page_carries_the_policy_and_the_headers(client):
    response = client.get("/login/")

    assert response.status_code == 200
    policy = _policy(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_a_signed_in_page_carries_the_policy(client, django_user_model):
    user = django_user_model.objects.create_user("reader", password="Foodsafe2026-x")
    client.force_login(user)

    response = client.get("/")

    assert response.status_code == 200
    assert _policy(response)["script-src"] == ["'self'"]


def _template_files():
    folders = [Path(folder) for engine in settings.TEMPLATES for folder in engine["DIRS"]]
    folders += [Path(app).parent / "templates" for app in _project_app_files()]
    for folder in folders:
        yield from (path for path in folder.rglob("*.html") if path.is_file())


def _project_app_files():
    for name in settings.INSTALLED_APPS:
        module = __import__(name.split(".")[0])
        path = Path(module.__file__ or "").resolve()
        # The project's own apps: a virtualenv inside the project holds third-party ones.
        if module.__file__ and path.is_relative_to(BASE_DIR) and "site-packages" not in path.parts:
            yield module.__file__


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=|\son[a-z]+=|javascript:", re.IGNORECASE)


def test_no_template_holds_an_inline_script_or_style():
    offenders = []
    files = list(_template_files())
    assert len(files) > 50  # the project's templates were found
    for path in files:
        text = path.read_text(encoding="utf-8")
        for pattern in (INLINE_SCRIPT, INLINE_STYLE):
            offenders += [f"{path.relative_to(BASE_DIR)}: {m.group(0)}" for m in pattern.finditer(text)]
    assert offenders == []


def test_the_guard_would_catch_inline_code():
    for bad in ("<script>alert(1)</script>", '<p style="color:red">', "<style>p{}</style>", '<a onclick="x()">'):
        assert INLINE_SCRIPT.search(bad) or INLINE_STYLE.search(bad), bad
    for good in ('<script src="/static/js/app.js"></script>', '<script id="d" type="application/json">'):
        assert not INLINE_SCRIPT.search(good) and not INLINE_STYLE.search(good), good


def test_json_script_passes_the_guard():
    rendered = engines["django"].from_string('{{ data|json_script:"figures" }}').render({"data": {"a": 1}})
    assert not INLINE_SCRIPT.search(rendered)


def test_production_settings_pass_check_deploy():
    # Only what a server's environment would hold: none of the test run's DEBUG, async or database.
    env = {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/tmp"),
        "DEBUG": "0",
        "SECRET_KEY": "check-deploy-in-a-test-" + "x9Qk2mP7vR4tW8zY3nB6cF1hJ5lS0dG" * 2,
        "ALLOWED_HOSTS": "foodsafe.example",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
