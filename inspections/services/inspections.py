"""Writing the inspection ledger: recording an inspection with everything it sets off.

One inspection may issue documents, open rectifications for failed items, close rectifications it
verified, deduct points and so move the operator's credit and risk level: all in one transaction.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from ..models import (
    Inspection,
    InspectionAttachment,
    InspectionDocument,
    InspectionItemResult,
    Rectification,
    ScoreRecord,
)
from .checklists import ItemEntry
from .rectifications import close_rectification
from .scoring import apply_scoring_policy

DOCUMENT_PREFIX = {
    InspectionDocument.Kind.RESULT_RECORD: "检记",
    InspectionDocument.Kind.CORRECTION_ORDER: "责改通",
    InspectionDocument.Kind.SCORE_NOTICE: "记分告",
    InspectionDocument.Kind.OPINION: "检意",
}


def township_abbreviation(township) -> str:
    """红桥镇 → 红桥: the prefix of the office's document numbers."""
    return re.sub(r"(镇|乡|街道|苏木)$", "", township.name) or township.name


def next_document_number(township, kind: str, year: int) -> str:
    """The next free number of a kind of document in a township's year, e.g. 红桥责改通〔2026〕12号.

    Numbers are unique (constraint inspection_document_unique_number); two inspectors saving in
    the same second would clash, and the second save is refused rather than misnumbered.
    """
    prefix = f"{township_abbreviation(township)}{DOCUMENT_PREFIX[kind]}〔{year}〕"
    numbers = InspectionDocument.objects.filter(kind=kind, number__startswith=prefix).values_list("number", flat=True)
    used = [int(m.group(1)) for m in (re.search(r"〕(\d+)号$", n) for n in numbers) if m]
    return f"{prefix}{max(used, default=0) + 1}号"


def officer_count(inspection: Inspection, officers) -> int:
    return len(officers) + len(inspection.other_officer_names)


def check_officers(inspection: Inspection, officers) -> None:
    """Two enforcement officers on site (令第49号 Art. 23), one for an online check."""
    count = officer_count(inspection, officers)
    if count < inspection.min_officers:
        if inspection.is_on_site:
            message = f"现场检查须有至少{inspection.min_officers}名执法人员参加（当前{count}名），请补充检查人员。"
        else:
            message = "网上巡查须至少有1名检查人员。"
        raise ValidationError({"officers": message})
    outsiders = [o for o in officers if inspection.township_id not in o.township_ids]
    if outsiders:
        names = "、".join(str(o) for o in outsiders)
        raise ValidationError({"officers": f"{names}不负责该乡镇，不能作为检查人员。"})


@transaction.atomic
def record_inspection(
    *,
    inspection: Inspection,
    officers,
    items: list[ItemEntry],
    by,
    documents: dict[str, str] | None = None,
    rectification_deadline: datetime.date | None = None,
    responsible_person: str = "",
    closes=(),
    attachments=(),
    historic: bool = False,
) -> Inspection:
    """Save a new inspection and everything it causes: the one way an inspection is recorded,
    from the form and from an Excel import alike.

    `documents` maps a document kind to its number ("" = number it automatically); the result
    record is always issued for an on-site inspection and the score notice whenever points are
    deducted. A `historic` inspection (an imported past one) is checked by the same rules but keeps
    the numbers its row gives (none made up for it), and its points do not move levels again: what
    they caused is in the registry and the negative-list ledger, imported on their own.
    Failed items not corrected on site become rectifications due `rectification_deadline`.
    `closes` are open rectifications of the operator this (follow-up) inspection verified.
    Without checklist items (an online check, an imported row) the result and the points are
    the ones given.
    """
    operator = inspection.operator
    inspection.township_id = operator.township_id
    inspection.created_by = by
    check_officers(inspection, officers)

    if items:
        inspection.checklist = items[0].item.template
        inspection.suggested_result = inspection.checklist.judge((e.item.is_key, e.outcome) for e in items)
        if not inspection.result:
            inspection.result = inspection.suggested_result
    elif not inspection.result:
        raise ValidationError({"result": "请选择检查结果。"})
    failed = [e for e in items if e.failed]
    if items:
        inspection.points_deducted = sum(e.item.points for e in failed)
    to_rectify = [e for e in failed if not e.corrected_on_site]
    if to_rectify and not rectification_deadline:
        raise ValidationError({"rectification_deadline": "有需限期整改的不符合项，请填写整改期限。"})
    if rectification_deadline and rectification_deadline < inspection.inspected_on:
        raise ValidationError({"rectification_deadline": "整改期限不能早于检查日期。"})
    for rectification in closes:
        if rectification.operator_id != operator.pk or rectification.is_closed:
            raise ValidationError({"closes": f"“{rectification}”不是该单位待销号的整改。"})
    inspection.full_clean()
    inspection.save()
    inspection.officers.set(officers)

    # One INSERT for the checklist (and one for its audit trail), not two per item.
    created = bulk_create_with_history(
        [
            InspectionItemResult(
                inspection=inspection,
                item=entry.item,
                outcome=entry.outcome,
                corrected_on_site=entry.failed and entry.corrected_on_site,
                note=entry.note,
            )
            for entry in items
        ],
        InspectionItemResult,
        default_user=by,
    )
    results = {result.item_id: result for result in created}

    _issue_documents(inspection, documents or {}, automatic=not historic)

    for entry in to_rectify:
        rectification = Rectification(
            operator=operator,
            township_id=operator.township_id,
            source=Rectification.Source.INSPECTION,
            inspection=inspection,
            item_result=results[entry.item.pk],
            description=f"{entry.item.text}" + (f"（{entry.note}）" if entry.note else ""),
            requirement="按检查要点要求整改到位，并向市场监管所报告整改情况",
            responsible_person=responsible_person or operator.legal_representative,
            opened_on=inspection.inspected_on,
            deadline=rectification_deadline,
            created_by=by,
        )
        rectification.full_clean()
        rectification.save()

    for rectification in closes:
        close_rectification(rectification, day=inspection.inspected_on, verified_by=inspection, note="复查核实已整改")

    if inspection.points_deducted:
        reasons = "；".join(f"{e.item.number}. {e.item.text}" for e in failed if e.item.points)
        reasons = reasons or inspection.findings or "检查记分"
        score = ScoreRecord(
            township_id=operator.township_id,
            operator=operator,
            inspection=inspection,
            scored_on=inspection.inspected_on,
            points=inspection.points_deducted,
            reason=reasons[:300],
            created_by=by,
        )
        score.full_clean()
        score.save()
        if not historic:
            apply_scoring_policy(operator, score=score, by=by)

    for upload in attachments:
        caption = getattr(upload, "original_name", "")[:100]  # the stored name is random
        InspectionAttachment.objects.create(inspection=inspection, file=upload, caption=caption, uploaded_by=by)
    return inspection


@transaction.atomic
def correct_inspection(inspection: Inspection, *, by) -> Inspection:
    """Save a correction of a recorded inspection under the rules recording it kept (two officers
    on site, the model's own rules): an edit cannot make what a new record could not be."""
    check_officers(inspection, list(inspection.officers.all()))
    inspection.full_clean()
    inspection._history_user = by
    inspection.save()
    return inspection


def _issue_documents(inspection: Inspection, requested: dict[str, str], *, automatic=True):
    kinds = dict(requested)
    if automatic and inspection.is_on_site:
        kinds.setdefault(InspectionDocument.Kind.RESULT_RECORD, "")
    if automatic and inspection.points_deducted:
        kinds.setdefault(InspectionDocument.Kind.SCORE_NOTICE, "")
    for kind in InspectionDocument.Kind.values:
        if kind not in kinds:
            continue
        number = kinds[kind] or next_document_number(inspection.township, kind, inspection.inspected_on.year)
        document = InspectionDocument(
            inspection=inspection, kind=kind, number=number, issued_on=inspection.inspected_on
        )
        document.full_clean()
        document.save()
