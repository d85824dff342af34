"""The food-safety leading group (领导小组): kept per township or county, scoped, and named by the figures."""

import datetime

from django.urls import reverse

from registry.models import LeadingGroupMember
from registry.roles import OFFICE_HEAD
from reports import figures as catalogue
from reports.figures import Period, Scope
from tests.base import CastTestCase
from tests.factories import UserFactory

Role = LeadingGroupMember.Role


def member(township=None, county=None, **fields):
    values = {"name": "王镇长", "position": "镇长", "role": Role.LEADER, "appointed_on": datetime.date(2023, 3, 1)}
    values.update(fields)
    return LeadingGroupMember.objects.create(county=county or township.county, township=township, **values)


class LeadingGroupTests(CastTestCase):
    def test_an_inspector_registers_a_member_of_their_township_group(self):
        self.login(self.inspector_a)
        response = self.client.post(
            reverse("registry:leadinggroupmember_create"),
            {
                "township": self.township_a.pk,
                "name": "李副镇长",
                "position": "分管副镇长",
                "role": Role.DEPUTY,
                "appointed_on": "2024-01-05",
            },
        )
        created = LeadingGroupMember.objects.get(name="李副镇长")
        self.assertRedirects(response, created.get_absolute_url())
        self.assertEqual(
            (created.county, created.township, created.created_by), (self.county, self.township_a, self.inspector_a)
        )
        self.assertContains(self.client.get(reverse("registry:leadinggroupmember_list")), "李副镇长")

    def test_a_township_user_must_name_the_township(self):
        self.login(self.inspector_a)
        response = self.client.post(
            reverse("registry:leadinggroupmember_create"),
            {"township": "", "name": "某人", "position": "镇长", "role": Role.LEADER, "appointed_on": "2024-01-05"},
        )
        self.assertIn("township", response.context["form"].errors)
        self.assertFalse(LeadingGroupMember.objects.filter(name="某人").exists())

    def test_the_county_group_is_kept_and_seen_by_county_users_only(self):
        self.login(self.admin)
        self.client.post(
            reverse("registry:leadinggroupmember_create"),
            {"township": "", "name": "钱县长", "position": "县长", "role": Role.LEADER, "appointed_on": "2024-01-05"},
        )
        county_member = LeadingGroupMember.objects.get(name="钱县长")
        self.assertEqual((county_member.county, county_member.township), (self.county, None))
        township_member = member(self.township_b, name="乙镇长")
        self.login(self.inspector_a)
        self.assertEqual(self.client.get(county_member.get_absolute_url()).status_code, 404)
        self.assertEqual(self.client.get(township_member.get_absolute_url()).status_code, 404)
        self.login(self.county_leader)
        self.assertEqual(self.client.get(county_member.get_absolute_url()).status_code, 200)
        self.assertEqual(self.client.get(reverse("registry:leadinggroupmember_create")).status_code, 403)

    def test_left_on_cannot_precede_appointed_on(self):
        self.login(self.inspector_a)
        response = self.client.post(
            reverse("registry:leadinggroupmember_create"),
            {
                "township": self.township_a.pk,
                "name": "某人",
                "position": "镇长",
                "role": Role.LEADER,
                "appointed_on": "2024-01-05",
                "left_on": "2023-01-05",
            },
        )
        self.assertIn("left_on", response.context["form"].errors)

    def test_the_figure_lists_the_members_serving_at_the_period_end(self):
        member(self.township_a, name="王镇长")
        member(self.township_a, name="前任镇长", left_on=datetime.date(2025, 6, 1))
        member(self.township_a, name="李所长", position="所长", role=Role.MEMBER)
        member(self.township_a, name="张副镇长", position="副镇长", role=Role.DEPUTY)
        member(county=self.county, name="钱县长", position="县长")
        member(self.township_a, name="作废者").void(by=self.inspector_a, reason="录入错误")
        year = Period.year(2025)
        rows = catalogue.values(Scope.township(self.township_a), year, ["leading_group"])["leading_group"].rows
        self.assertEqual(
            [(r["role"], r["name"]) for r in rows], [("组长", "王镇长"), ("副组长", "张副镇长"), ("成员", "李所长")]
        )
        rows = catalogue.values(Scope.county(self.county), year, ["leading_group"])["leading_group"].rows
        self.assertEqual([r["name"] for r in rows], ["钱县长"])
        earlier = catalogue.values(Scope.township(self.township_a), Period.year(2024), ["leading_group"])
        self.assertIn("前任镇长", [r["name"] for r in earlier["leading_group"].rows])

    def test_the_office_head_role_is_an_inspector_who_finalises(self):
        head = UserFactory(townships=[self.township_a], role=OFFICE_HEAD)
        self.assertTrue(head.has_perm("reports.finalise_report"))
        self.assertTrue(head.has_perm("inspections.add_inspection"))
        self.assertFalse(head.has_perm("registry.change_township"))
        self.assertFalse(self.inspector_a.has_perm("reports.finalise_report"))
        self.assertFalse(self.leader_a.has_perm("reports.finalise_report"))
        self.assertTrue(self.admin.has_perm("reports.finalise_report"))
