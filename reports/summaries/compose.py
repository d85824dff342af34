"""One summary, computed once and printed in every format from the same content.

`Summary(spec)` evaluates the figures (`Facts`), writes the `Document` (opening, chapters of the
outline, appendix with charts) and renders it as HTML, PDF, Word and Excel. A `Spec` says what
to write: the scope and period, the title and the office's texts; it comes from a `Report`
(`spec_for`) or from the `build_report` command.
"""

import datetime
from dataclasses import dataclass, field
from functools import cached_property

from django.utils import timezone

from ..figures import Period, Scope
from . import narrative
from .appendix import appendix_sections
from .charts import charts_for
from .document import Document
from .facts import Facts, Texts, gather, jurisdiction_word
from .outlines import compose_chapters, free_paragraphs, outline_for
from .prompts import starting_texts


@dataclass
class Spec:
    scope: Scope
    period: Period
    place: object  # Township or County
    title: str
    half_year: bool = False
    texts: Texts = field(default_factory=Texts)
    issued_on: datetime.date = field(default_factory=timezone.localdate)


def spec_for(report, *, issued_on=None) -> Spec:
    return Spec(
        scope=report.scope,
        period=report.period,
        place=report.place,
        title=report.title,
        half_year=report.kind == report.Kind.HALF_YEAR,
        texts=Texts(**{name: getattr(report, name) for name in report.FREE_TEXT_FIELDS}),
        issued_on=issued_on or timezone.localdate(),
    )


def title_for(place, period) -> str:
    return f"{place.name}{period.label}食品安全工作总结"


def default_texts(place, period, *, county: bool) -> Texts:
    return starting_texts(period_label=period.label, we="我" + jurisdiction_word(place.name, county=county))


class Summary:
    def __init__(self, spec: Spec):
        self.spec = spec

    @cached_property
    def facts(self) -> Facts:
        spec = self.spec
        return gather(
            spec.scope, spec.period, spec.place, texts=spec.texts, half_year=spec.half_year, issued_on=spec.issued_on
        )

    @cached_property
    def document(self) -> Document:
        return self.compose(charts=True)

    def compose(self, *, charts: bool) -> Document:
        f = self.facts
        day = f.issued_on
        return Document(
            title=self.spec.title,
            issuer=f.issuer,
            date=f"{day.year}年{day.month}月{day.day}日",
            opening=[narrative.opening(f).paragraph(), *free_paragraphs(f.texts.overview)],
            sections=compose_chapters(f, outline_for(county=f.scope.is_county, half_year=f.half_year)),
            appendix=appendix_sections(f, charts_for(f) if charts else ()),
        )

    def text_document(self) -> Document:
        """The document for Word and Excel, which print no charts: drawn without them unless already drawn."""
        return self.__dict__.get("document") or self.compose(charts=False)

    def figures_json(self) -> dict:
        """Every figure as printed: its value as `figures --json` gives it, its display and shares."""
        return {
            key: {
                "label": value.figure.label,
                "unit": value.figure.unit,
                "value": value.json,
                "display": value.display,
                "by_township": {str(tid): _plain(share) for tid, share in value.by_township.items()},
            }
            for key, value in self.facts.values.items()
        }

    def render(self, format: str) -> bytes:
        from . import docx, pdf, xlsx

        if format == "pdf":
            return pdf.render(self.document)
        if format == "docx":
            return docx.render(self.text_document())
        if format == "xlsx":
            return xlsx.render(self.facts, self.text_document())
        if format == "html":
            return pdf.standalone_html(self.document).encode()
        raise ValueError(f"unknown format {format}")


def _plain(value):
    from decimal import Decimal

    if isinstance(value, Decimal):
        return str(value)
    return value
