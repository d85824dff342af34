"""The catalogue answers every key of figures.md, and each figure is fully described."""

import re
from pathlib import Path

from django.test import SimpleTestCase

from reports.figures import FIGURES, SECTIONS
from reports.figures.base import Aggregate, ListFigure, RatioFigure

SPEC = Path(__file__).resolve().parents[2] / "docs" / "figures.md"


def spec_keys() -> list[str]:
    """The first cell of every row of the tables of sections 1–5 (a cell may name several keys)."""
    keys, section = [], None
    for line in SPEC.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"## (\d+)\.", line)
        if heading:
            section = int(heading.group(1))
            continue
        if section is None or section > 5 or not line.startswith("|"):
            continue
        cell = line.split("|")[1].strip()
        if cell in ("key", "---") or set(cell) <= {"-"}:
            continue
        keys += [re.sub(r"\s*\(.*\)$", "", key).strip() for key in cell.split(",")]
    return keys


class CatalogueTests(SimpleTestCase):
    def test_every_key_of_the_spec_is_a_figure(self):
        keys = spec_keys()
        self.assertEqual(len(keys), 91)
        self.assertEqual([key for key in keys if key not in FIGURES], [])

    def test_every_figure_says_what_it_counts(self):
        for figure in FIGURES.values():
            with self.subTest(figure.key):
                self.assertTrue(figure.label and figure.unit and figure.definition.endswith("。"))
                self.assertIn(figure.section, SECTIONS)
                self.assertRegex(figure.key, r"^[a-z][a-z0-9_]*$")

    def test_ratios_are_built_from_figures_of_the_catalogue(self):
        for figure in FIGURES.values():
            if isinstance(figure, RatioFigure):
                self.assertIn(figure.numerator, FIGURES)
                self.assertIn(figure.denominator, FIGURES)

    def test_every_figure_can_list_its_records(self):
        for figure in FIGURES.values():
            if isinstance(figure, (Aggregate, ListFigure)):
                self.assertIsNotNone(figure.source, figure.key)
