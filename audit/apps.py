from django.apps import AppConfig


class AuditConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "audit"
    verbose_name = "审计"

    def ready(self):
        from . import access  # noqa: F401  (connects the login, logout and lockout receivers)
