"""Demo complaints and reports."""

from ..models import Case, Complaint
from .common import YEAR_START, C, _day, _days, _inspectors, _operator_pools, _save

COMPLAINT_TOPICS = [
    (Complaint.Kind.COMPLAINT, (C.RETAIL,), "购买的{food}已超过保质期，要求退货并赔偿"),
    (Complaint.Kind.COMPLAINT, (C.CATERING,), "在该店就餐时饭菜中吃出异物，要求处理"),
    (Complaint.Kind.COMPLAINT, (C.CATERING,), "就餐后出现腹泻症状，怀疑食材不新鲜"),
    (Complaint.Kind.COMPLAINT, (C.RETAIL,), "购买的{food}包装破损、标签不清"),
    (Complaint.Kind.REPORT, (C.CATERING, C.SMALL), "后厨卫生脏乱，从业人员未戴口罩"),
    (Complaint.Kind.REPORT, (C.SMALL,), "小作坊无证生产，环境卫生差"),
    (Complaint.Kind.REPORT, None, "集市上流动摊贩销售“三无”食品"),
    (Complaint.Kind.REPORT, (C.RETAIL,), "商店向未成年人销售散装辣条，无生产日期"),
]

FOODS = ["面包", "酸奶", "火腿肠", "饮料", "月饼", "方便面", "饼干"]

CHANNELS = [("12315", 50), ("12345", 30), ("phone", 10), ("visit", 5), ("letter", 3), ("referral", 2)]


def seed_complaints(rng, cast, today):
    """20–30 complaints and reports per township; most closed on time, a few late, a few overdue."""
    channels, channel_weights = zip(*CHANNELS, strict=True)
    operators = _operator_pools(today)
    for township in cast.townships:
        inspectors = _inspectors(cast, township)
        villages = list(township.villages.order_by("pk"))
        count = 20 + rng.randrange(0, 11)
        received_days = sorted(_day(rng, YEAR_START, today) for _ in range(count))
        overdue_left = 2
        for serial, received_on in enumerate(received_days, start=1):
            kind, categories, summary = rng.choice(COMPLAINT_TOPICS)
            complaint = Complaint(
                township=township,
                kind=kind,
                channel=rng.choices(channels, channel_weights)[0],
                domain=Case.Domain.FOOD,
                received_on=received_on,
                summary=summary.format(food=rng.choice(FOODS)),
            )
            if complaint.channel in ("12315", "12345"):
                complaint.ticket_no = f"{complaint.channel}-{received_on:%Y%m%d}{serial:03d}"
            if categories:
                complaint.operator = rng.choice(operators(township, *categories))
                complaint.village_id = complaint.operator.village_id
            else:
                complaint.subject = "流动摊贩"
                complaint.village = rng.choice(villages)
            deadline = complaint.compute_deadline()
            roll = rng.random()
            if overdue_left and deadline < today - _days(20) and roll < 0.25:
                overdue_left -= 1  # left open past its deadline
            else:
                closed = received_on + _days(rng.randrange(1, max(2, (deadline - received_on).days)))
                if roll > 0.85:
                    closed = deadline + _days(rng.randrange(1, 15))  # closed, but late
                if closed <= today:
                    complaint.closed_on = closed
                    complaint.outcome = _outcome(rng, kind)
                    complaint.outcome_note = {
                        "mediated": "经调解，经营者向消费者退货并赔偿，双方达成一致。",
                        "mediation_failed": "双方未能达成一致，终止调解，告知消费者可依法向人民法院起诉。",
                        "unfounded": "经现场核查，未发现举报所述问题。",
                        "not_filed": "经核查情节轻微并已当场改正，依法不予立案，已责令改正。",
                        "referred": "不属于本部门职责，已移交有关部门处理。",
                    }.get(complaint.outcome, "")
            _save(complaint, rng.choice(inspectors))


def _outcome(rng, kind):
    if kind == Complaint.Kind.COMPLAINT:
        return rng.choices(["mediated", "mediation_failed", "referred"], [80, 15, 5])[0]
    return rng.choices(["unfounded", "not_filed", "referred"], [45, 45, 10])[0]
