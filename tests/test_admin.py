from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from tests.base import CastTestCase


def test_every_model_is_in_the_admin():
    missing = [
        model._meta.label
        for app in ("registry", "inspections", "reports")
        for model in apps.get_app_config(app).get_models()
        if not model.__name__.startswith("Historical") and not admin.site.is_registered(model)
    ]
    assert missing == []


class AdminPagesTests(CastTestCase):
    def test_admin_user_opens_every_changelist(self):
        self.admin.is_superuser = True
        self.admin.save()
        self.login(self.admin)
        for model in admin.site._registry:
            opts = model._meta
            with self.subTest(opts.label):
                response = self.client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
                self.assertEqual(response.status_code, 200)
