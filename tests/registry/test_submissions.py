"""Double submission: a create form posted twice (double tap, 后退 then 保存) saves once."""

import re
import threading
import uuid

import pytest
from django.contrib.messages import get_messages
from django.db import connection, connections
from django.test import Client, TransactionTestCase
from django.urls import reverse

from inspections.models import Inspection, InspectionDocument, RapidTest
from registry.ledgers.submissions import SubmissionToken
from registry.models import Operator
from tests.base import CastTestCase
from tests.factories import CountyFactory, OperatorFactory, TownshipFactory, inspector
from tests.inspections.base import InspectionFormTestCase
from tests.inspections.factories import RapidTestItemFactory
from tests.inspections.test_rapid_tests import batch
from tests.registry.test_operator_views import form_data


def drawn_token(response):
    match = re.search(r'name="submission_token" value="([0-9a-f]{32})"', response.content.decode())
    assert match, "the form carries no one-time token"
    return match.group(1)


class CreateFormTokenTests(CastTestCase):
    def test_every_create_page_draws_a_new_token(self):
        self.login(self.inspector_a)
        url = reverse("registry:operator_create")
        self.assertNotEqual(drawn_token(self.client.get(url)), drawn_token(self.client.get(url)))

    def test_the_same_form_posted_twice_saves_one_record_and_shows_the_first(self):
        self.login(self.inspector_a)
        url = reverse("registry:operator_create")
        data = form_data(self.township_a, submission_token=drawn_token(self.client.get(url)))
        first = self.client.post(url, data)
        operator = Operator.objects.get()
        self.assertRedirects(first, operator.get_absolute_url())
        second = self.client.post(url, data)
        self.assertRedirects(second, operator.get_absolute_url())
        self.assertEqual(Operator.objects.count(), 1)
        self.assertIn("这张表单已经保存过，没有重复登记", [str(m) for m in get_messages(second.wsgi_request)][-1])

    def test_a_form_with_errors_keeps_its_token_for_the_corrected_post(self):
        self.login(self.inspector_a)
        url = reverse("registry:operator_create")
        token = drawn_token(self.client.get(url))
        response = self.client.post(url, form_data(self.township_a, name="", submission_token=token))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(drawn_token(response), token)
        self.assertFalse(SubmissionToken.objects.exists())
        response = self.client.post(url, form_data(self.township_a, submission_token=token))
        self.assertRedirects(response, Operator.objects.get().get_absolute_url())

    def test_another_users_token_shows_nothing_of_theirs(self):
        self.login(self.inspector_a)
        url = reverse("registry:operator_create")
        data = form_data(self.township_a, submission_token=uuid.uuid4().hex)
        self.client.post(url, data)
        self.login(inspector(self.township_a, username="other"))
        self.assertEqual(self.client.post(url, {**data, "name": "另一家"}).status_code, 403)
        self.assertEqual(Operator.objects.count(), 1)


class InspectionDoubleSubmitTests(InspectionFormTestCase):
    def test_a_double_tap_on_save_records_one_inspection_with_one_set_of_numbers(self):
        self.login(self.inspector_a)
        page = self.client.get(reverse("inspections:inspection_create"), {"operator": self.restaurant.pk})
        key = next(i for i in self.items if i.is_key)
        data = self.post_data(failed=[key], correction_order="on", submission_token=drawn_token(page))
        first, second = self.create(data), self.create(data)
        inspection = Inspection.objects.get()
        self.assertRedirects(first, inspection.get_absolute_url())
        self.assertRedirects(second, inspection.get_absolute_url())
        self.assertEqual(InspectionDocument.objects.filter(kind="correction_order").count(), 1)


class RapidTestBatchDoubleSubmitTests(CastTestCase):
    def test_a_batch_posted_twice_is_saved_once(self):
        market = OperatorFactory(township=self.township_a, category="market", subtype="farmers_market")
        item = RapidTestItemFactory(name="农残")
        rows = [{"vendor": f"{n}号摊位", "sample_name": "小白菜", "item": item.pk} for n in (1, 2, 3)]
        self.login(self.inspector_a)
        page = self.client.get(reverse("inspections:rapidtest_batch"))
        data = {**batch({"operator": market.pk}, rows), "submission_token": drawn_token(page)}
        first = self.client.post(reverse("inspections:rapidtest_batch"), data)
        second = self.client.post(reverse("inspections:rapidtest_batch"), data)
        self.assertEqual(second["Location"], first["Location"])
        self.assertEqual(RapidTest.objects.count(), 3)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="two requests in two transactions at once")
class ConcurrentDoubleSubmitTests(TransactionTestCase):
    serialized_rollback = True

    def test_two_posts_of_one_form_at_the_same_moment_save_one_record(self):
        township = TownshipFactory(county=CountyFactory())
        user = inspector(township, username="tapper")
        data = form_data(township, submission_token=uuid.uuid4().hex)
        barrier = threading.Barrier(2)
        statuses = []

        def post():
            try:
                client = Client()
                client.force_login(user)
                barrier.wait()
                statuses.append(client.post(reverse("registry:operator_create"), data).status_code)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=post) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual(statuses, [302, 302])
        self.assertEqual(Operator.objects.count(), 1)
