"""The shared cast of every view test: two townships of one county and a user of each role.

inspector_a works in township A, inspector_b in B; leader_a reads A; county_leader reads both;
admin administers the county. Every view test can then check who may and who may not.
"""

from django.test import TestCase

from registry.roles import ADMIN, LEADER
from tests.factories import CountyFactory, TownshipFactory, UserFactory, VillageFactory, inspector, leader


class CastTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.county = CountyFactory()
        cls.township_a = TownshipFactory(county=cls.county, code="town-a", name="甲镇")
        cls.township_b = TownshipFactory(county=cls.county, code="town-b", name="乙镇")
        cls.village_a = VillageFactory(township=cls.township_a, name="甲一村")
        cls.village_b = VillageFactory(township=cls.township_b, name="乙一村")
        cls.inspector_a = inspector(cls.township_a, username="inspector_a")
        cls.inspector_b = inspector(cls.township_b, username="inspector_b")
        cls.leader_a = leader(cls.township_a, username="leader_a")
        cls.county_leader = UserFactory(username="county_leader", county=cls.county, role=LEADER)
        cls.admin = UserFactory(username="admin_user", county=cls.county, role=ADMIN, is_staff=True)

    def login(self, user):
        self.client.force_login(user)
