"""What the ledgers suggest for "存在的问题": shown beside the editor, never written into the text.

The office decides what its problems are; these are the figures that point at some (overdue
rectifications, rates below 100%), each linked to its records.
"""

from .. import figures as catalogue
from .facts import Facts
from .sentences import Sentence

KEYS = (
    "hazards_overdue",
    "inspection_coverage_pct",
    "school_inspections_min_per_term",
    "failed_disposed_pct",
    "complaints_closed_on_time_pct",
    "trace_platform_pct",
)
FULL = 100


def problem_hints(report) -> list[Sentence]:
    values = catalogue.values(report.scope, report.period, KEYS)
    f = Facts(report.scope, report.period, report.place, [], values, {})
    hints = []

    def below_full(key, label):
        value = values[key].total
        if value is not None and value < FULL:
            hints.append(Sentence(f).text(label).number(key))

    if f.has("hazards_overdue"):
        hints.append(Sentence(f).text("逾期未整改的风险隐患").number("hazards_overdue"))
    below_full("inspection_coverage_pct", "现场检查覆盖在册经营单位的")
    if values["school_inspections_min_per_term"].total == 0:
        hints.append(Sentence(f).text("有学校食堂在某个学期内未接受现场检查"))
    below_full("failed_disposed_pct", "不合格食品核查处置率")
    below_full("complaints_closed_on_time_pct", "投诉举报按时办结率")
    below_full("trace_platform_pct", "电子追溯平台开通率")
    return hints
