from django.apps import AppConfig
from django.db.models.signals import post_migrate


class RegistryConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "registry"
    verbose_name = "登记台账"

    def ready(self):
        from .roles import sync_roles

        # Every app's post_migrate creates its permissions; re-syncing after each keeps the
        # roles complete whatever order the apps migrate in.
        post_migrate.connect(sync_roles, dispatch_uid="registry_sync_roles")
