"""4. Enforcement: cases, penalties, confiscated goods (figures.md §4)."""

from django.db.models import Count, F, Q

from inspections.models import Case, ConfiscatedGoods

from .base import CountFigure, ListFigure, Source, SumFigure

# Cases are few (hundreds a year in a county): one source of every valid case in scope, and each
# figure says which of its dates must fall inside the period.
CASES = Source("cases", lambda period: Case.objects.valid(), lasting=True)
CONFISCATED = Source(
    "confiscated",
    lambda period: ConfiscatedGoods.objects.filter(
        case__voided_at__isnull=True, case__decided_on__range=(period.start, period.end)
    ),
    township="case__township",
)


def dated(field):
    return lambda period: Q(**{f"{field}__range": (period.start, period.end)})


def transferred_in_period(period):
    # A transfer without its own date counts on the day the case was filed.
    return Q(transferred_to_police=True) & (
        Q(transferred_on__range=(period.start, period.end))
        | Q(transferred_on__isnull=True, filed_on__range=(period.start, period.end))
    )


def decided_with_individual(period):
    return Q(individual_penalised=True, decided_on__range=(period.start, period.end))


def confiscated_rows(records, period):
    return [
        {
            "kind": ConfiscatedGoods.Kind(row["kind"]).label,
            "quantity": row["quantity"],
            "unit": ConfiscatedGoods.Unit(row["unit"]).label,
        }
        for row in records.totals()
    ]


def filed_or_closed(period):
    return Q(filed_on__range=(period.start, period.end)) | Q(closed_on__range=(period.start, period.end))


def domain_rows(records, period):
    filed = Q(filed_on__range=(period.start, period.end))
    closed = Q(closed_on__range=(period.start, period.end))
    rows = (
        records.order_by().values("domain").annotate(filed=Count("pk", filter=filed), closed=Count("pk", filter=closed))
    )
    order = list(Case.Domain)
    return [
        {"domain": Case.Domain(row["domain"]).label, "filed": row["filed"], "closed": row["closed"]}
        for row in sorted(rows, key=lambda r: order.index(r["domain"]))
    ]


PENALTY = F("fine") + F("confiscated_money") + F("individual_fine")

FIGURES = [
    CountFigure(
        key="cases_filed",
        label="立案查处案件",
        unit="起",
        definition="立案日期在本期内的案件（食品、药品等各类），不含作废记录。",
        section=4,
        source=CASES,
        where=dated("filed_on"),
    ),
    CountFigure(
        key="cases_closed",
        label="结案",
        unit="起",
        definition="结案日期在本期内的案件，不论何时立案。",
        section=4,
        source=CASES,
        where=dated("closed_on"),
    ),
    ListFigure(
        key="cases_by_domain",
        label="分领域案件情况",
        unit="起",
        definition="本期立案和结案的案件按领域（食品、药品、医疗器械、化妆品等）分列。",
        section=4,
        source=CASES,
        where=filed_or_closed,
        rows=domain_rows,
        columns=(("domain", "领域"), ("filed", "立案"), ("closed", "结案")),
        total="filed",
    ),
    SumFigure(
        key="fines_total",
        label="罚没款",
        unit="元",
        definition="处罚决定日期在本期内的案件的罚款、没收违法所得和对责任人罚款之和。",
        section=4,
        source=CASES,
        where=dated("decided_on"),
        field=PENALTY,
        decimal=True,
    ),
    ListFigure(
        key="confiscated",
        label="没收物品",
        unit="项",
        definition="处罚决定日期在本期内的案件没收的物品，按种类和计量单位合计数量。",
        section=4,
        source=CONFISCATED,
        rows=confiscated_rows,
        columns=(("kind", "种类"), ("quantity", "数量"), ("unit", "单位")),
    ),
    CountFigure(
        key="cases_to_police",
        label="移交公安",
        unit="起",
        definition="移交日期在本期内的移交公安机关案件（未填移交日期的按立案日期计）。",
        section=4,
        source=CASES,
        where=transferred_in_period,
    ),
    CountFigure(
        key="individuals_penalised",
        label="处罚到人",
        unit="起",
        definition="处罚决定日期在本期内、并对责任人作出处罚的案件。",
        section=4,
        source=CASES,
        where=decided_with_individual,
    ),
]
