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


@pytest.fixture(autouse=True)
def media_root(tmp_path, settings):
    """Uploads of a test go to a temporary folder, never into the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
