"""Login: django-axes locks an account on this address after repeated wrong passwords, in Chinese."""

from django.conf import settings
from django.test import TestCase

from tests.factories import UserFactory

PASSWORD = "pw-for-tests-123"


class LockoutTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.user = UserFactory(username="wang")

    def attempt(self, password, username="wang"):
        return self.client.post("/login/", {"username": username, "password": password})

    def test_wrong_passwords_lock_the_account_with_a_chinese_message(self):
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            response = self.attempt("wrong-password")
            self.assertContains(response, "用户名或密码不正确")

        response = self.attempt("wrong-password")

        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "登录已暂时锁定", status_code=429)
        # Now even the right password is refused.
        response = self.attempt(PASSWORD)
        self.assertContains(response, "登录已暂时锁定", status_code=429)
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_a_right_password_before_the_limit_signs_in_and_resets_the_count(self):
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            self.attempt("wrong-password")

        self.assertRedirects(self.attempt(PASSWORD), "/", fetch_redirect_response=False)
        self.client.logout()
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            self.attempt("wrong-password")
        self.assertRedirects(self.attempt(PASSWORD), "/", fetch_redirect_response=False)
