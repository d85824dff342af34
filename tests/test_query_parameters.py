"""Every page read with garbage in its query string answers 400 or 404, never 500.

The pages are every URL of the app that takes no path argument (lists, plans, forms, exports,
figures); the parameters are every filter field of every ledger plus the ones views read by hand.
"""

import django_filters
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from reports.figures import FIGURES
from tests.base import CastTestCase
from tests.factories import OperatorFactory, UserFactory

# Read by views directly (not through a filter set).
HAND_READ = (
    "operator",
    "sample",
    "follows",
    "campaign",
    "kind",
    "year",
    "township",
    "county",
    "status",
    "page",
    "from",
    "to",
    "voided",
    "inspection",
    "rectification",
    "complaint",
    "month",
    "format",
    "next",
)
GARBAGE = ("abc", "0", "-1", "99999999999999999999", "2026-02-30", "")
SKIPPED = {"logout", "healthz"}


def routes(resolver=None, prefix="", namespace=""):
    """(name, pattern) of every route without a path argument, admin left out."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin" or str(entry.pattern).startswith("admin/"):
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from routes(entry, prefix + str(entry.pattern), inner)
        elif (
            isinstance(entry, URLPattern)
            and entry.name
            and entry.name not in SKIPPED
            and not entry.pattern.converters
            and "(?P<" not in str(entry.pattern)
        ):
            yield f"{namespace}{entry.name}"


def filter_fields():
    names = set()
    for cls in all_subclasses(django_filters.FilterSet):
        names.update(cls.base_filters)
    return sorted(names)


def all_subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from all_subclasses(sub)


class GarbageParametersTests(CastTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.superuser = UserFactory(username="root", is_superuser=True, is_staff=True)
        OperatorFactory(township=cls.township_a)

    def assertNeverFails(self, user, names, params, values=GARBAGE):
        self.login(user)
        for name in names:
            url = reverse(name)
            for value in values:
                with self.subTest(user=user.username, url=url, value=value):
                    response = self.client.get(url, dict.fromkeys(params, value))
                    self.assertLess(response.status_code, 500, f"{url}?…={value!r}")

    def test_every_page_with_every_parameter_malformed(self):
        names = sorted(set(routes()))
        self.assertIn("inspections:inspection_list", names)
        params = sorted(set(filter_fields()) | set(HAND_READ))
        self.assertNeverFails(self.superuser, names, params)
        # A township user's forms and filters hide the township: one pass is enough.
        self.assertNeverFails(self.inspector_a, names, params, values=("abc",))

    def test_figure_pages(self):
        self.login(self.county_leader)
        for figure in list(FIGURES.values())[:5]:
            url = reverse("reports:figure", args=[figure.key])
            for value in GARBAGE:
                with self.subTest(url=url, value=value):
                    response = self.client.get(url, dict.fromkeys(("township", "county", "from", "to", "page"), value))
                    self.assertLess(response.status_code, 500)


class SpecificMalformedParametersTests(CastTestCase):
    """The cases found by hand: each is a 400 or 404 with a Chinese word, not a crash."""

    def test_found_by_hand(self):
        operator = OperatorFactory(township=self.township_a)
        self.login(self.inspector_a)
        for name, query in [
            ("inspections:inspection_create", "operator=abc"),
            ("inspections:case_create", "sample=abc"),
            ("inspections:score_ledger", "year=0"),
            ("inspections:inspection_plan", "township=abc"),
            ("inspections:inspection_plan", "township=99999999999999999999"),
            ("inspections:score_ledger", "year=abc"),
            ("inspections:inspection_create", f"operator={operator.pk}&follows=x"),
            ("inspections:inspection_create", f"operator={operator.pk}&campaign=1.5"),
        ]:
            with self.subTest(name=name, query=query):
                response = self.client.get(f"{reverse(name)}?{query}")
                self.assertEqual(response.status_code, 400)
