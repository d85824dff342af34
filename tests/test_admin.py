import uuid

from axes.models import AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.forms import CheckboxInput, MultiWidget
from django.test import RequestFactory
from django.urls import reverse

from audit.models import AccessEvent
from inspections.models import Inspection, InspectionDocument, ScoreRecord
from registry.ledgers.submissions import SubmissionToken
from registry.models import User
from registry.roles import ADMIN, AUDITOR, INSPECTOR
from tests.base import CastTestCase
from tests.factories import OperatorFactory, UserFactory
from tests.inspections.factories import InspectionFactory


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


# --- the admin's rules for records and users (issue 12 item 2, issue 13 item 11) ---------------------


def posted(response):
    """The admin form of `response` as the browser would post it back unchanged (inlines included)."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        forms += [formset.management_form, *formset.forms]
    for form in forms:
        for bound in form:
            value = bound.value()
            widget = bound.field.widget
            if isinstance(widget, MultiWidget):
                parts = widget.decompress(value)
                for index, (sub, part) in enumerate(zip(widget.widgets, parts, strict=True)):
                    data[f"{bound.html_name}_{index}"] = sub.format_value(part) or ""
            elif isinstance(widget, CheckboxInput):
                if value:
                    data[bound.html_name] = "on"
            elif isinstance(value, list | tuple):
                data[bound.html_name] = [getattr(v, "pk", v) for v in value]
            elif value is not None:
                data[bound.html_name] = getattr(value, "pk", value)
    return data


def actions_of(listing):
    form = listing.context.get("action_form")
    return {name for name, _ in form.fields["action"].choices if name} if form else set()


def change_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def test_every_evidence_field_is_a_field_of_its_model():
    wrong = [
        f"{model._meta.label}.{name}"
        for model, model_admin in admin.site._registry.items()
        for name in getattr(model_admin, "evidence_fields", ())
        if name not in {f.name for f in model._meta.get_fields()}
    ]
    assert wrong == []


class AuditRecordsInTheAdminTests(CastTestCase):
    """Nobody rewrites the audit trail from the admin: not a 管理员, not a superuser."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.root = UserFactory(username="root", is_staff=True, is_superuser=True)
        cls.operator = OperatorFactory(township=cls.township_a, name="原名称")

    def test_a_record_is_never_reverted_to_a_past_version(self):
        first = self.operator.history.earliest()
        self.operator.name = "改过的名称"
        self.operator.save()
        url = reverse("admin:registry_operator_simple_history", args=[self.operator.pk, first.history_id])
        for user in (self.admin, self.root):
            with self.subTest(user.username):
                self.login(user)
                shown = self.client.get(url)
                self.assertEqual(shown.status_code, 200)
                self.assertTrue(shown.context["revert_disabled"])
                self.assertEqual(self.client.post(url, posted(shown)).status_code, 403)
                self.operator.refresh_from_db()
                self.assertEqual(self.operator.name, "改过的名称")
                self.assertEqual(self.operator.history.count(), 2)

    def test_the_access_logs_are_read_only_and_never_deleted(self):
        login = AccessLog.objects.create(username="inspector_a", ip_address="10.0.0.8", user_agent="Firefox")
        failure = AccessFailureLog.objects.create(username="inspector_a", ip_address="10.0.0.9", user_agent="x")
        self.login(self.root)
        for record in (login, failure):
            with self.subTest(record._meta.model_name):
                opts = record._meta
                listing = self.client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
                self.assertEqual(listing.status_code, 200)
                self.assertNotIn("delete_selected", actions_of(listing))
                shown = self.client.get(change_url(record))
                self.assertEqual(shown.status_code, 200)
                self.assertFalse(shown.context["has_change_permission"])
                delete = reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=[record.pk])
                self.assertEqual(self.client.post(delete, {"post": "yes"}).status_code, 403)
                self.assertTrue(type(record).objects.filter(pk=record.pk).exists())

    def test_no_audit_table_is_changed_or_deleted_in_the_admin(self):
        """The history tables and the access log are not in the admin at all; axes' logs only to read."""
        self.assertEqual([m for m in admin.site._registry if m.__name__.startswith("Historical")], [])
        self.assertFalse(admin.site.is_registered(AccessEvent))
        request = RequestFactory().get("/admin/")
        request.user = self.root
        for model in (AccessLog, AccessFailureLog):
            model_admin = admin.site._registry[model]
            with self.subTest(model._meta.model_name):
                self.assertFalse(model_admin.has_add_permission(request))
                self.assertFalse(model_admin.has_change_permission(request))
                self.assertFalse(model_admin.has_delete_permission(request))


class AdminPrivilegeTests(CastTestCase):
    """A 管理员 who is not a superuser administers their jurisdiction, and no more than that."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.root = UserFactory(username="root", is_staff=True, is_superuser=True)
        cls.admin_a = UserFactory(username="admin_a", townships=[cls.township_a], role=ADMIN, is_staff=True)
        cls.operator_a = OperatorFactory(township=cls.township_a)
        cls.operator_b = OperatorFactory(township=cls.township_b)
        cls.wider = Group.objects.create(name="可删除用户")
        cls.wider.permissions.add(Permission.objects.get(codename="delete_user"))

    def test_an_admin_cannot_make_anyone_superuser_or_grant_permissions(self):
        powers = Permission.objects.filter(codename__in=["delete_user", "delete_operator"])
        for admin_user in (self.admin, self.admin_a):
            for target in (admin_user, self.inspector_a):
                with self.subTest(admin=admin_user.username, target=target.username):
                    self.login(admin_user)
                    shown = self.client.get(change_url(target))
                    self.assertEqual(shown.status_code, 200)
                    form = shown.context["adminform"].form
                    self.assertNotIn("is_superuser", form.fields)
                    self.assertNotIn("user_permissions", form.fields)
                    self.assertNotIn(self.wider, form.fields["groups"].queryset)
                    # Administration and audit stay apart: no 管理员 makes anyone (themselves) 审计员.
                    self.assertNotIn(Group.objects.get(name=AUDITOR), form.fields["groups"].queryset)
                    data = posted(shown)
                    data.update(is_superuser="on", user_permissions=[p.pk for p in powers])
                    data["groups"] = [*data.get("groups", []), self.wider.pk]
                    self.client.post(change_url(target), data)
                    target.refresh_from_db()
                    self.assertFalse(target.is_superuser)
                    self.assertFalse(target.user_permissions.exists())
                    self.assertFalse(target.groups.filter(pk=self.wider.pk).exists())

    def test_an_admin_cannot_change_what_a_role_may_do(self):
        inspectors = Group.objects.get(name=INSPECTOR)
        before = set(inspectors.permissions.values_list("pk", flat=True))
        self.login(self.admin)
        shown = self.client.get(change_url(inspectors))
        self.assertNotIn("permissions", shown.context["adminform"].form.fields)
        data = posted(shown)
        data["permissions"] = [Permission.objects.get(codename="delete_user").pk]
        self.client.post(change_url(inspectors), data)
        self.assertEqual(set(inspectors.permissions.values_list("pk", flat=True)), before)

    def test_a_superuser_still_grants_permissions(self):
        self.login(self.root)
        shown = self.client.get(change_url(self.inspector_a))
        data = posted(shown)
        data["user_permissions"] = [Permission.objects.get(codename="delete_operator").pk]
        self.assertEqual(self.client.post(change_url(self.inspector_a), data).status_code, 302)
        self.assertTrue(self.inspector_a.user_permissions.filter(codename="delete_operator").exists())

    def test_a_township_admin_sees_and_administers_only_their_township(self):
        self.login(self.admin_a)
        operators = self.client.get(reverse("admin:registry_operator_changelist"))
        self.assertEqual(list(operators.context["cl"].queryset), [self.operator_a])
        self.assertContains(operators, "甲镇")
        self.assertNotContains(operators, "乙镇")  # not even as a filter choice
        users = self.client.get(reverse("admin:registry_user_changelist"))
        self.assertNotIn(self.inspector_b, users.context["cl"].queryset)
        self.assertNotIn(self.admin, users.context["cl"].queryset)  # a county user: beyond the township
        self.assertIn(self.inspector_a, users.context["cl"].queryset)
        for other in (self.operator_b, self.inspector_b):
            with self.subTest(other._meta.model_name):
                response = self.client.get(change_url(other))
                self.assertRedirects(response, reverse("admin:index"))  # "不存在", as the admin says it
        shown = self.client.get(change_url(self.operator_a))
        self.assertEqual(list(shown.context["adminform"].form.fields["township"].queryset), [self.township_a])
        # Nor its audit trail, nor one of its past versions.
        history = reverse("admin:registry_operator_history", args=[self.operator_b.pk])
        self.assertEqual(self.client.get(history).status_code, 404)
        version = self.operator_b.history.earliest().history_id
        past = reverse("admin:registry_operator_simple_history", args=[self.operator_b.pk, version])
        self.assertEqual(self.client.get(past).status_code, 404)
        own_history = reverse("admin:registry_operator_history", args=[self.operator_a.pk])
        self.assertEqual(self.client.get(own_history).status_code, 200)

    def test_a_township_admin_sees_the_saved_forms_of_their_townships_accounts_only(self):
        own = SubmissionToken.objects.create(token=uuid.uuid4(), user=self.inspector_a, result_url="/a/")
        SubmissionToken.objects.create(token=uuid.uuid4(), user=self.inspector_b, result_url="/b/")
        self.login(self.admin_a)
        tokens = self.client.get(reverse("admin:registry_submissiontoken_changelist"))
        self.assertEqual(list(tokens.context["cl"].queryset), [own])
        self.login(self.root)
        tokens = self.client.get(reverse("admin:registry_submissiontoken_changelist"))
        self.assertEqual(tokens.context["cl"].queryset.count(), 2)

    def test_a_township_admin_cannot_widen_their_own_jurisdiction(self):
        self.login(self.admin_a)
        shown = self.client.get(change_url(self.admin_a))
        form = shown.context["adminform"].form
        self.assertEqual(list(form.fields["townships"].queryset), [self.township_a])
        self.assertNotIn("county", form.fields)
        data = posted(shown)
        data.update(county=self.county.pk, townships=[self.township_a.pk, self.township_b.pk])
        self.client.post(change_url(self.admin_a), data)
        self.admin_a.refresh_from_db()
        self.assertIsNone(self.admin_a.county)
        self.assertEqual(list(self.admin_a.townships.all()), [self.township_a])

    def test_an_admin_cannot_rewrite_the_evidence_of_an_inspection(self):
        inspection = InspectionFactory(operator=self.operator_a, result=Inspection.Result.FAIL, points_deducted=3)
        InspectionDocument.objects.create(
            inspection=inspection,
            kind="correction_order",
            number="甲市监责改〔2026〕1号",
            issued_on=inspection.inspected_on,
        )
        score = ScoreRecord.objects.create(
            township=self.township_a,
            operator=self.operator_a,
            inspection=inspection,
            scored_on=inspection.inspected_on,
            points=3,
            reason="未公示",
        )
        self.login(self.admin)
        shown = self.client.get(change_url(inspection))
        for name in ("result", "points_deducted", "created_by", "voided_at", "voided_by", "void_reason"):
            self.assertNotIn(name, shown.context["adminform"].form.fields, name)
        data = posted(shown)
        data.update(result="pass", points_deducted="0", voided_at_0="2026-03-02", voided_at_1="10:00:00")
        data["documents-0-number"] = "改过的编号"
        response = self.client.post(change_url(inspection), data)
        self.assertEqual(response.status_code, 302)
        inspection.refresh_from_db()
        self.assertEqual((inspection.result, inspection.points_deducted, inspection.voided_at), ("fail", 3, None))
        self.assertEqual(inspection.documents.get().number, "甲市监责改〔2026〕1号")
        shown = self.client.get(change_url(score))
        self.assertNotIn("points", shown.context["adminform"].form.fields)

    def test_users_are_deactivated_not_deleted(self):
        inspection = InspectionFactory(operator=self.operator_a)
        inspection.officers.add(self.inspector_a)
        for user in (self.admin, self.root):
            with self.subTest(user.username):
                self.login(user)
                delete = reverse("admin:registry_user_delete", args=[self.inspector_a.pk])
                self.assertEqual(self.client.post(delete, {"post": "yes"}).status_code, 403)
                listing = self.client.get(reverse("admin:registry_user_changelist"))
                self.assertNotIn("delete_selected", actions_of(listing))
                self.assertIn("deactivate", actions_of(listing))
        self.client.post(
            reverse("admin:registry_user_changelist"),
            {"action": "deactivate", "_selected_action": [self.inspector_a.pk]},
        )
        self.inspector_a.refresh_from_db()
        self.assertFalse(self.inspector_a.is_active)
        self.assertEqual(list(inspection.officers.all()), [self.inspector_a])

    def test_a_township_admin_opens_an_account_for_their_township(self):
        self.login(self.admin_a)
        inspectors = Group.objects.get(name=INSPECTOR)
        response = self.client.post(
            reverse("admin:registry_user_add"),
            {
                "username": "newbie",
                "name": "新人",
                "password1": "Given-by-admin-1",
                "password2": "Given-by-admin-1",
                "usable_password": "true",
                "townships": [self.township_a.pk],
                "groups": [inspectors.pk],
            },
        )
        self.assertEqual(response.status_code, 302)
        newbie = User.objects.get(username="newbie")
        self.assertEqual((list(newbie.townships.all()), list(newbie.groups.all())), ([self.township_a], [inspectors]))
        self.assertIn(newbie, self.client.get(reverse("admin:registry_user_changelist")).context["cl"].queryset)
