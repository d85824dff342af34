from django.conf import settings
from django.db import models


class PasswordHistory(models.Model):
    """A password a user has had (its hash), so that the last few are not used again."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE, related_name="password_history"
    )
    password = models.CharField("密码（哈希）", max_length=128)
    set_at = models.DateTimeField("设置时间", auto_now_add=True)

    class Meta:
        verbose_name = "历史密码"
        verbose_name_plural = "历史密码"
        ordering = ["-set_at", "-pk"]

    def __str__(self):
        return f"{self.user} {self.set_at:%Y-%m-%d %H:%M}"
