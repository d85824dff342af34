from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed


class RealClientAddress:
    """Behind nginx (BEHIND_PROXY=1) every request comes from 127.0.0.1: take the client's address
    from X-Real-IP, which nginx sets from the connection (overwriting any a client sends), so that
    the login lockout and the logs see the real address."""

    def __init__(self, get_response):
        if not settings.BEHIND_PROXY:
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        address = request.META.get("HTTP_X_REAL_IP", "").strip()
        if address:
            request.META["REMOTE_ADDR"] = address
        return self.get_response(request)
