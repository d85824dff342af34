"""The summary as a Word file (python-docx), for offices that finish their documents in WPS or Word.

Same headings, paragraphs and tables as the PDF (the charts stay in the PDF). The fonts are those
of official documents, set for East Asian text (w:eastAsia), with Times New Roman for digits and
Latin letters: title 方正小标宋简体 二号, body 仿宋_GB2312 三号 on exact 28.9 pt lines, level-one
headings 黑体, run-in headings 楷体_GB2312; A4 with the GB/T 9704 margins, "— N —" page numbers.
"""

import io

from docx import Document as WordDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from .document import Chart, Paragraph, Table

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
LEAD_FONT = "楷体_GB2312"
LATIN_FONT = "Times New Roman"
BODY_SIZE = Pt(16)
LINE = Pt(28.9)
TABLE_SIZE = Pt(10.5)


def render(document) -> bytes:
    word = WordDocument()
    _page_setup(word.sections[0], landscape=False)
    _base_style(word)
    _page_numbers(word.sections[0])
    title = word.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.first_line_indent = Pt(0)
    title.paragraph_format.space_after = LINE
    title.paragraph_format.line_spacing = Pt(36)
    _run(title, document.title, TITLE_FONT, Pt(22))
    for paragraph in document.opening:
        _paragraph(word, paragraph)
    for section in document.sections:
        _section(word, section)
    for line in (document.issuer, document.date):
        signature = word.add_paragraph()
        signature.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        signature.paragraph_format.first_line_indent = Pt(0)
        signature.paragraph_format.right_indent = Pt(64)
        _run(signature, line, BODY_FONT, BODY_SIZE)
    landscape = False
    for section in document.appendix:
        if all(isinstance(block, Chart) for block in section.blocks):
            continue  # the charts stay in the PDF
        if section.landscape != landscape:
            landscape = section.landscape
            _page_setup(word.add_section(WD_SECTION.NEW_PAGE), landscape=landscape)
        else:
            word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        _section(word, section, appendix=True)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _page_setup(section, *, landscape):
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        section.top_margin, section.bottom_margin = Mm(26), Mm(24)
        section.left_margin, section.right_margin = Mm(28), Mm(28)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(28)


def _base_style(word):
    normal = word.styles["Normal"]
    normal.font.name = LATIN_FONT
    normal.font.size = BODY_SIZE
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    fmt = normal.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.first_line_indent = Pt(32)
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


def _page_numbers(section):
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.paragraph_format.first_line_indent = Pt(0)
    _run(footer, "— ", BODY_FONT, Pt(14))
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    number = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    number.append(text)
    field.append(number)
    footer._p.append(field)
    _run(footer, " —", BODY_FONT, Pt(14))


def _run(paragraph, text, east_asian, size, *, bold=False):
    run = paragraph.add_run(text)
    run.font.name = LATIN_FONT
    run.font.size = size
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), east_asian)
    return run


def _paragraph(word, paragraph):
    p = word.add_paragraph()
    if paragraph.lead:
        _run(p, paragraph.lead, LEAD_FONT, BODY_SIZE, bold=True)
    for run in paragraph.runs:
        _run(p, run.text, BODY_FONT, BODY_SIZE)


def _section(word, section, *, appendix=False):
    heading = word.add_paragraph()
    if appendix:
        heading.paragraph_format.first_line_indent = Pt(0)
    heading.paragraph_format.keep_with_next = True
    _run(heading, section.heading, HEADING_FONT, BODY_SIZE)
    for block in section.blocks:
        if isinstance(block, Paragraph):
            _paragraph(word, block)
        elif isinstance(block, Table):
            _table(word, block)


def _table(word, table):
    caption = word.add_paragraph()
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.paragraph_format.first_line_indent = Pt(0)
    caption.paragraph_format.keep_with_next = True
    _run(caption, table.caption, HEADING_FONT, Pt(12))
    grid = word.add_table(rows=1, cols=len(table.headers))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = grid.rows[0]
    _repeat_as_header(header)
    size = Pt(8) if table.wide else TABLE_SIZE
    for cell, text in zip(header.cells, table.headers, strict=True):
        _cell(cell, text, HEADING_FONT, size, align=WD_ALIGN_PARAGRAPH.CENTER)
    for row in table.rows:
        cells = grid.add_row().cells
        for cell, run in zip(cells, row, strict=True):
            align = WD_ALIGN_PARAGRAPH.RIGHT if run.key else WD_ALIGN_PARAGRAPH.LEFT
            _cell(cell, run.text, BODY_FONT, size, align=align)
    if table.note:
        note = word.add_paragraph()
        note.paragraph_format.first_line_indent = Pt(0)
        note.paragraph_format.line_spacing = Pt(16)
        _run(note, table.note, BODY_FONT, Pt(10))


def _cell(cell, text, east_asian, size, *, align):
    paragraph = cell.paragraphs[0]
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.first_line_indent = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    _run(paragraph, text, east_asian, size)


def _repeat_as_header(row):
    """Word repeats a row marked w:tblHeader at the top of every page the table runs onto."""
    properties = row._tr.get_or_add_trPr()
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    properties.append(marker)
