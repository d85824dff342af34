"""3. Sampling (抽检) and rapid tests (快检) (figures.md §3, §7)."""

from django.db.models import Q

from inspections.models import RapidTest, Sample
from inspections.models.sampling import disposal_done_by

from .base import CountFigure, ListFigure, RatioFigure, Source, fixed

FAILED = Q(result=Sample.Result.FAIL)

SAMPLES = Source("samples", lambda period: Sample.objects.valid().between(period.start, period.end))
RAPID_TESTS = Source("rapid_tests", lambda period: RapidTest.objects.valid().between(period.start, period.end))


def disposal_completed_by_period_end(period):
    """Counted as completed when its completion date is on or before the period end (figures.md §7)."""
    return FAILED & disposal_done_by(period.end)


def case_filed_by_period_end(period):
    return FAILED & Q(
        disposal__voided_at__isnull=True,
        disposal__case__voided_at__isnull=True,
        disposal__case__filed_on__lte=period.end,
    )


def penalty_decided_by_period_end(period):
    return FAILED & Q(
        disposal__voided_at__isnull=True,
        disposal__case__voided_at__isnull=True,
        disposal__case__decided_on__lte=period.end,
    )


def samples(key, label, definition, where=None):
    return CountFigure(key=key, label=label, unit="批次", definition=definition, section=3, source=SAMPLES, where=where)


def failed_share(key, label, numerator, definition):
    return RatioFigure(
        key=key,
        label=label,
        unit="%",
        definition=definition,
        section=3,
        numerator=numerator,
        denominator="samples_failed",
    )


def rapid_test_rows(records, period):
    return [{"item": row["item__name"], "tests": row["tests"], "failed": row["failed"]} for row in records.by_item()]


FIGURES = [
    samples("samples", "监督抽检食品", "抽样日期在本期内的监督抽检批次，不含作废记录。"),
    samples("samples_failed", "抽检不合格", "本期抽检批次中检验结论为不合格的批次。", fixed(FAILED)),
    samples(
        "samples_with_result",
        "已出检验结论的抽检",
        "本期抽检批次中已出检验结论（合格或不合格）的批次：合格率的分母。",
        fixed(~Q(result="")),
    ),
    samples("samples_passed", "抽检合格", "本期抽检批次中检验结论为合格的批次。", fixed(Q(result=Sample.Result.PASS))),
    RatioFigure(
        key="samples_pass_pct",
        label="抽检合格率",
        unit="%",
        definition="本期抽检合格批次占已出检验结论批次的百分比（待出结果的不计入）。",
        section=3,
        numerator="samples_passed",
        denominator="samples_with_result",
    ),
    RatioFigure(
        key="samples_per_thousand",
        label="每千人抽检批次",
        unit="批次/千人",
        definition="本期监督抽检批次除以辖区户籍人口（千人），对照每千人4批次的要求。",
        section=3,
        numerator="samples",
        denominator="population",
        per=1000,
    ),
    samples(
        "failed_disposed",
        "完成核查处置的不合格批次",
        "本期不合格批次中，核查处置完成日期在期末或之前的。",
        disposal_completed_by_period_end,
    ),
    failed_share(
        "failed_disposed_pct",
        "不合格食品核查处置率",
        "failed_disposed",
        "完成核查处置的不合格批次占本期不合格批次的百分比。",
    ),
    samples(
        "failed_case_filed",
        "已立案的不合格批次",
        "本期不合格批次中，核查处置关联的案件立案日期在期末或之前的（案件未作废）。",
        case_filed_by_period_end,
    ),
    failed_share(
        "failed_case_pct", "不合格食品立案率", "failed_case_filed", "已立案的不合格批次占本期不合格批次的百分比。"
    ),
    samples(
        "failed_penalised",
        "已作出行政处罚的不合格批次",
        "本期不合格批次中，关联案件的处罚决定日期在期末或之前的（案件未作废）。",
        penalty_decided_by_period_end,
    ),
    failed_share(
        "failed_penalty_pct",
        "不合格食品行政处罚率",
        "failed_penalised",
        "已作出行政处罚的不合格批次占本期不合格批次的百分比。",
    ),
    CountFigure(
        key="rapid_tests",
        label="快速检测",
        unit="批次",
        definition="检测日期在本期内的快检批次（每个样品每个检测项目计一批次），不含作废记录。",
        section=3,
        source=RAPID_TESTS,
    ),
    CountFigure(
        key="rapid_tests_failed",
        label="快检不合格",
        unit="批次",
        definition="本期快检批次中结果为不合格的。",
        section=3,
        source=RAPID_TESTS,
        where=fixed(Q(result=RapidTest.Result.FAIL)),
    ),
    ListFigure(
        key="rapid_tests_by_item",
        label="快检分项目情况",
        unit="批次",
        definition="本期快检批次按检测项目（农残、注水肉、亚硝酸盐、瘦肉精、面制品中的铝、双氧水等）分列的批次和不合格批次。",
        section=3,
        source=RAPID_TESTS,
        rows=rapid_test_rows,
        columns=(("item", "检测项目"), ("tests", "检测批次"), ("failed", "不合格批次")),
        total="tests",
    ),
]
