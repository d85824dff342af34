"""What a summary says, independent of how it is printed: title, sections, paragraphs, tables, charts.

The narrative builds a `Document`; the HTML page, the PDF, the Word file and the Excel appendix
are each drawn from the same one, so they cannot say different things. A paragraph is a list of
runs: plain text, or a number that links to the records behind it. A finalised report stores its
document as JSON (`to_json`) and shows it again from there (`from_json`).
"""

from dataclasses import asdict, dataclass, field

CHINESE_DIGITS = "零一二三四五六七八九十"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (enough for headings)."""
    if n <= 10:
        return CHINESE_DIGITS[n]
    tens, ones = divmod(n, 10)
    return f"{'' if tens == 1 else CHINESE_DIGITS[tens]}十{CHINESE_DIGITS[ones] if ones else ''}"


@dataclass
class Run:
    """A piece of a paragraph. A number carries its figure key and the URL of its drill-down."""

    text: str
    key: str = ""
    url: str = ""
    note: str = ""  # shown on hover, e.g. the previous year's value behind a comparison

    @property
    def is_number(self):
        return bool(self.key)


@dataclass
class Paragraph:
    runs: list[Run]
    lead: str = ""  # a run-in heading: "（一）强化组织领导。" or "一是……。"
    template = "reports/summary/blocks/paragraph.html"

    @property
    def text(self) -> str:
        return self.lead + "".join(run.text for run in self.runs)


@dataclass
class Table:
    """A table of runs. `wide` tables get a landscape page in the PDF."""

    caption: str
    headers: list[str]
    rows: list[list[Run]]
    wide: bool = False
    note: str = ""
    style: str = "list"  # figures, county, definitions, comparison, list: the column layout in print
    template = "reports/summary/blocks/table.html"

    @property
    def text(self) -> str:
        lines = [self.caption, "\t".join(self.headers)]
        lines += ["\t".join(cell.text for cell in row) for row in self.rows]
        if self.note:
            lines.append(self.note)
        return "\n".join(lines)


@dataclass
class Chart:
    caption: str
    svg: str  # an SVG document, its text kept as text in the report's CJK font
    template = "reports/summary/blocks/chart.html"

    @property
    def text(self) -> str:
        return self.caption

    @property
    def data_uri(self) -> str:
        import base64

        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode()).decode()


BLOCK_TYPES = {"paragraph": Paragraph, "table": Table, "chart": Chart}


@dataclass
class Section:
    heading: str  # "一、基本情况", "附表1 …"
    blocks: list = field(default_factory=list)
    template = "reports/summary/blocks/section.html"

    @property
    def landscape(self) -> bool:
        """A section of wide tables is printed on landscape pages."""
        return any(getattr(block, "wide", False) for block in self.blocks)

    @property
    def text(self) -> str:
        return "\n".join([self.heading, *(block.text for block in self.blocks)])


@dataclass
class Document:
    title: str
    issuer: str  # 落款: the office or county bureau
    date: str  # 落款日期, e.g. 2026年12月1日
    opening: list[Paragraph]
    sections: list[Section]
    appendix: list[Section]

    @property
    def text(self) -> str:
        """The whole document as plain text, in reading order."""
        parts = [self.title, *(p.text for p in self.opening), *(s.text for s in self.sections)]
        parts += [self.issuer, self.date, *(s.text for s in self.appendix)]
        return "\n".join(parts)

    def to_json(self) -> dict:
        def block_json(block):
            kind = next(name for name, cls in BLOCK_TYPES.items() if isinstance(block, cls))
            return {"type": kind, **asdict(block)}

        def section_json(section):
            return {"heading": section.heading, "blocks": [block_json(b) for b in section.blocks]}

        return {
            "title": self.title,
            "issuer": self.issuer,
            "date": self.date,
            "opening": [asdict(p) for p in self.opening],
            "sections": [section_json(s) for s in self.sections],
            "appendix": [section_json(s) for s in self.appendix],
        }

    @classmethod
    def from_json(cls, data: dict) -> "Document":
        def paragraph(item):
            return Paragraph(runs=[Run(**run) for run in item["runs"]], lead=item.get("lead", ""))

        def block(item):
            kind = item["type"]
            if kind == "paragraph":
                return paragraph(item)
            if kind == "table":
                rows = [[Run(**cell) for cell in row] for row in item["rows"]]
                fields = {k: v for k, v in item.items() if k not in ("type", "rows")}
                return Table(rows=rows, **fields)
            return Chart(caption=item["caption"], svg=item["svg"])

        def section(item):
            return Section(heading=item["heading"], blocks=[block(b) for b in item["blocks"]])

        return cls(
            title=data["title"],
            issuer=data["issuer"],
            date=data["date"],
            opening=[paragraph(p) for p in data["opening"]],
            sections=[section(s) for s in data["sections"]],
            appendix=[section(s) for s in data["appendix"]],
        )
