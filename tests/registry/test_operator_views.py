import datetime
import io

from django.urls import reverse
from openpyxl import load_workbook

from registry.models import Operator
from tests.base import CastTestCase
from tests.factories import OperatorFactory, valid_credit_code


def form_data(township, **overrides):
    data = {
        "township": township.pk,
        "name": "红星面馆",
        "category": "catering",
        "subtype": "small_scale",
        "registered_on": "2022-03-01",
        "supervising_body": "township",
        "risk_level": "B",
        "credit_level": "A",
        "credit_code": valid_credit_code(7),
        "phone": "13912345678",
    }
    data.update(overrides)
    return data


class OperatorScopingTests(CastTestCase):
    """An inspector of A cannot list, view, edit, void or export B's operators."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.op_a = OperatorFactory(township=cls.township_a, name="甲镇面馆")
        cls.op_b = OperatorFactory(township=cls.township_b, name="乙镇超市")

    def test_list_shows_only_own_township(self):
        self.login(self.inspector_a)
        response = self.client.get(reverse("registry:operator_list"))
        self.assertContains(response, "甲镇面馆")
        self.assertNotContains(response, "乙镇超市")

    def test_other_townships_pages_are_404(self):
        self.login(self.inspector_a)
        for name in ("operator_detail", "operator_update", "operator_void", "operator_status"):
            with self.subTest(name):
                response = self.client.get(reverse(f"registry:{name}", args=[self.op_b.pk]))
                self.assertEqual(response.status_code, 404)
        response = self.client.post(reverse("registry:operator_void", args=[self.op_b.pk]), {"reason": "x"})
        self.assertEqual(response.status_code, 404)
        self.op_b.refresh_from_db()
        self.assertFalse(self.op_b.is_voided)

    def test_filtering_by_another_township_is_refused(self):
        self.login(self.inspector_a)
        response = self.client.get(reverse("registry:operator_list"), {"township": self.township_b.pk})
        self.assertNotContains(response, "乙镇超市")

    def test_export_contains_only_own_township(self):
        self.login(self.inspector_a)
        response = self.client.get(reverse("registry:operator_export"), {"township": self.township_b.pk})
        names = _exported_names(response)
        self.assertNotIn("乙镇超市", names)
        response = self.client.get(reverse("registry:operator_export"))
        self.assertEqual(_exported_names(response), ["甲镇面馆"])

    def test_cannot_register_into_another_township(self):
        self.login(self.inspector_a)
        response = self.client.post(reverse("registry:operator_create"), form_data(self.township_b))
        self.assertEqual(response.status_code, 200)
        self.assertIn("township", response.context["form"].errors)
        self.assertFalse(Operator.objects.filter(name="红星面馆").exists())

    def test_county_leader_sees_every_township(self):
        self.login(self.county_leader)
        response = self.client.get(reverse("registry:operator_list"))
        self.assertContains(response, "甲镇面馆")
        self.assertContains(response, "乙镇超市")

    def test_anonymous_is_sent_to_login(self):
        response = self.client.get(reverse("registry:operator_list"))
        self.assertRedirects(response, reverse("login") + "?next=" + reverse("registry:operator_list"))


class OperatorPermissionTests(CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.op_a = OperatorFactory(township=cls.township_a)

    def test_leader_reads_but_cannot_create_edit_or_void(self):
        self.login(self.leader_a)
        self.assertEqual(self.client.get(reverse("registry:operator_detail", args=[self.op_a.pk])).status_code, 200)
        self.assertEqual(self.client.get(reverse("registry:operator_create")).status_code, 403)
        response = self.client.post(reverse("registry:operator_create"), form_data(self.township_a))
        self.assertEqual(response.status_code, 403)
        self.assertEqual(self.client.get(reverse("registry:operator_update", args=[self.op_a.pk])).status_code, 403)
        response = self.client.post(reverse("registry:operator_void", args=[self.op_a.pk]), {"reason": "x"})
        self.assertEqual(response.status_code, 403)
        self.assertEqual(self.client.get(reverse("registry:operator_import")).status_code, 403)
        self.assertEqual(Operator.objects.count(), 1)

    def test_leader_page_has_no_edit_buttons(self):
        self.login(self.leader_a)
        response = self.client.get(reverse("registry:operator_detail", args=[self.op_a.pk]))
        self.assertNotContains(response, reverse("registry:operator_update", args=[self.op_a.pk]))
        response = self.client.get(reverse("registry:operator_list"))
        self.assertNotContains(response, reverse("registry:operator_create"))

    def test_leader_may_export(self):
        self.login(self.leader_a)
        self.assertEqual(self.client.get(reverse("registry:operator_export")).status_code, 200)


class OperatorCrudTests(CastTestCase):
    def test_inspector_registers_an_operator(self):
        self.login(self.inspector_a)
        response = self.client.post(reverse("registry:operator_create"), form_data(self.township_a))
        operator = Operator.objects.get(name="红星面馆")
        self.assertRedirects(response, operator.get_absolute_url())
        self.assertEqual(operator.township, self.township_a)
        self.assertEqual(operator.created_by, self.inspector_a)
        self.assertEqual(operator.history.get().history_user, self.inspector_a)

    def test_single_township_user_does_not_choose_a_township(self):
        self.login(self.inspector_a)
        response = self.client.get(reverse("registry:operator_create"))
        self.assertEqual(response.context["form"].fields["township"].widget.input_type, "hidden")
        data = form_data(self.township_a)
        self.client.post(reverse("registry:operator_create"), data)
        self.assertTrue(Operator.objects.filter(name="红星面馆", township=self.township_a).exists())

    def test_form_carries_one_csrf_token(self):
        self.login(self.inspector_a)
        page = self.client.get(reverse("registry:operator_create")).content.decode()
        form = page[page.index("ledger-form") :]
        form = form[: form.index("</form>")]
        self.assertEqual(form.count('name="csrfmiddlewaretoken"'), 1)

    def test_invalid_form_keeps_what_was_typed_and_says_why(self):
        self.login(self.inspector_a)
        data = form_data(self.township_a, credit_code="91330100716105852E", address="东街12号", subtype="")
        response = self.client.post(reverse("registry:operator_create"), data)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "校验位错误")
        self.assertContains(response, "须选择细类")
        self.assertContains(response, 'value="东街12号"')
        self.assertContains(response, 'value="91330100716105852E"')
        self.assertFalse(Operator.objects.exists())

    def test_village_of_another_township_is_not_offered(self):
        self.login(self.inspector_a)
        response = self.client.get(reverse("registry:operator_create"))
        villages = list(response.context["form"].fields["village"].queryset)
        self.assertEqual(villages, [self.village_a])

    def test_edit_is_recorded_in_the_audit_trail(self):
        operator = OperatorFactory(township=self.township_a, name="老名字", risk_level="B")
        self.login(self.inspector_a)
        data = form_data(self.township_a, name="新名字", risk_level="C", version=operator.version)
        response = self.client.post(reverse("registry:operator_update", args=[operator.pk]), data)
        self.assertRedirects(response, operator.get_absolute_url())
        response = self.client.get(operator.get_absolute_url())
        trail = response.context["audit_trail"]
        self.assertEqual(trail[0].who, str(self.inspector_a))
        self.assertEqual(trail[0].action, "修改")
        changes = {c.label: (c.old, c.new) for c in trail[0].changes}
        self.assertEqual(changes["名称"], ("老名字", "新名字"))
        self.assertEqual(changes["风险等级"], ("B级（一般风险）", "C级（较高风险）"))
        self.assertContains(response, "老名字")

    def test_void_keeps_the_record_and_hides_it_from_lists(self):
        operator = OperatorFactory(township=self.township_a, name="重复的店")
        self.login(self.inspector_a)
        response = self.client.post(reverse("registry:operator_void", args=[operator.pk]), {"reason": ""})
        self.assertContains(response, "这个字段是必填项")
        self.client.post(reverse("registry:operator_void", args=[operator.pk]), {"reason": "重复录入"}, follow=True)
        operator.refresh_from_db()
        self.assertTrue(operator.is_voided)
        self.assertEqual(operator.voided_by, self.inspector_a)
        self.assertNotContains(self.client.get(reverse("registry:operator_list")), "重复的店")
        self.assertContains(self.client.get(reverse("registry:operator_list"), {"voided": "1"}), "重复的店")
        detail = self.client.get(operator.get_absolute_url())
        self.assertContains(detail, "已作废")
        self.assertEqual(detail.context["audit_trail"][0].reason, "作废：重复录入")
        # A voided record is not edited any more.
        self.assertEqual(self.client.get(reverse("registry:operator_update", args=[operator.pk])).status_code, 404)

    def test_status_change_page(self):
        operator = OperatorFactory(township=self.township_a, registered_on=datetime.date(2020, 1, 1))
        self.login(self.inspector_a)
        url = reverse("registry:operator_status", args=[operator.pk])
        response = self.client.post(url, {"status": "cancelled", "day": "2022-09-01", "reason": ""})
        self.assertContains(response, "注销须填写原因")
        self.client.post(url, {"status": "cancelled", "day": "2022-09-01", "reason": "停止经营"})
        operator.refresh_from_db()
        self.assertEqual((operator.status, operator.status_date), ("cancelled", datetime.date(2022, 9, 1)))

    def test_there_is_no_delete(self):
        operator = OperatorFactory(township=self.township_a)
        self.login(self.admin)
        response = self.client.post(reverse("admin:registry_operator_delete", args=[operator.pk]), {"post": "yes"})
        self.assertEqual(response.status_code, 403)
        self.assertTrue(Operator.objects.filter(pk=operator.pk).exists())


class OperatorListTests(CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        for n in range(30):
            OperatorFactory(township=cls.township_a, village=cls.village_a, name=f"商店{n:02d}")
        OperatorFactory(
            township=cls.township_a,
            name="金穗面粉厂",
            category="producer",
            subtype="",
            credit_code=valid_credit_code(3),
        )

    def test_search_by_name_or_credit_code(self):
        self.login(self.inspector_a)
        response = self.client.get(reverse("registry:operator_list"), {"q": "金穗"})
        self.assertEqual([o.name for o in response.context["object_list"]], ["金穗面粉厂"])
        response = self.client.get(reverse("registry:operator_list"), {"q": valid_credit_code(3)})
        self.assertEqual([o.name for o in response.context["object_list"]], ["金穗面粉厂"])

    def test_filters_and_pagination_keep_the_query(self):
        self.login(self.inspector_a)
        response = self.client.get(reverse("registry:operator_list"), {"category": "retail"})
        self.assertEqual(response.context["paginator"].count, 30)
        self.assertContains(response, "category=retail&amp;page=2")

    def test_query_count_does_not_grow_with_rows(self):
        self.login(self.inspector_a)
        # session, user, 2× permissions, township ids, count, groups in the menu, the filter's village
        # choices, and one query for the 25 rows with their township and village.
        with self.assertNumQueries(9):
            self.client.get(reverse("registry:operator_list"))


def _exported_names(response):
    workbook = load_workbook(io.BytesIO(response.content))
    rows = list(workbook.active.iter_rows(min_row=3, values_only=True))
    return [row[0] for row in rows]
