import os

import pytest
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connections
from hypothesis import HealthCheck, settings

# Property-based tests: no example database in the work tree, no per-example deadline (CI shares
# two cores); CI replays the same examples every run, a developer's run explores new ones.
settings.register_profile(
    "foodsafe",
    database=None,
    deadline=None,
    max_examples=int(os.environ.get("HYPOTHESIS_MAX_EXAMPLES", "40")),
    derandomize=bool(os.environ.get("CI")),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile("foodsafe")


def pytest_collection_modifyitems(items):
    """A transactional test (browser tests, backup and restore) ends by emptying every table, which
    also loses the rows migrations seed (checklists, rules, roles). With serialized rollback each
    such test starts from them again, so none depends on running first on its worker."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        transactional = marker is not None and marker.kwargs.get("transaction")
        if transactional or {"transactional_db", "live_server"} & set(item.fixturenames):
            # On the marker, not only as a fixture name: pytest-django decides whether to serialize
            # the test database from a test's django_db marker when it has one, so a worker running
            # only marked transactional tests (backup) would otherwise never serialize it.
            kwargs = {**(marker.kwargs if marker else {}), "transaction": True, "serialized_rollback": True}
            item.add_marker(pytest.mark.django_db(**kwargs), append=False)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Keep the migration-seeded rows where every connection object of the test database finds them.

    pytest-django keeps them on the connection object that created the test database. Browser tests
    run Playwright's event loop in the test thread, and Django then gives each async context a fresh
    connection object without them: an earlier test's flush left a browser test with no roles or
    checklists (seen in CI). On the backend's class they are found by every connection object."""
    with django_db_blocker.unblock():
        connection = connections[DEFAULT_DB_ALIAS]
        type(connection)._test_serialized_contents = connection.creation.serialize_db_to_string()
    creation = type(connection.creation)
    deserialize = creation.deserialize_db_from_string

    def deserialize_into_empty_tables(self, data):
        """Load the seeded rows; if rows of other ids hold their names (seen once in CI: roles
        re-created by a post_migrate after some flush), empty the tables first and load again."""
        try:
            deserialize(self, data)
        except IntegrityError:
            call_command(
                "flush", database=self.connection.alias, interactive=False, verbosity=0, inhibit_post_migrate=True
            )
            deserialize(self, data)

    creation.deserialize_db_from_string = deserialize_into_empty_tables
    yield
    creation.deserialize_db_from_string = deserialize


@pytest.fixture(autouse=True)
def media_root(tmp_path, settings):
    """Uploads of a test go to a temporary folder, never into the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
