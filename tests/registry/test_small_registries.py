import datetime
import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from registry.models import FoodTruck, MobileChef, VillageCoordinator, WholesaleVehicle
from registry.sheets import FoodTruckSheet, MobileChefSheet, VillageCoordinatorSheet, WholesaleVehicleSheet
from tests.base import CastTestCase
from tests.factories import (
    FoodTruckFactory,
    MobileChefFactory,
    OperatorFactory,
    VillageCoordinatorFactory,
    WholesaleVehicleFactory,
)


class SmallRegistryAccessTests(CastTestCase):
    """Chefs, trucks, vehicles and coordinators obey the same scoping and roles as operators."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.records = {
            "mobilechef": (MobileChefFactory(township=cls.township_a), MobileChefFactory(township=cls.township_b)),
            "foodtruck": (FoodTruckFactory(township=cls.township_a), FoodTruckFactory(township=cls.township_b)),
            "wholesalevehicle": (
                WholesaleVehicleFactory(township=cls.township_a),
                WholesaleVehicleFactory(township=cls.township_b),
            ),
            "villagecoordinator": (
                VillageCoordinatorFactory(village=cls.village_a),
                VillageCoordinatorFactory(village=cls.village_b),
            ),
        }

    def test_inspector_sees_own_and_gets_404_for_others(self):
        self.login(self.inspector_a)
        for name, (own, other) in self.records.items():
            with self.subTest(name):
                listing = self.client.get(reverse(f"registry:{name}_list"))
                self.assertEqual(list(listing.context["object_list"]), [own])
                self.assertEqual(self.client.get(reverse(f"registry:{name}_detail", args=[own.pk])).status_code, 200)
                for role in ("detail", "update", "void"):
                    url = reverse(f"registry:{name}_{role}", args=[other.pk])
                    self.assertEqual(self.client.get(url).status_code, 404)

    def test_lists_and_detail_pages_cost_the_same_queries_however_many_rows(self):
        """Guards against N+1 (bench/ measures the time at county scale)."""
        self.login(self.inspector_a)
        makers = {
            "mobilechef": lambda: MobileChefFactory(township=self.township_a),
            "foodtruck": lambda: FoodTruckFactory(township=self.township_a),
            "wholesalevehicle": lambda: WholesaleVehicleFactory(
                township=self.township_a, operator=OperatorFactory(township=self.township_a)
            ),
            "villagecoordinator": lambda: VillageCoordinatorFactory(village=self.village_a),
        }
        for name, (own, _) in self.records.items():
            with self.subTest(name):
                list_url = reverse(f"registry:{name}_list")
                detail_url = reverse(f"registry:{name}_detail", args=[own.pk])
                before = [self.queries(list_url), self.queries(detail_url)]
                makers[name]()
                makers[name]()
                for n in range(3):  # a longer audit trail, by different users
                    own.notes = f"第{n}次修改" if hasattr(own, "notes") else ""
                    own._history_user = self.inspector_a if n % 2 else self.leader_a
                    own.save()
                self.assertEqual([self.queries(list_url), self.queries(detail_url)], before)

    def queries(self, url):
        with CaptureQueriesContext(connection) as queries:
            self.assertEqual(self.client.get(url).status_code, 200)
        return len(queries)

    def test_leader_cannot_create(self):
        self.login(self.leader_a)
        for name in self.records:
            with self.subTest(name):
                self.assertEqual(self.client.get(reverse(f"registry:{name}_create")).status_code, 403)

    def test_detail_pages_show_fields_and_audit_trail(self):
        self.login(self.inspector_a)
        chef = self.records["mobilechef"][0]
        response = self.client.get(reverse("registry:mobilechef_detail", args=[chef.pk]))
        self.assertContains(response, "健康证有效期至")
        self.assertContains(response, "修改记录")


class SmallRegistryFormTests(CastTestCase):
    def test_register_a_chef_with_a_bad_id_number(self):
        self.login(self.inspector_a)
        data = {
            "township": self.township_a.pk,
            "name": "李师傅",
            "id_number": "110105194912310021",
            "registered_on": "2022-01-01",
        }
        response = self.client.post(reverse("registry:mobilechef_create"), data)
        self.assertContains(response, "身份证号校验位错误")
        data["id_number"] = "11010519491231002X"
        self.client.post(reverse("registry:mobilechef_create"), data)
        self.assertEqual(MobileChef.objects.get().created_by, self.inspector_a)

    def test_vehicle_offers_only_own_wholesalers(self):
        own = OperatorFactory(township=self.township_a, category="wholesale", subtype="")
        OperatorFactory(township=self.township_a, category="retail", subtype="grocery")
        OperatorFactory(township=self.township_b, category="wholesale", subtype="")
        self.login(self.inspector_a)
        response = self.client.get(reverse("registry:wholesalevehicle_create"))
        self.assertEqual(list(response.context["form"].fields["operator"].queryset), [own])

    def test_coordinator_leaving_before_appointment_is_refused(self):
        self.login(self.inspector_a)
        data = {
            "village": self.village_a.pk,
            "name": "赵六",
            "role": "coordinator",
            "appointed_on": "2022-05-01",
            "left_on": "2022-01-01",
        }
        response = self.client.post(reverse("registry:villagecoordinator_create"), data)
        self.assertContains(response, "离任日期不能早于聘任日期")
        self.assertFalse(VillageCoordinator.objects.exists())

    def test_truck_cancel_through_status_page(self):
        truck = FoodTruckFactory(township=self.township_a)
        self.login(self.inspector_a)
        self.client.post(
            reverse("registry:foodtruck_status", args=[truck.pk]),
            {"status": "cancelled", "day": "2023-01-01", "reason": "车辆报废"},
        )
        truck.refresh_from_db()
        self.assertTrue(truck.is_cancelled)
        self.assertNotIn(truck, FoodTruck.objects.active_on(datetime.date(2023, 1, 1)))


class SmallRegistryExcelTests(CastTestCase):
    def test_each_registry_round_trips_through_excel(self):
        wholesaler = OperatorFactory(township=self.township_a, category="wholesale", subtype="", name="甲批发部")
        MobileChefFactory(
            township=self.township_a,
            village=self.village_a,
            id_number="11010519491231002X",
            health_certificate_expires_on=datetime.date(2027, 1, 1),
        )
        FoodTruckFactory(township=self.township_a, gps_installed=True)
        WholesaleVehicleFactory(township=self.township_a, operator=wholesaler, vehicle_type="冷藏车")
        VillageCoordinatorFactory(
            village=self.village_a, role="informant", phone="13912345678", left_on=datetime.date(2025, 6, 30)
        )
        self.login(self.inspector_a)
        for model, sheet_class in (
            (MobileChef, MobileChefSheet),
            (FoodTruck, FoodTruckSheet),
            (WholesaleVehicle, WholesaleVehicleSheet),
            (VillageCoordinator, VillageCoordinatorSheet),
        ):
            with self.subTest(model.__name__):
                name = model._meta.model_name
                response = self.client.get(reverse(f"registry:{name}_export"))
                self.assertEqual(len(list(load_workbook(io.BytesIO(response.content)).active.iter_rows(min_row=3))), 1)
                result = sheet_class(township=self.township_a).read(io.BytesIO(response.content))
                self.assertEqual(result.errors, [])
                sheet_class(township=self.township_a).save(result)
                first, second = model.objects.order_by("pk")
                for column in sheet_class.columns:
                    self.assertEqual(
                        sheet_class(township=None).value_of(first, column),
                        sheet_class(township=None).value_of(second, column),
                        column.header,
                    )

    def test_vehicle_of_unknown_wholesaler(self):
        self.login(self.inspector_a)
        template = self.client.get(reverse("registry:wholesalevehicle_template")).content
        workbook = load_workbook(io.BytesIO(template))
        sheet = workbook.active
        sheet.append(["甘G·12345", "不存在的批发部", "", "", "", "2022-01-01"])
        buffer = io.BytesIO()
        workbook.save(buffer)
        buffer.seek(0)
        result = WholesaleVehicleSheet(township=self.township_a).read(buffer)
        self.assertEqual(
            [str(e) for e in result.errors], ["第3行，“所属批发企业”列：“不存在的批发部”不是本乡镇已登记的批发企业"]
        )


class VillageTests(CastTestCase):
    def test_villages_are_listed_for_inspectors_and_edited_by_admins(self):
        self.login(self.inspector_a)
        response = self.client.get(reverse("registry:village_list"))
        self.assertEqual(list(response.context["object_list"]), [self.village_a])
        self.assertEqual(self.client.get(reverse("registry:village_create")).status_code, 403)
        self.login(self.admin)
        response = self.client.post(
            reverse("registry:village_create"), {"township": self.township_a.pk, "name": "甲二村", "population": 1200}
        )
        self.assertRedirects(response, reverse("registry:village_list"))
        self.assertEqual(self.township_a.population, self.village_a.population + 1200)
