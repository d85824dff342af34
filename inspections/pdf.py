"""PDFs from ordinary Django templates, with WeasyPrint.

Static files (the CSS) are read from disk through the staticfiles finders, never over the
network, and the font is named explicitly (Noto CJK SC from Debian's fonts-noto-cjk) so a PDF
looks the same on every machine.
"""

import mimetypes
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

# Templates link static files with {% static %}; relative to this base they become fetchable here.
BASE_URL = "http://foodsafe.pdf/"


class StaticFilesFetcher(URLFetcher):
    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        parts = urlsplit(url)
        static_path = "/" + settings.STATIC_URL.lstrip("/")
        if parts.netloc == urlsplit(BASE_URL).netloc and parts.path.startswith(static_path):
            path = finders.find(parts.path.removeprefix(static_path))
            if path:
                with open(path, "rb") as handle:
                    body = handle.read()
                return URLFetcherResponse(url, body, {"Content-Type": mimetypes.guess_type(path)[0] or ""})
        raise ValueError(f"PDFs load only the app's static files, not {url}")


def render_pdf(template_name: str, context: dict, request=None) -> bytes:
    html = render_to_string(template_name, context, request=request)
    return HTML(string=html, url_fetcher=StaticFilesFetcher(), base_url=BASE_URL).write_pdf()
