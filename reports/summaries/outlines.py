"""The outlines of the summaries: which sentences go under which heading, for each kind of report.

A township's annual summary follows seed 000 (一、基本情况; 二、主要工作开展情况 in six parts;
三、存在的问题及下一步工作打算), its half-year summary seed 001, and a county's summary seeds
002/004 with a table comparing its townships. Headings are numbered when the document is
composed, after empty parts are dropped, so the numbering never skips.
"""

from dataclasses import dataclass

from . import narrative as n
from .document import Paragraph, Run, Section, Table, chinese_number
from .sentences import points


@dataclass(frozen=True)
class Part:
    """（一）title。 followed by its sentences, as 一是…二是… when `numbered`."""

    title: str
    sentences: tuple
    numbered: bool = True


@dataclass(frozen=True)
class FreeText:
    """A section the office writes; `title` makes it a numbered part of its chapter."""

    field: str
    title: str = ""
    required: bool = False


@dataclass(frozen=True)
class Chapter:
    title: str
    items: tuple


TOWNSHIP_ANNUAL = (
    Chapter("基本情况", (n.registry_overview, n.work_overview)),
    Chapter(
        "主要工作开展情况",
        (
            Part("强化组织领导，夯实基层监管工作基础", (n.leading_group, n.coordinators), numbered=False),
            Part("加强监督管理，主体责任有效落实", (n.hazards, n.manuals, n.interviews, n.trainings)),
            Part(
                "综合施策，监管措施更加务实",
                (n.scoring, n.sunshine, n.traceability, n.sampling, n.small_businesses),
            ),
            Part(
                "突出重点，风险隐患有效防控",
                (n.campaigns, n.schools, n.fume, n.banquets_and_trucks, n.events, n.insurance),
            ),
            Part("严格执法，依法查处违法行为", (n.cases,), numbered=False),
            Part("加大宣传，社会共治氛围浓厚", (n.publicity, n.study_sessions, n.complaints), numbered=False),
            FreeText("highlights", title="特色亮点工作"),
        ),
    ),
    Chapter("存在的问题及下一步工作打算", (FreeText("problems", required=True), FreeText("plans", required=True))),
)

TOWNSHIP_HALF_YEAR = (
    Chapter("基本情况", (n.registry_overview_half_year,)),
    Chapter(
        "工作情况",
        (
            Part("加强领导，健全制度，落实到位", (n.leading_group, n.coordinators_half_year, n.interviews)),
            Part("加强宣传，营造氛围", (n.publicity, n.study_sessions, n.trainings)),
            Part(
                "突出重点，强化监管",
                (
                    n.inspections_done,
                    n.hazards,
                    n.campaigns,
                    n.schools,
                    n.scoring,
                    n.sampling,
                    n.cases,
                    n.banquets_and_trucks,
                    n.events,
                    n.complaints,
                ),
            ),
            FreeText("highlights", title="特色亮点工作"),
        ),
    ),
    Chapter("存在的问题", (FreeText("problems", required=True),)),
    Chapter("下一步工作计划", (FreeText("plans", required=True),)),
)


def comparison_table(f) -> Table | None:
    from .appendix import township_comparison

    return township_comparison(f)


def comparison_note(f):
    sentence = n.Sentence(f)
    if len(f.townships) > 1:
        sentence.text("各乡镇主要工作指标对比见表1。")
    return sentence


def county_outline(work_title):
    return (
        Chapter("基本情况", (n.registry_overview, n.work_overview, comparison_note, comparison_table)),
        Chapter(
            work_title,
            (
                Part(
                    "突出责任落实，健全食品安全责任体系",
                    (n.leading_group, n.coordinators, n.interviews, n.trainings),
                ),
                Part(
                    "突出日常监管，强化监督检查",
                    (n.inspections_done, n.hazards, n.scoring, n.sunshine, n.traceability, n.manuals),
                ),
                Part("突出风险防控，强化抽检监测", (n.sampling,), numbered=False),
                Part(
                    "突出重点领域，深入开展专项整治",
                    (n.campaigns, n.schools, n.small_businesses, n.fume, n.banquets_and_trucks, n.events),
                ),
                Part("严打违法行为，形成有力震慑", (n.cases,), numbered=False),
                Part("突出多方共管，完善社会共治格局", (n.insurance, n.publicity, n.study_sessions, n.complaints)),
                FreeText("highlights", title="特色亮点工作"),
            ),
        ),
        Chapter("存在的困难和问题", (FreeText("problems", required=True),)),
        Chapter("下一步工作打算", (FreeText("plans", required=True),)),
    )


COUNTY_ANNUAL = county_outline("主要工作开展情况")
COUNTY_HALF_YEAR = county_outline("工作情况")


def outline_for(*, county: bool, half_year: bool):
    if county:
        return COUNTY_HALF_YEAR if half_year else COUNTY_ANNUAL
    return TOWNSHIP_HALF_YEAR if half_year else TOWNSHIP_ANNUAL


# -- composing ----------------------------------------------------------------------------------


def free_paragraphs(text: str) -> list[Paragraph]:
    """The office's text, one paragraph per line; blank lines are dropped."""
    return [Paragraph(runs=[Run(line.strip())]) for line in text.splitlines() if line.strip()]


def placeholder(field_label) -> Paragraph:
    return Paragraph(runs=[Run(f"（草稿：请在“编辑文字”中填写“{field_label}”。）")])


FIELD_LABELS = {
    "overview": "总体评价",
    "highlights": "特色亮点工作",
    "problems": "存在的问题",
    "plans": "下一步工作打算",
}


def compose_chapters(f, outline) -> list[Section]:
    sections = []
    for chapter in outline:
        blocks = _chapter_blocks(f, chapter)
        if blocks:
            sections.append(Section(heading=f"{chinese_number(len(sections) + 1)}、{chapter.title}", blocks=blocks))
    return sections


def _chapter_blocks(f, chapter) -> list:
    blocks: list = []
    part_number = 0
    for item in chapter.items:
        if isinstance(item, Part):
            sentences = [sentence(f) for sentence in item.sentences]
            runs = points(sentences, numbered=item.numbered)
            if runs:
                part_number += 1
                blocks.append(Paragraph(runs=runs, lead=f"（{chinese_number(part_number)}）{item.title}。"))
        elif isinstance(item, FreeText):
            paragraphs = free_paragraphs(getattr(f.texts, item.field))
            if not paragraphs and item.required:
                paragraphs = [placeholder(FIELD_LABELS[item.field])]
            if paragraphs and item.title:
                part_number += 1
                paragraphs[0].lead = f"（{chinese_number(part_number)}）{item.title}。"
            blocks.extend(paragraphs)
        else:
            block = item(f)
            if isinstance(block, Table) and block.rows:
                blocks.append(block)
            elif block and not isinstance(block, Table):
                blocks.append(block.paragraph())
    return blocks
