import datetime

from django.urls import reverse
from django.utils import timezone

from tests.base import CastTestCase
from tests.factories import OperatorFactory
from tests.inspections.factories import RectificationFactory


class HomeTests(CastTestCase):
    def test_home_counts_the_users_jurisdiction_and_what_needs_doing(self):
        today = timezone.localdate()
        shop = OperatorFactory(
            township=self.township_a, category="producer", subtype="", registered_on=today - datetime.timedelta(days=40)
        )
        OperatorFactory(township=self.township_b, category="producer", subtype="")
        RectificationFactory(
            operator=shop, opened_on=today - datetime.timedelta(days=30), deadline=today - datetime.timedelta(days=1)
        )
        RectificationFactory(operator=shop, opened_on=today, deadline=today + datetime.timedelta(days=9))
        self.login(self.inspector_a)
        response = self.client.get(reverse("home"))
        values = {value.key: value.total for value in response.context["figures"]}
        self.assertEqual((values["operators_total"], values["producers"]), (1, 1))
        self.assertEqual(response.context["attention"]["overdue_rectifications"], 1)
        self.assertEqual(response.context["attention"]["open_rectifications"], 2)
        self.assertEqual(
            response.context["attention"]["overdue_inspections"], 1
        )  # registered 40 days ago, never visited
        self.login(self.county_leader)  # the county's dashboard
        values = {card.key: card.value.total for card in self.client.get(reverse("home")).context["cards"]}
        self.assertEqual(values["operators_total"], 2)
