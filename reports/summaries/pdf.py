"""The summary as a PDF laid out like a Chinese official document (GB/T 9704), with WeasyPrint.

A4, margins 37/26/35/28 mm (top, right, bottom, left: a 156 × 225 mm text block), title and body
in Noto Serif CJK SC (Debian's fonts-noto-cjk), 16 pt body on 28.9 pt lines (22 lines a page),
page numbers "— N —" at the bottom, right on odd and left on even pages. The layout lives in
static/css/summary-print.css, loaded through the staticfiles finders.
"""

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import HTML

from inspections.pdf import BASE_URL, StaticFilesFetcher

TEMPLATE = "reports/summary/print.html"
STYLESHEET = "css/summary-print.css"


def html(document) -> str:
    return render_to_string(TEMPLATE, {"document": document, "links": False})


def render(document) -> bytes:
    return HTML(string=html(document), url_fetcher=StaticFilesFetcher(), base_url=BASE_URL).write_pdf()


def standalone_html(document) -> str:
    """The print HTML with its stylesheet embedded, to open from disk (build_report --format html)."""
    with open(finders.find(STYLESHEET), encoding="utf-8") as handle:
        css = handle.read()
    page = html(document)
    head_end = page.index("</head>")
    return page[:head_end] + "<style>\n" + css + "</style>\n" + page[head_end:]
