import datetime

from django.core.exceptions import ValidationError
from django.test import TestCase

from registry.models import Operator
from tests.factories import OperatorFactory, TownshipFactory, UserFactory, VillageFactory

Category, Subtype, Status = Operator.Category, Operator.Subtype, Operator.Status


class OperatorValidationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.township = TownshipFactory()
        cls.other_township = TownshipFactory()

    def build(self, **fields):
        values = {
            "township": self.township,
            "name": "某某食杂店",
            "category": Category.RETAIL,
            "subtype": Subtype.GROCERY,
            "registered_on": datetime.date(2022, 1, 1),
        }
        values.update(fields)
        return Operator(**values)

    def errors_of(self, operator):
        with self.assertRaises(ValidationError) as caught:
            operator.full_clean()
        return caught.exception.message_dict

    def test_a_valid_operator_passes(self):
        self.build(credit_code="91330100716105852F").full_clean()

    def test_subtype_must_belong_to_the_category(self):
        errors = self.errors_of(self.build(category=Category.CATERING, subtype=Subtype.GROCERY))
        self.assertIn("须选择细类", errors["subtype"][0])
        self.assertIn("大型餐饮", errors["subtype"][0])

    def test_category_without_subtypes_takes_none(self):
        self.build(category=Category.PRODUCER, subtype="").full_clean()
        errors = self.errors_of(self.build(category=Category.PRODUCER, subtype=Subtype.LARGE))
        self.assertIn("没有细类", errors["subtype"][0])

    def test_bad_credit_code_is_refused(self):
        errors = self.errors_of(self.build(credit_code="91330100716105852E"))
        self.assertIn("校验位错误", errors["credit_code"][0])

    def test_village_must_be_in_the_township(self):
        errors = self.errors_of(self.build(village=VillageFactory(township=self.other_township)))
        self.assertEqual(errors["village"], ["所属村不在所选乡镇内。"])

    def test_licence_number_is_unique_among_valid_operators(self):
        first = OperatorFactory(township=self.township, licence_no="JY1000")
        errors = self.errors_of(self.build(licence_no="JY1000"))
        self.assertEqual(errors["licence_no"], ["该许可/登记证编号已被其他经营者使用。"])
        # A voided entry does not hold its number: it was entered in error.
        first.void(by=UserFactory(), reason="重复录入")
        self.build(licence_no="JY1000").full_clean()

    def test_cancelled_needs_a_date_not_before_registration(self):
        errors = self.errors_of(self.build(status=Status.CANCELLED))
        self.assertIn("注销须填写注销日期", errors["status_date"][0])
        errors = self.errors_of(self.build(status=Status.CANCELLED, status_date=datetime.date(2021, 1, 1)))
        self.assertIn("不能早于登记日期", errors["status_date"][0])

    def test_dates_must_be_in_order(self):
        errors = self.errors_of(
            self.build(licence_issued_on=datetime.date(2022, 1, 1), licence_expires_on=datetime.date(2021, 1, 1))
        )
        self.assertIn("licence_expires_on", errors)
        errors = self.errors_of(self.build(insurance_start=datetime.date(2022, 1, 1)))
        self.assertIn("同时填写", errors["insurance_end"][0])

    def test_only_markets_have_rapid_test_rooms_and_stalls(self):
        errors = self.errors_of(self.build(rapid_test_room=True))
        self.assertIn("rapid_test_room", errors)
        not_a_market = OperatorFactory(township=self.township)
        errors = self.errors_of(self.build(market=not_a_market))
        self.assertIn("market", errors)


class ActiveOnTests(TestCase):
    """Active at D: registered on or before D and not cancelled on or before D (figures.md §7)."""

    def test_registration_cancellation_and_voiding(self):
        township = TownshipFactory()
        d = datetime.date
        registered_late = OperatorFactory(township=township, registered_on=d(2023, 1, 1))
        cancelled = OperatorFactory(township=township, status=Status.CANCELLED, status_date=d(2022, 6, 30))
        suspended = OperatorFactory(township=township, status=Status.SUSPENDED, status_date=d(2022, 3, 1))
        voided = OperatorFactory(township=township)
        voided.void(by=UserFactory(), reason="录入错误")

        def active(day):
            return set(Operator.objects.active_on(day))

        self.assertEqual(active(d(2022, 6, 29)), {cancelled, suspended})
        self.assertEqual(active(d(2022, 6, 30)), {suspended})
        self.assertEqual(active(d(2023, 1, 1)), {suspended, registered_late})


class StatusChangeTests(TestCase):
    def test_status_change_is_recorded_with_its_reason(self):
        operator = OperatorFactory()
        operator.change_status(status=Status.SUSPENDED, day=datetime.date(2022, 5, 1), reason="装修")
        operator.change_status(status=Status.CANCELLED, day=datetime.date(2022, 9, 1), reason="经营者申请注销")
        self.assertEqual(operator.history.first().history_change_reason, "状态变更为注销：经营者申请注销")
        with self.assertRaisesMessage(ValidationError, "已注销"):
            operator.change_status(status=Status.OPEN, day=datetime.date(2022, 10, 1), reason="")
