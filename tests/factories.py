"""Test factories: each makes only what a test needs, with valid identifiers."""

import datetime
import itertools

import factory
from django.contrib.auth.models import Group

from registry.models import (
    County,
    FoodTruck,
    MobileChef,
    Operator,
    Township,
    User,
    Village,
    VillageCoordinator,
    WholesaleVehicle,
)
from registry.roles import INSPECTOR, LEADER
from registry.validators import credit_code_check_digit

_serial = itertools.count(1)


def valid_credit_code(n=None):
    body = f"92620799MA{(n if n is not None else next(_serial)):07d}"
    return body + credit_code_check_digit(body)


class CountyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = County
        django_get_or_create = ("code",)

    code = "qingshan"
    name = "青山县"


class TownshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Township

    county = factory.SubFactory(CountyFactory)
    code = factory.Sequence(lambda n: f"town{n}")
    name = factory.Sequence(lambda n: f"第{n}镇")


class VillageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Village

    township = factory.SubFactory(TownshipFactory)
    name = factory.Sequence(lambda n: f"村{n}")
    population = 1000


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    name = factory.Sequence(lambda n: f"用户{n}")
    password = factory.PostGenerationMethodCall("set_password", "pw-for-tests-123")

    @factory.post_generation
    def townships(self, create, extracted, **kwargs):
        if extracted:
            self.townships.set(extracted)

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if extracted:
            self.groups.add(Group.objects.get(name=extracted))
        self.save()


def inspector(*townships, **kwargs):
    return UserFactory(townships=townships, role=INSPECTOR, **kwargs)


def leader(*townships, **kwargs):
    return UserFactory(townships=townships, role=LEADER, **kwargs)


class OperatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Operator

    township = factory.SubFactory(TownshipFactory)
    name = factory.Sequence(lambda n: f"经营者{n}")
    category = Operator.Category.RETAIL
    subtype = Operator.Subtype.GROCERY
    registered_on = datetime.date(2020, 1, 1)
    licence_kind = Operator.LicenceKind.BUSINESS
    licence_no = factory.Sequence(lambda n: f"JY16207990{n:06d}")


class MobileChefFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MobileChef

    township = factory.SubFactory(TownshipFactory)
    name = factory.Sequence(lambda n: f"厨师{n}")
    registered_on = datetime.date(2021, 1, 1)


class FoodTruckFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FoodTruck

    township = factory.SubFactory(TownshipFactory)
    plate_no = factory.Sequence(lambda n: f"甘G·A{n:05d}")
    owner = "王五"
    registered_on = datetime.date(2021, 1, 1)


class WholesaleVehicleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WholesaleVehicle

    township = factory.SubFactory(TownshipFactory)
    plate_no = factory.Sequence(lambda n: f"甘G·B{n:05d}")
    registered_on = datetime.date(2021, 1, 1)


class VillageCoordinatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VillageCoordinator

    village = factory.SubFactory(VillageFactory)
    name = factory.Sequence(lambda n: f"协管员{n}")
    appointed_on = datetime.date(2020, 3, 1)
