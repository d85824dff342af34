"""A form is saved once: the one-time token every create form carries.

A double tap on 保存 (or 后退 and 保存 again) posts the same form twice. Each create page draws a
random token into its form; the first POST that saves claims the token in the same transaction as
the record, and any later POST of that token saves nothing and is sent to the first one's result.
Two POSTs at the same moment cannot both claim it: the token is a primary key, and the second
insert waits for the first transaction and then fails.
"""

import datetime
import uuid

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models, transaction
from django.shortcuts import redirect
from django.utils import timezone

TOKEN_FIELD = "submission_token"
# A page left open this long and then submitted twice is not a double tap; old tokens go.
TOKEN_LIFETIME = datetime.timedelta(days=2)


class SubmissionToken(models.Model):
    token = models.UUIDField("表单令牌", primary_key=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="提交人", on_delete=models.CASCADE, related_name="+"
    )
    result_url = models.CharField("第一次提交的结果", max_length=500, blank=True)
    created_at = models.DateTimeField("提交时间", auto_now_add=True, db_index=True)

    class Meta:
        app_label = "registry"
        verbose_name = "已提交的表单"
        verbose_name_plural = "已提交的表单"

    def __str__(self):
        return f"{self.token}（{self.result_url or '保存中'}）"


class TokenTaken(Exception):
    pass


class _NotSaved(Exception):
    """The form came back with errors: give the token back (roll its claim back)."""

    def __init__(self, response):
        super().__init__()
        self.response = response


def new_token() -> str:
    return uuid.uuid4().hex


def posted_token(request):
    """The token of the posted form, or None (a client that sends none gets no protection)."""
    try:
        return uuid.UUID(str(request.POST.get(TOKEN_FIELD, "")).strip())
    except ValueError:
        return None


def token_for_page(request) -> str:
    """The token to draw: the posted one when the form comes back with errors, else a new one."""
    token = posted_token(request) if request.method == "POST" else None
    return token.hex if token else new_token()


def submit_once(request, handle):
    """Run `handle()` (the POST of a create page) at most once per token.

    A redirect is a save: the token is kept with where it led. Anything else (the form again with
    errors) saves nothing and leaves the token free for the corrected form.
    """
    token = posted_token(request)
    if token is None:
        return handle()
    earlier = SubmissionToken.objects.filter(token=token).first()
    if earlier is not None:
        return already_submitted(request, earlier)
    try:
        with transaction.atomic():
            _claim(token, request.user)
            response = handle()
            if response.status_code not in (301, 302, 303):
                raise _NotSaved(response)
            SubmissionToken.objects.filter(token=token).update(result_url=response["Location"])
            return response
    except _NotSaved as not_saved:
        return not_saved.response
    except TokenTaken:
        # The same form, posted at the same moment, was saved by the other request.
        return already_submitted(request, SubmissionToken.objects.get(token=token))


def _claim(token, user):
    SubmissionToken.objects.filter(created_at__lt=timezone.now() - TOKEN_LIFETIME).delete()
    try:
        with transaction.atomic():
            SubmissionToken.objects.create(token=token, user=user)
    except IntegrityError:
        raise TokenTaken from None


def already_submitted(request, earlier):
    if earlier.user_id != request.user.pk:
        raise PermissionDenied("该表单不是您提交的。")
    messages.info(request, "这张表单已经保存过，没有重复登记；下面是第一次保存的结果。")
    return redirect(earlier.result_url or "/")
