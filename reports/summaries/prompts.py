"""Where the office's own sections start: a first draft to edit, in the words the real summaries use.

Only the sections no ledger can write start with text (problems, plans); it holds no number, so
nothing in it can contradict the figures. The overview and highlights start empty, with a hint.
"""

from .facts import Texts

HINTS = {
    "overview": "可写全年食品安全形势的总体评价，如是否发生食品安全事故。不需要时留空。",
    "highlights": "可写台账记录不到的工作和亮点，如修订应急预案、餐厨废弃物处置、示范创建。不需要时留空。",
    "problems": "每段一条问题；数字请引用正文或附表中的统计指标。",
    "plans": "每段一项打算。",
}

PROBLEMS = (
    "{period}，虽然做了大量工作，但与上级要求和人民群众期盼相比还有一定差距，主要表现在：",
    "一是部分经营者主体责任落实不到位，食品安全意识薄弱，从业人员培训和内部管理不够规范。",
    "二是“三小”基础薄弱，规范提升的难度较大，电子追溯平台推广使用仍有制约因素。",
    "三是监管力量相对薄弱，执法装备不足，专业技术人员短缺，影响监管执法效能。",
)

PLANS = (
    "下一步，{we}将紧紧围绕食品安全重点任务，不断强化工作措施，重点抓好以下几方面工作：",
    "一是严格落实各项监管措施，加大执法办案力度，对发现的问题依法从严查处。",
    "二是加大督促检查力度，对风险隐患挂单整改、逐个销号，确保整改到位。",
    "三是加大食品安全宣传培训力度，提高经营者守法意识和群众食品安全意识。",
    "四是统筹协调，发挥食品安全领导小组作用，形成齐抓共管的社会共治格局。",
)


def starting_texts(*, period_label: str, we: str) -> Texts:
    return Texts(
        overview="",
        highlights="",
        problems="\n".join(PROBLEMS).format(period=period_label, we=we),
        plans="\n".join(PLANS).format(period=period_label, we=we),
    )
