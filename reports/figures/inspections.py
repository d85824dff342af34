"""2. Inspections, scoring and rectification (figures.md §2, §7)."""

import datetime

from django.db.models import Count, IntegerField, Min, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce

from inspections.models import Campaign, Inspection, InspectionDocument, NegativeListEntry, Rectification, ScoreRecord
from inspections.models.rectifications import overdue_condition
from registry.models import Operator

from .as_of import field_on, states_on
from .base import FLOW, STOCK, CountFigure, Figure, ListFigure, RatioFigure, Source, SumFigure, Value, fixed

ON_SITE = ~Q(kind=Inspection.Kind.ONLINE)

INSPECTIONS = Source(
    "inspections",
    lambda period: Inspection.objects.valid().between(period.start, period.end),
)
DOCUMENTS = Source(
    "documents",
    lambda period: InspectionDocument.objects.filter(
        inspection__voided_at__isnull=True, issued_on__range=(period.start, period.end)
    ),
    township="inspection__township",
)
# The hazard figures (listed, closed, overdue) are conditions on every valid rectification, so
# the three are counted in one pass over the ledger.
RECTIFICATIONS = Source("rectifications", lambda period: Rectification.objects.valid(), lasting=True)
CAMPAIGNS = Source(
    "campaigns",
    lambda period: Campaign.objects.valid().filter(start_date__lte=period.end, end_date__gte=period.start),
    scoped=lambda records, scope: records.in_townships(scope.township_ids),
)
SCORES = Source(
    "scores",
    lambda period: ScoreRecord.objects.valid().filter(scored_on__range=(period.start, period.end)),
)
NEGATIVE_LIST = Source("negative_list", lambda period: NegativeListEntry.objects.current(period.end))


def active_at_period_end(period):
    """The inspected operator is still registered at the period end (coverage's denominator)."""
    return Q(operator__in=Operator.objects.active_on(period.end).values("pk"))


def inspected_operators(records):
    return Operator.objects.filter(pk__in=records.values("operator")).select_related("township", "village")


def document_count(key, label, kind, definition):
    return CountFigure(
        key=key,
        label=label,
        unit="份",
        definition=definition,
        section=2,
        source=DOCUMENTS,
        where=fixed(Q(kind=kind)),
    )


def campaign_rows(records, period):
    """Each campaign running in the period, with the on-site inspections it had in the scope."""
    return list(
        records.order_by("start_date", "name").values("pk", "name", "start_date", "end_date", "inspection_count")
    )


class CampaignList(ListFigure):
    """Campaigns with their inspection counts: the count is limited to the scope's townships."""

    def records(self, scope, period):
        in_scope = (
            Q(inspections__voided_at__isnull=True)
            & ~Q(inspections__kind=Inspection.Kind.ONLINE)
            & Q(inspections__township__in=scope.township_ids)
            & Q(inspections__inspected_on__range=(period.start, period.end))
        )
        return super().records(scope, period).annotate(inspection_count=Count("inspections", filter=in_scope))


def score_rows(records, period):
    """Points per operator in the period (most first, then by name), with its credit and risk level at the
    period end (two queries)."""
    totals = list(
        records.order_by()
        .values("operator")
        .annotate(points=Sum("points"), scores=Count("pk"))
        .order_by("-points", "operator__name", "operator")
    )
    levels = {
        row["pk"]: row
        for row in Operator.objects.filter(pk__in=[t["operator"] for t in totals])
        .annotate(
            credit_then=field_on(Operator, "credit_level", period),
            risk_then=field_on(Operator, "risk_level", period),
        )
        .values("pk", "name", "township__name", "credit_then", "risk_then")
    }
    return [
        {
            "operator": levels[t["operator"]]["name"],
            "township": levels[t["operator"]]["township__name"],
            "points": t["points"],
            "scores": t["scores"],
            "credit_level": levels[t["operator"]]["credit_then"],
            "risk_level": levels[t["operator"]]["risk_then"],
        }
        for t in totals
    ]


def negative_list_rows(records, period):
    return [
        {"operator": row["operator__name"], "listed_on": row["listed_on"], "reason": row["reason"]}
        for row in records.order_by("listed_on", "pk").values("operator__name", "listed_on", "reason")
    ]


# School terms: every inspection falls in one. 春季 1 Feb–31 Jul, 秋季 1 Aug–31 Jan of the next year.
TERM_STARTS = ((2, 1), (8, 1))


def school_terms(period) -> list[tuple[datetime.date, datetime.date]]:
    """Terms that start inside the period (else the one under way at its start), clipped to its end."""
    terms = []
    for year in range(period.start.year - 1, period.end.year + 1):
        for month, day in TERM_STARTS:
            start = datetime.date(year, month, day)
            end = datetime.date(year, 7, 31) if month == 2 else datetime.date(year + 1, 1, 31)
            terms.append((start, end))
    starting = [(s, min(e, period.end)) for s, e in terms if period.start <= s <= period.end]
    if starting:
        return starting
    return [(period.start, min(e, period.end)) for s, e in terms if s <= period.start <= e]


class TermMinimumFigure(Figure):
    """school_inspections_min_per_term: the fewest on-site inspections any school canteen had in a term."""

    kind = "minimum"

    def schools(self, scope, period):
        school = Q(category=Operator.Category.CANTEEN, subtype=Operator.Subtype.SCHOOL)
        states = states_on(Operator.objects.active_on(period.end), period).filter(school)
        return Operator.objects.filter(pk__in=states.values("id"), township__in=scope.township_ids)

    def records(self, scope, period):
        annotations = {}
        for index, (start, end) in enumerate(school_terms(period), 1):
            visits = (
                Inspection.objects.valid()
                .exclude(kind=Inspection.Kind.ONLINE)
                .filter(operator=OuterRef("pk"), inspected_on__range=(start, end))
                .order_by()
                .values("operator")
                .annotate(n=Count("pk"))
                .values("n")
            )
            annotations[f"term_{index}"] = Coalesce(Subquery(visits, output_field=IntegerField()), 0)
        return self.schools(scope, period).select_related("township", "village").annotate(**annotations)

    def evaluate(self, scope, period):
        terms = school_terms(period)
        records = self.records(scope, period)
        minima = (
            records.order_by()
            .values("township")
            .annotate(**{f"min_{i}": Min(f"term_{i}") for i in range(1, len(terms) + 1)})
        )
        by_township = dict.fromkeys(scope.township_ids)
        for row in minima:
            values = [row[f"min_{i}"] for i in range(1, len(terms) + 1) if row[f"min_{i}"] is not None]
            by_township[row["township"]] = min(values) if values else None
        present = [v for v in by_township.values() if v is not None]
        return Value(self, min(present) if present else None, by_township)


FIGURES = [
    CountFigure(
        key="inspections",
        label="检查食品生产经营单位",
        unit="户次",
        definition="检查日期在本期内的现场监督检查（网上巡查除外）的次数，不含作废记录。",
        section=2,
        source=INSPECTIONS,
        where=fixed(ON_SITE),
    ),
    CountFigure(
        key="operators_inspected",
        label="现场检查覆盖的经营单位",
        unit="户",
        definition="本期内至少接受过一次现场检查、且期末仍在册的食品生产经营者户数（同一单位多次检查只计一户）。",
        section=2,
        source=INSPECTIONS,
        where=lambda period: ON_SITE & active_at_period_end(period),
        distinct="operator",
        distinct_records=inspected_operators,
    ),
    RatioFigure(
        key="inspection_coverage_pct",
        label="监督检查覆盖率",
        unit="%",
        definition="本期接受过现场检查的在册经营单位占期末在册食品生产经营单位总数的百分比。",
        section=2,
        numerator="operators_inspected",
        denominator="operators_total",
    ),
    SumFigure(
        key="officer_turnouts",
        label="出动执法人员",
        unit="人次",
        definition="本期各次现场检查（网上巡查除外）到场检查人员数之和。",
        section=2,
        source=INSPECTIONS,
        where=fixed(ON_SITE),
        field="officer_count",
    ),
    document_count(
        "score_notices",
        "下发记分告知单",
        InspectionDocument.Kind.SCORE_NOTICE,
        "送达日期在本期内的记分告知单份数（所属检查未作废）。",
    ),
    document_count(
        "correction_orders",
        "下发责令改正通知书",
        InspectionDocument.Kind.CORRECTION_ORDER,
        "送达日期在本期内的责令改正通知书份数（所属检查未作废）。",
    ),
    document_count(
        "inspection_opinions",
        "下达监督检查意见书",
        InspectionDocument.Kind.OPINION,
        "送达日期在本期内的监督检查意见书份数（所属检查未作废）。",
    ),
    CountFigure(
        key="online_inspections",
        label="网上巡查",
        unit="户次",
        definition="检查日期在本期内、检查类型为网上巡查（通过电子追溯平台远程检查）的次数。",
        section=2,
        source=INSPECTIONS,
        where=fixed(Q(kind=Inspection.Kind.ONLINE)),
    ),
    CountFigure(
        key="random_checks",
        label="“双随机”抽查",
        unit="户次",
        definition="检查日期在本期内、检查类型为“双随机”抽查的次数。",
        section=2,
        source=INSPECTIONS,
        where=fixed(Q(kind=Inspection.Kind.RANDOM)),
    ),
    TermMinimumFigure(
        key="school_inspections_min_per_term",
        label="每学期对学校食堂日常检查不少于",
        unit="次",
        definition=(
            "期末在册的每所学校食堂在本期每个学期内接受现场检查的次数中的最小值；学期按春季（2月1日至7月31日）、"
            "秋季（8月1日至次年1月31日）划分，计本期内开始的学期（截至期末）。"
        ),
        nature=FLOW,
        section=2,
    ),
    CountFigure(
        key="schools_inspected",
        label="检查学校食堂",
        unit="所",
        definition="本期内接受过现场检查的学校食堂所数（同一食堂多次检查只计一所）。",
        section=2,
        source=INSPECTIONS,
        where=fixed(
            ON_SITE & Q(operator__category=Operator.Category.CANTEEN, operator__subtype=Operator.Subtype.SCHOOL)
        ),
        distinct="operator",
        distinct_records=inspected_operators,
    ),
    CountFigure(
        key="hazards_listed",
        label="挂单整改风险隐患",
        unit="个",
        definition="下达日期在本期内的整改（风险隐患）事项个数。",
        section=2,
        source=RECTIFICATIONS,
        where=lambda period: Q(opened_on__range=(period.start, period.end)),
    ),
    CountFigure(
        key="hazards_closed",
        label="整改销号风险隐患",
        unit="个",
        definition="销号日期在本期内的整改（风险隐患）事项个数，不论何时下达。",
        section=2,
        source=RECTIFICATIONS,
        where=lambda period: Q(status=Rectification.Status.CLOSED, closed_on__range=(period.start, period.end)),
    ),
    CountFigure(
        key="hazards_overdue",
        label="逾期未整改风险隐患",
        unit="个",
        definition="期末仍未销号、且整改期限早于期末的整改（风险隐患）事项个数。",
        nature=STOCK,
        section=2,
        source=RECTIFICATIONS,
        where=lambda period: overdue_condition(period.end),
    ),
    CampaignList(
        key="campaigns",
        label="专项整治",
        unit="项",
        definition="本期内开展（起止日期与本期有交集）的本乡镇及全县统一部署的专项整治，及其在本辖区本期内的现场检查户次。",
        section=2,
        source=CAMPAIGNS,
        rows=campaign_rows,
        columns=(
            ("name", "专项整治"),
            ("start_date", "开始日期"),
            ("end_date", "结束日期"),
            ("inspection_count", "检查户次"),
        ),
    ),
    CountFigure(
        key="rural_shops_inspected",
        label="检查农村食品经营户",
        unit="户",
        definition="本期内在“农村假冒伪劣食品整治”专项整治中接受现场检查的、登记在行政村的经营户户数（同一户只计一次）。",
        section=2,
        source=INSPECTIONS,
        where=fixed(ON_SITE & Q(campaign__theme=Campaign.Theme.RURAL, operator__village__isnull=False)),
        distinct="operator",
        distinct_records=inspected_operators,
    ),
    ListFigure(
        key="score_ledger",
        label="记分情况",
        unit="户",
        definition="本期内被记分的经营者及其累计记分、记分次数，以及期末时的信用等级和风险等级。",
        section=2,
        source=SCORES,
        rows=score_rows,
        columns=(
            ("operator", "经营者"),
            ("township", "乡镇"),
            ("points", "累计记分"),
            ("scores", "记分次数"),
            ("credit_level", "信用等级"),
            ("risk_level", "风险等级"),
        ),
    ),
    ListFigure(
        key="negative_list",
        label="负面清单",
        unit="户",
        definition="期末时列入负面清单（已列入、未移出）的经营者。",
        nature=STOCK,
        section=2,
        source=NEGATIVE_LIST,
        rows=negative_list_rows,
        columns=(("operator", "经营者"), ("listed_on", "列入日期"), ("reason", "列入原因")),
    ),
]
