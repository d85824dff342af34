"""docs/architecture.md names only paths that exist, so the map cannot drift from the code."""

import re
from pathlib import Path

from django.test import SimpleTestCase

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "architecture.md"


def named_paths(text):
    """Backticked tokens that are repository paths (not URLs like `/ledgers/…` or `<ledger>/import/`)."""
    for token in re.findall(r"`([^`\s]+)`", text):
        if token.startswith(("/", "<")):
            continue
        if "/" in token or re.search(r"\.(py|html|md)$", token):
            yield token


class ArchitectureDocTests(SimpleTestCase):
    def test_every_named_path_exists(self):
        paths = list(named_paths(DOC.read_text()))
        self.assertGreater(len(paths), 30)
        for path in paths:
            with self.subTest(path):
                # `inspections/views/<ledger>.py` names a family: at least one file must fit it.
                pattern = re.sub(r"<\w+>", "*", path).rstrip("/")
                self.assertTrue(list(ROOT.glob(pattern)), f"{path} does not exist")

    def test_a_missing_path_is_caught(self):
        self.assertEqual(list(named_paths("see `inspections/nothing.py` at `/ledgers/x/`")), ["inspections/nothing.py"])
        self.assertFalse(list(ROOT.glob("inspections/nothing.py")))
