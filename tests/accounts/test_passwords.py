"""The password rules: 10+ characters of three kinds, none of the last five again; a password set by
an admin (new account, reset) is changed at the next login; a change ends the user's other sessions."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import TestCase

from accounts.validators import character_classes
from registry.demo import DEMO_PASSWORD
from registry.models import User
from registry.roles import ADMIN
from tests.factories import UserFactory

OLD = "pw-for-tests-123"


def errors(password, user=None):
    try:
        validate_password(password, user)
    except ValidationError as error:
        return error.messages
    return []


class PolicyTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.user = UserFactory(username="zhangwei", name="张伟")

    def test_length_at_least_ten(self):
        self.assertIn("密码太短：至少需要 10 个字符。", errors("Ab1!xyz9q"))
        self.assertEqual(errors("Ab1!xyz9qk"), [])

    def test_three_kinds_of_characters(self):
        message = "密码须包含小写字母、大写字母、数字、其他符号四类中的至少 3 类。"
        self.assertIn(message, errors("qwertyuiopzx"))
        self.assertIn(message, errors("qwertyuiop12"))
        self.assertEqual(errors("Yellowriver82"), [])
        self.assertEqual(errors("yellowriver#82"), [])
        self.assertEqual(errors("水果蔬菜yellow82"), [])  # Chinese characters count as the fourth kind

    def test_character_classes(self):
        self.assertEqual(character_classes("abc"), 1)
        self.assertEqual(character_classes("aB3"), 3)
        self.assertEqual(character_classes("aB3-"), 4)

    def test_the_demo_password_meets_the_rules(self):
        self.assertEqual(errors(DEMO_PASSWORD), [])

    def test_none_of_the_last_five_passwords_again(self):
        user = UserFactory(username="reuser")
        passwords = [f"Foodsafe-{n}x2026" for n in range(6)]
        for password in passwords:
            self.assertEqual(errors(password, user), [])
            user.set_password(password)
            user.save()

        self.assertEqual(user.password_history.count(), 5)
        reused = "新密码不能与最近 5 次使用过的密码相同。"
        for password in passwords[1:]:
            self.assertIn(reused, errors(password, user))
        # The sixth-last may be used again.
        self.assertEqual(errors(passwords[0], user), [])


class PasswordChangeTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.user = UserFactory(username="lina", name="李娜")

    def change(self, client, new, old=OLD):
        return client.post("/password/", {"old_password": old, "new_password1": new, "new_password2": new})

    def test_a_weak_password_is_refused_in_chinese_and_nothing_changes(self):
        self.client.force_login(self.user)
        response = self.change(self.client, "abcdefgh")

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "密码太短：至少需要 10 个字符。")
        self.assertContains(response, "至少 3 类")
        self.user.refresh_from_db()
        self.assertTrue(self.user.check_password(OLD))

    def test_the_page_is_in_chinese_even_for_an_english_browser(self):
        self.client.force_login(self.user)
        response = self.client.post(
            "/password/",
            {"old_password": "wrong", "new_password1": "12345678", "new_password2": "12345679"},
            HTTP_ACCEPT_LANGUAGE="en",
        )
        for text in ("原密码", "再次输入新密码", "不能与用户名、姓名等个人信息太相似。", "原密码不正确"):
            self.assertContains(response, text)
        response = self.client.post(
            "/password/",
            {"old_password": OLD, "new_password1": "1234567890", "new_password2": "1234567890"},
            HTTP_ACCEPT_LANGUAGE="en",
        )
        for text in ("这个密码太常见，容易被猜中。", "密码不能全是数字。"):
            self.assertContains(response, text)
        self.assertNotContains(response, "Your password")

    def test_the_current_password_is_not_reused(self):
        self.client.force_login(self.user)
        response = self.change(self.client, OLD)
        self.assertContains(response, "新密码不能与最近 5 次使用过的密码相同")

    def test_a_change_ends_the_other_sessions_and_keeps_this_one(self):
        phone, desk = self.client_class(), self.client_class()
        self.assertEqual(phone.post("/login/", {"username": "lina", "password": OLD}).status_code, 302)
        self.assertEqual(desk.post("/login/", {"username": "lina", "password": OLD}).status_code, 302)
        self.assertEqual(phone.get("/").status_code, 200)

        response = self.change(desk, "Changed-2026x")

        self.assertRedirects(response, "/", fetch_redirect_response=False)
        self.assertEqual(desk.get("/").status_code, 200)
        self.assertRedirects(phone.get("/"), "/login/?next=/", fetch_redirect_response=False)
        self.assertEqual(phone.post("/login/", {"username": "lina", "password": "Changed-2026x"}).status_code, 302)


class ForcedChangeTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.admin = UserFactory(username="admin_user", role=ADMIN, is_staff=True, is_superuser=True)

    def test_a_new_account_made_by_an_admin_must_change_its_password_first(self):
        self.client.force_login(self.admin)
        response = self.client.post(
            "/admin/registry/user/add/",
            {
                "username": "newbie",
                "name": "新人",
                "password1": "Given-by-admin-1",
                "password2": "Given-by-admin-1",
                "usable_password": "true",
            },
        )
        self.assertEqual(response.status_code, 302, response.content.decode()[:3000])
        newbie = User.objects.get(username="newbie")
        self.assertTrue(newbie.must_change_password)

        client = self.client_class()
        client.post("/login/", {"username": "newbie", "password": "Given-by-admin-1"})
        for path in ("/", "/registry/operators/", "/reports/"):
            response = client.get(path)
            self.assertRedirects(response, "/password/", fetch_redirect_response=False)
        page = client.get("/password/", follow=True)
        self.assertContains(page, "请先修改密码")

        response = client.post(
            "/password/",
            {"old_password": "Given-by-admin-1", "new_password1": "Mine-2026-new", "new_password2": "Mine-2026-new"},
        )
        self.assertRedirects(response, "/", fetch_redirect_response=False)
        newbie.refresh_from_db()
        self.assertFalse(newbie.must_change_password)
        self.assertEqual(client.get("/").status_code, 200)

    def test_a_reset_by_an_admin_forces_a_change_and_ends_the_users_sessions(self):
        user = UserFactory(username="reset_me")
        client = self.client_class()
        self.assertEqual(client.post("/login/", {"username": "reset_me", "password": OLD}).status_code, 302)
        self.assertEqual(client.get("/").status_code, 200)

        self.client.force_login(self.admin)
        response = self.client.post(
            f"/admin/registry/user/{user.pk}/password/",
            {"password1": "Reset-by-admin-1", "password2": "Reset-by-admin-1", "usable_password": "true"},
        )
        self.assertEqual(response.status_code, 302, response.content.decode()[:3000])

        user.refresh_from_db()
        self.assertTrue(user.must_change_password)
        self.assertRedirects(client.get("/"), "/login/?next=/", fetch_redirect_response=False)
        client.post("/login/", {"username": "reset_me", "password": "Reset-by-admin-1"})
        self.assertRedirects(client.get("/"), "/password/", fetch_redirect_response=False)

    def test_logout_stays_open_during_a_forced_change(self):
        user = UserFactory(username="leaving", must_change_password=True)
        self.client.force_login(user)
        self.assertRedirects(self.client.post("/logout/"), "/login/", fetch_redirect_response=False)
