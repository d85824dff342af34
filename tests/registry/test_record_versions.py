"""No lost updates: a version on every editable record, a stale save refused with what changed."""

import threading

import pytest
from django.db import connection, connections
from django.test import TransactionTestCase
from django.urls import reverse

from inspections.models import Inspection
from registry.ledgers.records import StaleRecordError
from registry.models import Operator, Village
from tests.base import CastTestCase
from tests.factories import CountyFactory, OperatorFactory, TownshipFactory, inspector
from tests.inspections.factories import InspectionFactory
from tests.registry.test_operator_views import form_data


class VersionTests(CastTestCase):
    def test_every_save_of_a_record_increments_its_version(self):
        operator = OperatorFactory(township=self.township_a)
        self.assertEqual(operator.version, 1)
        operator.name = "改名"
        operator.save()
        self.assertEqual(operator.version, 2)
        operator.refresh_from_db()
        self.assertEqual(operator.version, 2)

    def test_a_stale_copy_saved_from_a_form_loses_and_changes_nothing(self):
        operator = OperatorFactory(township=self.township_a, name="原名")
        mine, theirs = Operator.objects.get(pk=operator.pk), Operator.objects.get(pk=operator.pk)
        theirs.name, theirs.expected_version = "他们的名字", 1
        theirs.save()
        mine.name, mine.expected_version = "我的名字", 1
        with self.assertRaises(StaleRecordError):
            mine.save()
        operator.refresh_from_db()
        self.assertEqual((operator.name, operator.version), ("他们的名字", 2))

    def test_a_save_without_a_form_increments_the_stored_version_not_the_copy(self):
        operator = OperatorFactory(township=self.township_a)
        stale = Operator.objects.get(pk=operator.pk)
        Operator.objects.get(pk=operator.pk).save()  # version 2
        stale.save()
        self.assertEqual(stale.version, 3)


class StaleEditPageTests(CastTestCase):
    """Two people open the same edit page; the second 保存 is refused and keeps what was typed."""

    def test_the_edit_form_carries_the_version(self):
        operator = OperatorFactory(township=self.township_a)
        self.login(self.inspector_a)
        response = self.client.get(reverse("registry:operator_update", args=[operator.pk]))
        self.assertContains(response, '<input type="hidden" name="version" value="1"', html=False)

    def test_the_second_save_of_the_same_version_is_refused_with_what_changed(self):
        operator = OperatorFactory(township=self.township_a, name="老名字", risk_level="B", address="东街1号")
        colleague = inspector(self.township_a, username="colleague", name="王红")
        url = reverse("registry:operator_update", args=[operator.pk])
        self.client.force_login(colleague)
        response = self.client.post(
            url, form_data(self.township_a, name="王红改的名字", risk_level="C", address="东街1号", version=1)
        )
        self.assertRedirects(response, operator.get_absolute_url())

        self.login(self.inspector_a)
        mine = form_data(self.township_a, name="我改的名字", address="西街9号", version=1)
        response = self.client.post(url, mine)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "保存未执行")
        self.assertContains(response, "已被王红于")
        self.assertContains(response, "名称：您打开时为“老名字”，现为“王红改的名字”")
        self.assertContains(response, "风险等级：您打开时为“B级（一般风险）”，现为“C级（较高风险）”")
        # What the user typed is still in the form, now at the current version.
        self.assertContains(response, 'value="我改的名字"')
        self.assertContains(response, 'value="西街9号"')
        self.assertContains(response, '<input type="hidden" name="version" value="2"', html=False)
        operator.refresh_from_db()
        self.assertEqual((operator.name, operator.address, operator.version), ("王红改的名字", "东街1号", 2))

        # Having seen the other change, a second 保存 is deliberate and goes through.
        response = self.client.post(url, {**mine, "version": 2})
        self.assertRedirects(response, operator.get_absolute_url())
        operator.refresh_from_db()
        self.assertEqual((operator.name, operator.version), ("我改的名字", 3))

    def test_a_post_without_a_version_is_not_saved_over_the_record(self):
        operator = OperatorFactory(township=self.township_a, name="老名字")
        self.login(self.inspector_a)
        url = reverse("registry:operator_update", args=[operator.pk])
        for version in (None, "abc", "99999999999999999999999"):
            data = form_data(self.township_a, name="新名字")
            if version is not None:
                data["version"] = version
            response = self.client.post(url, data)
            self.assertContains(response, "保存未执行")
        operator.refresh_from_db()
        self.assertEqual(operator.name, "老名字")

    def test_a_ledger_edit_page_is_versioned_too(self):
        operator = OperatorFactory(township=self.township_a)
        inspection = InspectionFactory(operator=operator, findings="原来的问题", other_officers="张县局、李县局")
        url = reverse("inspections:inspection_update", args=[inspection.pk])
        self.login(self.inspector_a)
        self.client.post(url, {"findings": "先保存的问题", "other_officers": "张县局、李县局", "version": 1})
        response = self.client.post(url, {"findings": "后保存的问题", "other_officers": "张县局、李县局", "version": 1})
        self.assertContains(response, "发现的问题：您打开时为“原来的问题”，现为“先保存的问题”")
        self.assertContains(response, "后保存的问题")
        self.assertEqual(Inspection.objects.get(pk=inspection.pk).findings, "先保存的问题")

    def test_villages_are_versioned(self):
        village = Village.objects.get(pk=self.village_a.pk)
        self.login(self.admin)
        url = reverse("registry:village_update", args=[village.pk])
        data = {"township": self.township_a.pk, "name": "甲一村", "population": 1200, "version": 1}
        self.assertEqual(self.client.post(url, data).status_code, 302)
        response = self.client.post(url, {**data, "population": 900})
        self.assertContains(response, "户籍人口：您打开时为“")
        self.assertEqual(Village.objects.get(pk=village.pk).population, 1200)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks of concurrent transactions")
class ConcurrentSaveTests(TransactionTestCase):
    """Two saves of the same version in two connections at once: exactly one wins."""

    # Starts from (and leaves) the rows the migrations seed, like every transactional test here.
    serialized_rollback = True

    def test_only_one_of_two_concurrent_saves_wins(self):
        township = TownshipFactory(county=CountyFactory())
        operator = OperatorFactory(township=township, name="原名")
        barrier = threading.Barrier(2)
        outcomes = []

        def save(name):
            try:
                record = Operator.objects.get(pk=operator.pk)
                barrier.wait()
                record.name, record.expected_version = name, 1
                record.save()
                outcomes.append(name)
            except StaleRecordError:
                outcomes.append("stale")
            finally:
                connections.close_all()

        threads = [threading.Thread(target=save, args=(name,)) for name in ("甲", "乙")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual((len(outcomes), outcomes.count("stale")), (2, 1))
        operator.refresh_from_db()
        self.assertEqual(operator.version, 2)
        self.assertIn(operator.name, {"甲", "乙"})
