import logging

from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def healthz(request):
    """For a load balancer or monitor: 200 "ok" when the database answers, else 503.

    No login and nothing about the server in the answer; the reason goes to the log.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("health check failed: the database does not answer")
        return HttpResponse("unavailable\n", status=503, content_type="text/plain; charset=utf-8")
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")


def _said_in_chinese(exception) -> str:
    """The exception's message when the app wrote it (Chinese); Django's own English ones stay out."""
    message = str(exception or "")
    return message if any("\u4e00" <= char <= "\u9fff" for char in message) else ""


def bad_request(request, exception):
    """400 in the app's layout, saying which parameter was wrong (`registry.ledgers.params`)."""
    return render(request, "400.html", {"reason": _said_in_chinese(exception)}, status=400)


def permission_denied(request, exception):
    """403 in the app's layout, with the navigation, and why when the view said why."""
    return render(request, "403.html", {"reason": _said_in_chinese(exception)}, status=403)


def csrf_failure(request, reason=""):
    """A form posted without a valid CSRF token (CSRF_FAILURE_VIEW): usually a page left open too long."""
    logger.warning("CSRF failure: %s", reason)
    return render(request, "403_csrf.html", status=403)
