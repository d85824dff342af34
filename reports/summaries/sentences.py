"""Small tools the paragraphs are written with: a sentence of text and linked numbers, and points.

`Sentence(facts).text("共检查").number("inspections", compare=True)` appends "268户次" linked to the
inspections drill-down, then "（比上年增加12户次，同比增长4.7%）" when last year had any. A number
is always a figure's value with the figure's unit; a clause whose figure is empty is left out by
`clauses`, so no sentence claims work that was not done ("开展宣传活动0场次" is never written).
"""

from ..figures import display_number
from .document import Paragraph, Run, chinese_number


class Sentence:
    def __init__(self, facts):
        self.facts = facts
        self.runs: list[Run] = []

    def __bool__(self):
        return bool(self.runs)

    def text(self, text: str) -> "Sentence":
        if self.runs and not self.runs[-1].url:
            self.runs[-1] = Run(self.runs[-1].text + text)
        elif text:
            self.runs.append(Run(text))
        return self

    def join(self, *parts: "Sentence", separator="；") -> "Sentence":
        """The runs of the parts that say something, `separator` between them."""
        for index, part in enumerate(part for part in parts if part):
            if index:
                self.text(separator)
            self.runs += part.runs
        return self

    def number(self, key: str, *, compare=False) -> "Sentence":
        """The figure's value and unit, linked to its records; with `compare`, the change since last year."""
        value = self.facts.values[key]
        self.runs.append(Run(f"{value.display}{value.figure.unit}", key=key, url=value.url))
        if compare:
            self.change(key)
        return self

    def row_number(self, key: str, number, unit: str) -> "Sentence":
        """A number from a row of a list figure (a campaign's inspections, a test item's batches)."""
        self.runs.append(Run(f"{display_number(number)}{unit}", key=key, url=self.facts.values[key].url))
        return self

    def change(self, key: str) -> "Sentence":
        change = self.facts.change(key)
        if change:
            before = self.facts.previous[key]
            note = f"{self.facts.basis_of(key)}：{before.display}{before.figure.unit}"
            self.runs.append(Run(f"（{change}）", url=before.url, note=note))
        return self

    def clauses(self, items, *, separator="，", compare=()) -> int:
        """`label` + number for each (label, key) with something recorded; how many were written."""
        written = 0
        for label, key in items:
            if not self.facts.has(key):
                continue
            if written:
                self.text(separator)
            self.text(label).number(key, compare=key in compare)
            written += 1
        return written

    def names(self, names: list[str], *, limit=8) -> "Sentence":
        """Names from records joined with 、; a list longer than `limit` shows its first ones."""
        return self.text("、".join(names[:limit]))

    def paragraph(self, lead="") -> Paragraph:
        return Paragraph(runs=self.runs, lead=lead)


def points(sentences, *, numbered=True) -> list[Run]:
    """Sentences in a row, as 一是…二是… when there are several."""
    present = [s for s in sentences if s]
    runs: list[Run] = []
    for index, sentence in enumerate(present, 1):
        if numbered and len(present) > 1:
            runs.append(Run(f"{chinese_number(index)}是"))
        runs.extend(sentence.runs)
    return _merged(runs)


def _merged(runs: list[Run]) -> list[Run]:
    merged: list[Run] = []
    for run in runs:
        if merged and not run.url and not merged[-1].url:
            merged[-1] = Run(merged[-1].text + run.text)
        else:
            merged.append(run)
    return merged
