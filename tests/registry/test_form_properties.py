"""The operator form under random input: form errors or a valid save, never a 500 (issue 12, item 5)."""

from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from registry.models import Operator
from tests.base import CastTestCase
from tests.form_properties import FORM_EXAMPLES, RandomFormPosts


class OperatorFormProperties(RandomFormPosts, HypothesisTestCase, CastTestCase):
    @settings(max_examples=FORM_EXAMPLES)
    @given(st.data())
    def test_random_operator_form(self, data):
        self.login(self.inspector_a)
        response = self.post_random(reverse("registry:operator_create"), data.draw)
        if response.status_code == 302:
            operator = Operator.objects.latest("pk")
            operator.full_clean()
            self.assertEqual(operator.township, self.township_a)
