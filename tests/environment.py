"""Loaded by pytest before Django settings (see addopts): settings for a test run.

Tests run with development settings (plain static storage, no HTTPS redirect); pytest-django
still switches DEBUG off while tests run.
"""

import os

os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("SECRET_KEY", "tests-only-secret-key")
# Playwright's sync API runs an event loop in the test thread; the ORM calls it makes through
# pytest-django's live_server fixtures are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# The idle clock's session write comes once a minute; a test counting a page's queries more than
# a minute after its login (a loaded CI machine) would count it too. The idle tests move the clock.
os.environ.setdefault("SESSION_IDLE_RESOLUTION_SECONDS", "900")
