import datetime

from django.urls import reverse

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
