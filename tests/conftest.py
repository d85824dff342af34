import os

import pytest
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
            item.fixturenames.append("django_db_serialized_rollback")


@pytest.fixture(autouse=True)
def media_root(tmp_path, settings):
    """Uploads of a test go to a temporary folder, never into the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
