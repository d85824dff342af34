import pytest


@pytest.fixture(autouse=True)
def media_root(tmp_path, settings):
    """Uploads of a test go to a temporary folder, never into the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
