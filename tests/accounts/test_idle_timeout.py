"""A session ends after SESSION_IDLE_TIMEOUT without a request; any request starts the wait again."""

import time
from unittest import mock

from django.test import TestCase, override_settings

from tests.factories import UserFactory

START = 1_800_000_000


@override_settings(SESSION_IDLE_TIMEOUT=30 * 60)
class IdleTimeoutTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.user = UserFactory(username="idle")

    def login_at(self, seconds):
        with mock.patch.object(time, "time", return_value=START + seconds):
            self.client.force_login(self.user)

    def get_at(self, seconds, path="/"):
        with mock.patch.object(time, "time", return_value=START + seconds):
            return self.client.get(path)

    def test_signed_out_after_thirty_idle_minutes(self):
        self.login_at(0)
        self.assertEqual(self.get_at(0).status_code, 200)
        self.assertEqual(self.get_at(29 * 60).status_code, 200)
        # Each request restarts the wait: 29 minutes after the last one is still fine.
        self.assertEqual(self.get_at(58 * 60).status_code, 200)

        response = self.get_at(58 * 60 + 30 * 60 + 1, "/registry/operators/")

        self.assertRedirects(response, "/login/?next=/registry/operators/", fetch_redirect_response=False)
        self.assertNotIn("_auth_user_id", self.client.session)
        page = self.client.get(response.url)
        self.assertContains(page, "已超过 30 分钟未操作")

    @override_settings(SESSION_IDLE_TIMEOUT=5 * 60)
    def test_the_timeout_is_a_setting(self):
        self.login_at(0)
        self.assertEqual(self.get_at(0).status_code, 200)
        self.assertEqual(self.get_at(5 * 60 + 1).status_code, 302)
