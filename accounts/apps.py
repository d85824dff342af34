from django.apps import AppConfig


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    verbose_name = "账号与登录"

    def ready(self):
        from . import middleware  # noqa: F401  (connects the receiver that starts the idle clock at login)
