from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """Running the app on an office's server: backups, the health check, logging."""

    name = "operations"
    verbose_name = "运行维护"
