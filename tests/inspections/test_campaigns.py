import datetime

from django.urls import reverse

from inspections.models import Campaign, Inspection
from registry.roles import INSPECTOR
from tests.factories import UserFactory
from tests.inspections.base import InspectionFormTestCase
from tests.inspections.factories import CampaignFactory, InspectionFactory


class CampaignTests(InspectionFormTestCase):
    def test_campaign_page_counts_its_inspections(self):
        campaign = CampaignFactory(county=self.county, name="春节专项")
        InspectionFactory(operator=self.restaurant, kind="special", campaign=campaign, result="fail")
        InspectionFactory(operator=self.restaurant, kind="special", campaign=campaign)
        InspectionFactory(operator=self.operator_b, kind="special", campaign=campaign)
        InspectionFactory(operator=self.restaurant)
        self.login(self.inspector_a)
        response = self.client.get(campaign.get_absolute_url())
        summary = response.context["summary"]
        # Township A's inspector counts township A's part of a county-wide campaign.
        self.assertEqual((summary["total"], summary["operators"], summary["failed"]), (2, 1, 1))

    def test_township_campaigns_are_scoped(self):
        own = CampaignFactory(county=self.county, township=self.township_a)
        other = CampaignFactory(county=self.county, township=self.township_b)
        county_wide = CampaignFactory(county=self.county)
        self.login(self.inspector_a)
        listing = self.client.get(reverse("inspections:campaign_list"))
        self.assertEqual(set(listing.context["object_list"]), {own, county_wide})
        self.assertEqual(self.client.get(other.get_absolute_url()).status_code, 404)

    def test_special_inspection_needs_a_running_campaign(self):
        self.login(self.inspector_a)
        response = self.create(self.post_data(kind="special"))
        self.assertContains(response, "专项检查须选择所属的专项整治")
        old = CampaignFactory(
            county=self.county, start_date=datetime.date(2020, 1, 1), end_date=datetime.date(2020, 2, 1)
        )
        response = self.create(self.post_data(kind="special", campaign=old.pk))
        self.assertContains(response, "检查日期不在该专项整治的时间范围内")


class CountyWideCampaignScopeTests(InspectionFormTestCase):
    """A county-wide campaign (no township): every township reads it, only county users write it."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.county_inspector = UserFactory(username="county_inspector", county=cls.county, role=INSPECTOR)
        cls.county_wide = CampaignFactory(county=cls.county, name="全县春节专项")
        cls.own = CampaignFactory(county=cls.county, township=cls.township_a, name="甲镇校园专项")
        cls.their_inspection = InspectionFactory(operator=cls.operator_b, kind="special", campaign=cls.county_wide)

    def edit_data(self, campaign, **extra):
        data = {
            "name": campaign.name,
            "theme": campaign.theme,
            "township": self.township_a.pk,
            "start_date": campaign.start_date.isoformat(),
            "end_date": campaign.end_date.isoformat(),
            "description": "",
            "version": campaign.version,
        }
        data.update(extra)
        return data

    def test_a_township_inspector_reads_it_and_attaches_an_inspection(self):
        self.login(self.inspector_a)
        page = self.client.get(self.county_wide.get_absolute_url())
        self.assertEqual(page.status_code, 200)
        # The page offers no edit or void to a reader who may not write it.
        self.assertNotContains(page, reverse("inspections:campaign_update", args=[self.county_wide.pk]))
        self.assertNotContains(page, reverse("inspections:campaign_void", args=[self.county_wide.pk]))
        self.create(self.post_data(kind="special", campaign=self.county_wide.pk))
        self.assertTrue(Inspection.objects.filter(campaign=self.county_wide, operator=self.restaurant).exists())

    def test_a_township_inspector_cannot_edit_take_over_or_void_it(self):
        self.login(self.inspector_a)
        update = reverse("inspections:campaign_update", args=[self.county_wide.pk])
        void = reverse("inspections:campaign_void", args=[self.county_wide.pk])
        self.assertEqual(self.client.get(update).status_code, 403)
        self.assertEqual(self.client.get(void).status_code, 403)
        # Taking it over: posting the own township would move the other township's inspections.
        self.assertEqual(self.client.post(update, self.edit_data(self.county_wide)).status_code, 403)
        self.assertEqual(self.client.post(void, {"reason": "重复"}).status_code, 403)
        self.county_wide.refresh_from_db()
        self.assertIsNone(self.county_wide.township_id)
        self.assertFalse(self.county_wide.is_voided)

    def test_a_township_inspector_still_writes_the_own_township_campaign(self):
        self.login(self.inspector_a)
        update = reverse("inspections:campaign_update", args=[self.own.pk])
        response = self.client.post(update, self.edit_data(self.own, name="甲镇校园周边专项"))
        self.assertEqual(response.status_code, 302)
        self.own.refresh_from_db()
        self.assertEqual(self.own.name, "甲镇校园周边专项")

    def test_a_county_user_writes_it(self):
        self.login(self.county_inspector)
        page = self.client.get(self.county_wide.get_absolute_url())
        self.assertContains(page, reverse("inspections:campaign_update", args=[self.county_wide.pk]))
        update = reverse("inspections:campaign_update", args=[self.county_wide.pk])
        response = self.client.post(update, self.edit_data(self.county_wide, township="", name="全县节日专项"))
        self.assertEqual(response.status_code, 302)
        self.county_wide.refresh_from_db()
        self.assertEqual((self.county_wide.name, self.county_wide.township_id), ("全县节日专项", None))
        void = reverse("inspections:campaign_void", args=[self.county_wide.pk])
        self.assertEqual(self.client.post(void, {"reason": "重复录入"}).status_code, 302)
        self.county_wide.refresh_from_db()
        self.assertTrue(self.county_wide.is_voided)

    def test_the_write_scope_agrees_with_the_model(self):
        campaigns = [self.county_wide, self.own]
        for user in (self.inspector_a, self.inspector_b, self.county_inspector):
            writable = set(Campaign.objects.for_writer(user))
            for campaign in campaigns:
                with self.subTest(user=user.username, campaign=campaign.name):
                    self.assertEqual(campaign in writable, campaign.writable_by(user))
        self.assertEqual(set(Campaign.objects.for_writer(self.inspector_a)), {self.own})
        self.assertEqual(set(Campaign.objects.for_user(self.inspector_a)), {self.own, self.county_wide})
