"""Log records for a server: one line each, plain or JSON (LOG_FORMAT), with the request id.

The request id comes from django-log-request-id (X-Request-ID set by nginx, or a new one), the
per-request line (method, path, status, user id) from its LOG_REQUESTS.
"""

import logging

REQUEST_LOGGER = "log_request_id.middleware"


class SkipHealthChecks(logging.Filter):
    """Drop the request line of /healthz: a load balancer asks every few seconds."""

    def filter(self, record):
        return not (record.name == REQUEST_LOGGER and " path=/healthz " in record.getMessage())
