"""The inspection and sample forms under random input: form errors or a valid save, never a 500."""

from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from inspections.models import Inspection, Sample
from tests.form_properties import FORM_EXAMPLES, RandomFormPosts
from tests.inspections.base import RecordingTestCase


class LedgerFormProperties(RandomFormPosts, HypothesisTestCase, RecordingTestCase):
    @settings(max_examples=FORM_EXAMPLES)
    @given(st.data())
    def test_random_inspection_form(self, data):
        self.login(self.inspector_a)
        url = reverse("inspections:inspection_create") + f"?operator={self.restaurant.pk}"
        response = self.post_random(url, data.draw, fixed={"operator": str(self.restaurant.pk)})
        if response.status_code == 302:
            inspection = Inspection.objects.latest("pk")
            self.assertEqual(inspection.operator, self.restaurant)
            self.assertGreaterEqual(inspection.officers.count() + len(inspection.other_officer_names), 1)

    @settings(max_examples=FORM_EXAMPLES)
    @given(st.data())
    def test_random_sample_form(self, data):
        self.login(self.inspector_a)
        response = self.post_random(reverse("inspections:sample_create"), data.draw)
        if response.status_code == 302:
            Sample.objects.latest("pk").full_clean()


class HugeKeyTests(RecordingTestCase):
    """Found by the property test: a key past 64 bits in a multiple choice was a 500 on SQLite."""

    def test_every_multiple_choice_refuses_a_key_no_database_holds(self):
        self.login(self.inspector_a)
        url = reverse("inspections:inspection_create") + f"?operator={self.restaurant.pk}"
        huge = "99999999999999999999"
        response = self.client.post(url, {"operator": self.restaurant.pk, "officers": [huge], "closes": [huge]})
        self.assertEqual(response.status_code, 200)
        self.assertIn("officers", response.context["form"].errors)
        self.assertIn("closes", response.context["follow_up_form"].errors)
        self.assertFalse(Inspection.objects.exists())
