"""/healthz: what a load balancer probes. Answers without login, over HTTP, and says nothing more."""

import pytest
from django.db import OperationalError, connection
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_answers_ok_without_login(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"].startswith("text/plain")
    assert "no-cache" in response["Cache-Control"]


def test_answers_503_when_the_database_does_not(client, caplog):
    def refuse(execute, sql, params, many, context):
        raise OperationalError('connection to server at "10.0.0.5", port 5432 failed: Connection refused')

    with connection.execute_wrapper(refuse):
        response = client.get("/healthz")

    assert response.status_code == 503
    # Nothing about the server in the answer; the reason is in the log.
    assert response.content == b"unavailable\n"
    assert "health check failed" in caplog.text and "Connection refused" in caplog.text


def test_a_load_balancer_probes_it_over_plain_http(client):
    with override_settings(SECURE_SSL_REDIRECT=True):
        assert client.get("/healthz").status_code == 200
        assert client.get("/login/").status_code == 301


def test_only_reads(client):
    assert client.post("/healthz").status_code == 405
    assert client.head("/healthz").status_code == 200
