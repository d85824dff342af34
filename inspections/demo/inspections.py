"""Demo inspections: each operator visited as its risk level asks, with follow-ups."""

import datetime

from registry.models import Operator

from ..models import Campaign, Inspection, InspectionDocument, ItemOutcome, Rectification
from ..services.checklists import ItemEntry, checklist_for
from ..services.inspections import record_inspection

FOLLOW_UP_CLOSES = 0.85  # share of rectifications verified at a follow-up (the rest stay open)

CAMPAIGN_TARGETS = {
    Campaign.Theme.FESTIVAL: {Operator.Category.RETAIL, Operator.Category.CATERING, Operator.Category.WHOLESALE},
    Campaign.Theme.SCHOOL: {Operator.Category.CANTEEN, Operator.Category.RETAIL, Operator.Category.SMALL},
    Campaign.Theme.RURAL: {Operator.Category.RETAIL, Operator.Category.SMALL, Operator.Category.WHOLESALE},
    Campaign.Theme.SMALL: {Operator.Category.SMALL},
}

VISITS = {"A": 1, "B": 1, "C": 2, "D": 3}

NOTES = ["现场发现问题，已当面告知", "台账记录不全", "部分物品未离地存放", "记录未及时填写", "健康证过期"]


def seed_inspections(rng, cast, today):
    campaigns = list(Campaign.objects.all())
    checklists = {}  # template id → its items, read once
    for township in cast.townships:
        officers = [cast.users[f"{township.code}_jgy1"], cast.users[f"{township.code}_jgy2"]]
        operators = Operator.objects.filter(township=township).active_on(today).order_by("pk")
        visits = []
        for operator in operators:
            if operator.supervising_body == Operator.SupervisingBody.COUNTY:
                continue
            count = VISITS[operator.risk_level] + (1 if rng.random() < 0.25 else 0)
            start = max(operator.registered_on, datetime.date(today.year, 1, 5))
            if start >= today:
                continue
            span = (today - start).days
            days = sorted(start + datetime.timedelta(days=rng.randrange(0, span)) for _ in range(count))
            visits += [(day, operator.pk, operator, False) for day in days]
            if operator.trace_platform and rng.random() < 0.3:
                online_day = start + datetime.timedelta(days=rng.randrange(0, span))
                visits.append((online_day, operator.pk, operator, True))
        visits.sort(key=lambda v: v[:2])
        for day, _, operator, online in visits:
            _inspect(rng, operator, day, officers, campaigns, today, checklists, online=online)


def _inspect(rng, operator, day, officers, campaigns, today, checklists, *, online=False):
    by = officers[0]
    if online:
        inspection = Inspection(
            operator=operator,
            inspected_on=day,
            kind=Inspection.Kind.ONLINE,
            result=Inspection.Result.PASS if rng.random() < 0.9 else Inspection.Result.BASIC,
            findings="网上巡查：证照齐全，进货信息按要求录入追溯平台。",
        )
        record_inspection(inspection=inspection, officers=[by], items=[], by=by)
        return
    campaign = next(
        (
            c
            for c in campaigns
            if c.covers(day)
            and operator.category in CAMPAIGN_TARGETS.get(c.theme, set())
            and (c.township_id is None or c.township_id == operator.township_id)
        ),
        None,
    )
    kind = Inspection.Kind.SPECIAL if campaign else rng.choice([Inspection.Kind.ROUTINE] * 5 + [Inspection.Kind.RANDOM])
    template = checklist_for(operator, day)
    if template and template.pk not in checklists:
        checklists[template.pk] = list(template.items.all())
    entries = []
    for item in checklists[template.pk] if template else []:
        chance = 0.02 if item.is_key else 0.05
        failed = rng.random() < chance
        entries.append(
            ItemEntry(
                item=item,
                outcome=ItemOutcome.FAIL if failed else ItemOutcome.PASS,
                corrected_on_site=failed and not item.is_key and rng.random() < 0.5,
                note=rng.choice(NOTES) if failed else "",
            )
        )
    failed = [e for e in entries if e.outcome == ItemOutcome.FAIL]
    inspection = Inspection(
        operator=operator,
        inspected_on=day,
        kind=kind,
        campaign=campaign,
        findings="；".join(f"{e.item.text}（{e.note}）" for e in failed) if failed else "",
    )
    documents = {}
    if any(not e.corrected_on_site for e in failed):
        documents[InspectionDocument.Kind.CORRECTION_ORDER] = ""
    if operator.subtype == Operator.Subtype.SCHOOL and rng.random() < 0.5:
        documents[InspectionDocument.Kind.OPINION] = ""
    inspection = record_inspection(
        inspection=inspection,
        officers=officers,
        items=entries,
        by=officers[0],
        documents=documents,
        rectification_deadline=day + datetime.timedelta(days=rng.choice([7, 10, 15, 15, 30])),
    )
    opened = list(inspection.rectifications.all())
    if not opened:
        return
    follow_up_day = max(r.deadline for r in opened) + datetime.timedelta(days=rng.randrange(-3, 10))
    if follow_up_day > today or rng.random() > FOLLOW_UP_CLOSES:
        return  # left open: some of these are overdue on the demo's today
    follow_up = Inspection(
        operator=operator, inspected_on=follow_up_day, kind=Inspection.Kind.FOLLOW_UP, follows=inspection
    )
    items = [ItemEntry(item=e.item) for e in entries]
    record_inspection(inspection=follow_up, officers=officers, items=items, by=officers[0], closes=opened)
    for rectification in opened:
        Rectification.objects.filter(pk=rectification.pk).update(reported_on=follow_up_day - datetime.timedelta(days=2))
