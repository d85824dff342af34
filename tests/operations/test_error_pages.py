"""Error pages speak Chinese in the app's layout and offer a way back; the UI never turns English."""

from django.test import Client, override_settings
from django.urls import reverse

from tests.base import CastTestCase
from tests.inspections.factories import CampaignFactory

ENGLISH = ("Forbidden", "Not Found", "Server Error", "CSRF verification failed", "Username", "Password")


class ErrorPageTests(CastTestCase):
    def assertChinesePage(self, response, status, *words):
        self.assertEqual(response.status_code, status)
        html = response.content.decode()
        for word in ENGLISH:
            self.assertNotIn(word, html)
        for word in words:
            self.assertIn(word, html)
        self.assertIn('href="/"', html)  # a way back to the home page

    def test_403_in_the_layout_with_the_navigation(self):
        self.login(self.leader_a)  # a leader reads, does not record
        response = self.client.get(reverse("inspections:inspection_create"), HTTP_ACCEPT_LANGUAGE="en")
        self.assertChinesePage(response, 403, "没有权限", "食安台账", "登记台账", "退出登录")
        self.assertTemplateUsed(response, "403.html")
        self.assertTemplateUsed(response, "base.html")

    def test_403_says_why_when_the_view_says_it(self):
        campaign = CampaignFactory(county=self.county)
        self.login(self.inspector_a)
        response = self.client.get(reverse("inspections:campaign_update", args=[campaign.pk]))
        self.assertChinesePage(response, 403, "没有权限", "县级统一登记")

    def test_404_in_the_layout(self):
        self.login(self.inspector_a)
        response = self.client.get("/ledgers/no-such-page/", HTTP_ACCEPT_LANGUAGE="en")
        self.assertChinesePage(response, 404, "页面不存在", "登记台账")
        self.assertTemplateUsed(response, "404.html")

    def test_404_without_login_still_in_chinese(self):
        response = self.client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="en")
        self.assertChinesePage(response, 404, "页面不存在")

    def test_400_in_the_layout(self):
        self.login(self.county_leader)
        response = self.client.get(reverse("reports:figure_list") + "?from=abc")
        self.assertChinesePage(response, 400, "请求有误")

    @override_settings(DEBUG_PROPAGATE_EXCEPTIONS=False)
    def test_500_in_chinese(self):
        client = Client(raise_request_exception=False)
        client.force_login(self.inspector_a)
        with self.settings(ROOT_URLCONF="tests.operations.failing_urls"):
            response = client.get("/boom/")
        self.assertChinesePage(response, 500, "系统出错", "食安台账")

    def test_csrf_failure_in_the_layout(self):
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.inspector_a)
        response = client.post(reverse("inspections:campaign_create"), {"name": "x"}, HTTP_ACCEPT_LANGUAGE="en")
        self.assertChinesePage(response, 403, "页面已过期", "登记台账")
        self.assertTemplateUsed(response, "403_csrf.html")


class ChineseInterfaceTests(CastTestCase):
    def test_login_form_in_chinese_for_an_english_browser(self):
        response = self.client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
        html = response.content.decode()
        self.assertIn("用户名", html)
        self.assertIn("密码", html)
        self.assertNotIn("Username", html)
        self.assertNotIn("Password", html)
        self.assertEqual(response.get("Content-Language", "zh-hans"), "zh-hans")

    def test_django_messages_in_chinese_for_an_english_browser(self):
        self.login(self.inspector_a)
        response = self.client.post(
            reverse("inspections:campaign_create"), {"start_date": "abc"}, HTTP_ACCEPT_LANGUAGE="en"
        )
        html = response.content.decode()
        self.assertIn("这个字段是必填项", html)
        self.assertNotIn("This field is required", html)
