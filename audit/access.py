"""The one place an access is recorded: `record` for any event, `file_response` for every file the
app hands out (exports and downloads call it instead of building the response), and the receivers
of Django's and axes' login signals."""

import ipaddress
from urllib.parse import quote

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import FileResponse, Http404, HttpResponse
from django.utils.http import content_disposition_header

from .models import AccessEvent

Kind = AccessEvent.Kind


def client_address(request):
    """The client's address (behind nginx, operations.middleware.RealClientAddress has put the real
    one in REMOTE_ADDR); None if it is not an IP address."""
    address = (request.META.get("REMOTE_ADDR") or "").strip() if request is not None else ""
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def record(request, kind, what="", *, user=None, username=None):
    """Write one access event for `request` (its user unless `user` is given)."""
    if user is None and request is not None and getattr(request, "user", None) is not None:
        user = request.user if request.user.is_authenticated else None
    if username is None:
        username = user.get_username() if user is not None else ""
    path = request.get_full_path() if request is not None else ""
    return AccessEvent.objects.create(
        kind=kind,
        user=user,
        username=username[:150],
        what=what[:300],
        path=path[:500],
        address=client_address(request),
    )


def file_response(request, content, filename, content_type, *, attachment=True):
    """The response carrying a file: an .xlsx is recorded as an export, anything else (PDF, Word)
    as a download, with its file name and the URL with its filters."""
    kind = Kind.EXPORT if filename.lower().endswith(".xlsx") else Kind.DOWNLOAD
    record(request, kind, filename)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(attachment, filename)
    return response


def stored_file_response(request, storage, name, filename, content_type, *, accel_prefix=None):
    """An uploaded file as a recorded download (never shown inline): streamed from `storage`, or
    handed to nginx by X-Accel-Redirect under `accel_prefix`."""
    if accel_prefix is not None:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = accel_prefix + quote(name)
    else:
        try:
            handle = storage.open(name, "rb")
        except FileNotFoundError:
            raise Http404 from None
        response = FileResponse(handle, content_type=content_type)
    record(request, Kind.DOWNLOAD, filename)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@receiver(user_logged_in, dispatch_uid="audit_login")
def _logged_in(sender, request, user, **kwargs):
    record(request, Kind.LOGIN, user=user)


@receiver(user_logged_out, dispatch_uid="audit_logout")
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        record(request, Kind.LOGOUT, getattr(request, "logout_reason", ""), user=user)


@receiver(user_login_failed, dispatch_uid="audit_login_failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    # Django has already masked the password in `credentials`; only the user name is kept.
    record(request, Kind.LOGIN_FAILED, username=str(credentials.get("username") or ""), user=None)


@receiver(user_locked_out, dispatch_uid="audit_locked_out")
def _locked_out(sender, request, username, ip_address, **kwargs):
    record(request, Kind.LOCKED_OUT, "密码错误次数过多，已锁定", username=str(username or ""), user=None)
