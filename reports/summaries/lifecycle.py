"""A report's life: drafted from live figures, finalised (定稿) and frozen, redrafted from a final one.

Finalising renders the PDF, Word and Excel files once and stores them with the figures and the
text as printed; from then on the report is read from what was stored, and `drift` says which
figures the ledgers now give differently.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .. import figures as catalogue
from ..models import Report, ReportFile
from .compose import Summary, spec_for
from .document import Document

FORMATS = ("pdf", "docx", "xlsx")
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def document_of(report) -> Document:
    """What the report says: as stored when finalised, else written now from the ledgers."""
    if report.is_final:
        return Document.from_json(report.document)
    return Summary(spec_for(report)).document


def file_of(report, format) -> bytes:
    """A finalised report's stored file, byte for byte; a draft's, rendered now."""
    if report.is_final:
        return bytes(report.files.get(format=format).content)
    return Summary(spec_for(report)).render(format)


def finalise(report, *, by) -> Report:
    """定稿: render and store every format, the figures and the text, with who and when."""
    missing = report.missing_text()
    if missing:
        raise ValidationError(f"请先填写：{'、'.join(missing)}。")
    finalised_at = timezone.now()
    summary = Summary(spec_for(report, issued_on=timezone.localdate(finalised_at)))
    files = {format: summary.render(format) for format in FORMATS}
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        if report.is_voided:
            raise ValidationError("该工作总结已作废，不能定稿。")
        if report.is_final:
            raise ValidationError("该工作总结已经定稿。")
        report.status = Report.Status.FINAL
        report.finalised_at = finalised_at
        report.finalised_by = by
        report.figures = summary.figures_json()
        report.document = summary.document.to_json()
        report._change_reason = "定稿"
        report.save()
        ReportFile.objects.bulk_create([ReportFile.of(report, format, content) for format, content in files.items()])
    return report


def redraft(report, *, by) -> Report:
    """A new draft of the same kind, scope and period, starting from a finalised report's texts."""
    if not report.is_final:
        raise ValidationError("只能由定稿新建草稿。")
    fields = ("county", "township", "kind", "year", "half", "start_date", "end_date", "title")
    draft = Report(
        **{name: getattr(report, name) for name in fields},
        **{name: getattr(report, name) for name in Report.FREE_TEXT_FIELDS},
        based_on=report,
        created_by=by,
    )
    draft._change_reason = f"由定稿“{report.title}”（{report.finalised_at:%Y-%m-%d}）新建"
    draft.save()
    return draft


@dataclass
class Drift:
    label: str
    unit: str
    printed: str
    now: str
    url: str


def drift(report) -> list[Drift]:
    """The figures whose live value differs from the one the finalised report printed."""
    if not report.is_final or not report.figures:
        return []
    live = catalogue.values(report.scope, report.period, [k for k in report.figures if k in catalogue.FIGURES])
    changed = []
    for key, value in live.items():
        printed = report.figures.get(key)
        if printed is None or printed["value"] == value.json:
            continue
        changed.append(Drift(value.figure.label, value.figure.unit, printed["display"], value.display, value.url))
    return changed
