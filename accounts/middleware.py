import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import Resolver404, resolve

# Pages a user who must change the password may still open.
OPEN_WHILE_CHANGING = {"password_change", "logout", "healthz"}
LAST_SEEN = "last_seen"


@receiver(user_logged_in, dispatch_uid="accounts_last_seen")
def _seen_at_login(sender, request, user, **kwargs):
    """Start the idle clock with the login, so that the first page after it writes no session."""
    if request is not None and hasattr(request, "session"):
        request.session[LAST_SEEN] = int(time.time())


class SessionPolicy:
    """After SESSION_IDLE_TIMEOUT seconds without a request the user is signed out; a user whose
    password was set by someone else (a new account, an admin's reset) changes it before anything
    else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN)
            if last_seen is not None and now - last_seen > settings.SESSION_IDLE_TIMEOUT:
                request.logout_reason = "长时间未操作，自动退出"
                logout(request)
                minutes = settings.SESSION_IDLE_TIMEOUT // 60
                messages.info(request, f"已超过 {minutes} 分钟未操作，为安全起见已自动退出，请重新登录。")
                return redirect_to_login(request.get_full_path())
            if last_seen is None or now - last_seen >= settings.SESSION_IDLE_RESOLUTION:
                request.session[LAST_SEEN] = now
            if request.user.must_change_password and not self._open_while_changing(request):
                messages.warning(request, "首次登录或密码由管理员重置后，请先修改密码再继续使用。")
                return redirect("password_change")
        return self.get_response(request)

    @staticmethod
    def _open_while_changing(request):
        if request.path_info.startswith(("/" + settings.STATIC_URL.lstrip("/"), "/" + settings.MEDIA_URL.lstrip("/"))):
            return True
        try:
            return resolve(request.path_info).url_name in OPEN_WHILE_CHANGING
        except Resolver404:
            return False
