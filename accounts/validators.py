"""Password rules beyond Django's (length, common, numeric, similar to the user's name)."""

import string

from django.contrib.auth.hashers import check_password
from django.contrib.auth.password_validation import (
    CommonPasswordValidator,
    MinimumLengthValidator,
    NumericPasswordValidator,
    UserAttributeSimilarityValidator,
)
from django.core.exceptions import ValidationError

CHARACTER_CLASSES = (
    ("小写字母", set(string.ascii_lowercase)),
    ("大写字母", set(string.ascii_uppercase)),
    ("数字", set(string.digits)),
)


def character_classes(password: str) -> int:
    """How many of lower case, upper case, digits and other characters the password holds."""
    used = sum(1 for _, chars in CHARACTER_CLASSES if chars & set(password))
    others = any(not any(c in chars for _, chars in CHARACTER_CLASSES) for c in password)
    return used + others


class LengthValidator(MinimumLengthValidator):
    """Django's, with its message in Chinese (Django 5.2 changed the message; its zh-Hans
    catalogue still translates the old one, so the user would read English)."""

    def get_error_message(self):
        return f"密码太短：至少需要 {self.min_length} 个字符。"

    def get_help_text(self):
        return f"密码至少 {self.min_length} 个字符。"


# Django's other rules, with their texts in Chinese whatever language the browser asks for (the
# LocaleMiddleware would otherwise show an English browser English rules on a Chinese page).


class SimilarityValidator(UserAttributeSimilarityValidator):
    def get_error_message(self):
        return "密码与%(verbose_name)s太相似。"

    def get_help_text(self):
        return "不能与用户名、姓名等个人信息太相似。"


class CommonValidator(CommonPasswordValidator):
    def get_error_message(self):
        return "这个密码太常见，容易被猜中。"

    def get_help_text(self):
        return "不能是常见密码。"


class NumericValidator(NumericPasswordValidator):
    def get_error_message(self):
        return "密码不能全是数字。"

    def get_help_text(self):
        return "不能全是数字。"


class CharacterClassesValidator:
    """At least `min_classes` of: lower-case letters, upper-case letters, digits, other characters."""

    def __init__(self, min_classes=3):
        self.min_classes = min_classes

    def validate(self, password, user=None):
        if character_classes(password) < self.min_classes:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self):
        return f"密码须包含小写字母、大写字母、数字、其他符号四类中的至少 {self.min_classes} 类。"


class PasswordHistoryValidator:
    """Not one of the user's last `remember` passwords; records each new one when it is set."""

    def __init__(self, remember=5):
        self.remember = remember

    def _recent_hashes(self, user):
        hashes = list(user.password_history.values_list("password", flat=True)[: self.remember])
        if not hashes and user.password:  # a user from before the history was kept
            hashes = [user.password]
        return hashes

    def validate(self, password, user=None):
        if user is None or user.pk is None:
            return
        if any(check_password(password, encoded) for encoded in self._recent_hashes(user)):
            raise ValidationError(f"新密码不能与最近 {self.remember} 次使用过的密码相同。", code="password_reused")

    def password_changed(self, password, user=None):
        """Called by Django after the user with a new password is saved: keep its hash."""
        from .models import PasswordHistory

        if user is None or user.pk is None:
            return
        PasswordHistory.objects.create(user=user, password=user.password)
        stale = user.password_history.values_list("pk", flat=True)[self.remember :]
        PasswordHistory.objects.filter(pk__in=list(stale)).delete()

    def get_help_text(self):
        return f"不能与最近 {self.remember} 次使用过的密码相同。"
