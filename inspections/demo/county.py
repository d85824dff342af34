"""County-scale demo data for the benchmarks (`seed_demo --scale county`): five years of ledgers.

Per year, for 15 townships (`factor` 1): ~18,000 on-site inspections with their checklist item
results, documents and scores (levels and the negative list move as `ScoringPolicy` says),
~1,500 rectifications (most closed by a follow-up), ~3,000 sampled batches with the disposal of
the failed ones, ~40,000 rapid tests, ~300 cases, ~1,000 complaints, banquets and the activity
ledgers in proportion. The rules are the normal demo's (`inspections/demo/`) and the services'
(`record_inspection`), replayed in memory and written by `BulkWriter` with their audit trail,
since saving 1.5 million rows one by one would take hours. Same seed, same rows.
"""

import bisect
import datetime
from collections import defaultdict
from decimal import Decimal

from registry.demo import SURNAMES, _person, _phone
from registry.demo_county import moment, scaled

from ..models import (
    Banquet,
    Campaign,
    Case,
    ChecklistTemplate,
    Complaint,
    ConfiscatedGoods,
    Inspection,
    InspectionDocument,
    InspectionItemResult,
    Interview,
    ItemOutcome,
    Lecture,
    LevelChange,
    MajorEvent,
    ManualDistribution,
    NegativeListEntry,
    PublicityEvent,
    RapidTest,
    RapidTestItem,
    Rectification,
    RuleParameter,
    Sample,
    SampleDisposal,
    ScoreRecord,
    ScoringPolicy,
    StudySession,
    Training,
)
from ..services.inspections import DOCUMENT_PREFIX, township_abbreviation
from ..workdays import add_working_days
from .activities import TRAININGS
from .cases import CASE_KINDS, CLINICS
from .common import C, S
from .complaints import CHANNELS, COMPLAINT_TOPICS, FOODS, _outcome
from .inspections import CAMPAIGN_TARGETS, NOTES, VISITS
from .rapid_tests import RAPID_SAMPLES, RAPID_WEIGHTS, _rapid_value
from .sampling import AGENCIES, SAMPLE_FOODS, SAMPLE_SOURCES

YEARS = range(2022, 2027)
# Per item, the chance it fails: with ~15 items, about 1,500 rectifications from 18,000 visits.
FAIL_CHANCE = {True: 0.005, False: 0.015}
SAMPLES_PER_TOWNSHIP = 200
SAMPLE_FAIL_RATE = 0.06
CASES_PER_TOWNSHIP = 12  # besides those filed on failed samples: ~300 a year in all
COMPLAINTS_PER_TOWNSHIP = 67
BANQUETS_PER_TOWNSHIP = 75
DAY = datetime.timedelta(days=1)

I = Inspection  # noqa: E741


def _day(rng, start, end):
    return start + DAY * rng.randrange(0, max(1, (end - start).days + 1))


class Rules:
    """The configuration the services read from the database, read once."""

    def __init__(self, county):
        self.templates = defaultdict(list)  # category → [(effective_from, template, items)]
        for template in ChecklistTemplate.objects.filter(is_active=True).prefetch_related("items"):
            self.templates[template.category].append((template.effective_from, template, list(template.items.all())))
        for rows in self.templates.values():
            rows.sort(key=lambda r: (r[0], r[1].pk))
        self.policy = ScoringPolicy.objects.in_force(county.pk, datetime.date(YEARS[0], 1, 1))
        self.parameters = defaultdict(list)
        for rule in RuleParameter.objects.order_by("effective_from"):
            self.parameters[rule.key].append((rule.effective_from, rule.value))
        self.rapid_items = {item.name: item.pk for item in RapidTestItem.objects.filter(name__in=RAPID_WEIGHTS)}

    def template_for(self, category, day):
        rows = self.templates.get(category, [])
        index = bisect.bisect_right([r[0] for r in rows], day)
        return rows[index - 1][1:] if index else (None, [])

    def value_on(self, key, day):
        values = [value for start, value in self.parameters.get(key, []) if start <= day]
        return values[-1] if values else RuleParameter.DEFAULTS[key]


class CountyLedgers:
    def __init__(self, writer, rng, cast, today, factor):
        self.writer, self.rng, self.cast, self.today, self.factor = writer, rng, cast, today, factor
        self.rules = Rules(cast.county)
        self.numbers = defaultdict(int)  # (township, kind, year) → last number issued
        self.points = defaultdict(int)  # (operator, year) → points so far
        self.listed = set()  # operators on the negative list

    def add(self, model, day, by, **row):
        """A ledger record entered on `day` by `by`, with its audit trail entry."""
        row["id"] = self.writer.next_id(model)
        row.setdefault("created_at", moment(day, row["id"]))
        row["created_by_id"] = by.pk
        self.writer.add(model, row)
        return row

    def seed(self):
        for year in YEARS:
            end = min(datetime.date(year, 12, 28), self.today)
            campaigns = self.campaigns(year)
            for index, township in enumerate(self.cast.townships, start=1):
                self.township, self.township_index = township, index
                self.inspectors = self.cast.inspectors[township.pk]
                ops = self.cast.operators[township.pk]
                self.active = [op for op in ops if op.active_on(end)]
                # Inspected while open: those cancelled during the year too, up to their cancellation.
                self.inspections(
                    [op for op in ops if op.active_on(datetime.date(year, 1, 1)) or op in self.active],
                    year,
                    end,
                    campaigns,
                )
                self.samples(year, end)
                self.cases(year, end)
                self.rapid_tests(year, end)
                self.complaints(year, end)
                self.banquets(year, end)
                self.activities(year, end)

    def pick(self, *categories, subtypes=()):
        return [
            op
            for op in self.active
            if (not categories or op.category in categories) and (not subtypes or op.subtype in subtypes)
        ]

    def number(self, kind, day):
        key = (self.township.pk, kind, day.year)
        self.numbers[key] += 1
        return self.numbers[key]

    # -- 专项整治 ---------------------------------------------------------------------------

    def campaigns(self, year):
        county, by = self.cast.county, self.cast.users["admin"]
        rows = [
            ("春节期间食品安全专项整治", Campaign.Theme.FESTIVAL, (1, 15), (3, 5), None),
            ("春季校园及周边食品安全专项检查", Campaign.Theme.SCHOOL, (2, 20), (3, 31), None),
            ("农村假冒伪劣食品专项整治", Campaign.Theme.RURAL, (4, 1), (6, 30), None),
            ("“四小”规范提升专项整治", Campaign.Theme.SMALL, (5, 10), (7, 31), self.cast.townships[year % 15]),
            ("秋季校园及周边食品安全专项检查", Campaign.Theme.SCHOOL, (8, 25), (9, 30), None),
            ("中秋国庆节日期间食品安全专项整治", Campaign.Theme.FESTIVAL, (9, 15), (10, 8), None),
        ]
        result = []
        for name, theme, start, end, township in rows:
            start, end = datetime.date(year, *start), datetime.date(year, *end)
            if start > self.today:
                continue
            row = self.add(
                Campaign,
                start - 10 * DAY,
                by,
                county_id=county.pk,
                township_id=township.pk if township else None,
                name=f"{year}年{name}",
                theme=theme,
                start_date=start,
                end_date=end,
                description=f"按照县局部署，开展{name}，重点检查节假日消费量大、群众关注度高的食品。",
            )
            result.append(row)
        return result

    # -- 监督检查, 整改, 记分 -----------------------------------------------------------------

    def inspections(self, operators, year, end, campaigns):
        rng = self.rng
        visits = []
        for op in operators:
            if op.county_supervised:
                continue
            start = max(op.registered_on, datetime.date(year, 1, 5))
            last = min(end, op.cancelled_on - DAY) if op.cancelled_on else end
            if start >= last:
                continue
            count = VISITS[op.risk_level] + (1 if rng.random() < 0.25 else 0)
            visits += [(_day(rng, start, last), op.id, op, False) for _ in range(count)]
            if op.trace_platform and rng.random() < 0.3:
                visits.append((_day(rng, start, last), op.id, op, True))
        visits.sort(key=lambda v: v[:2])
        for day, _, op, online in visits:
            self.inspect(op, day, campaigns, online)

    def inspect(self, op, day, campaigns, online):
        rng, writer = self.rng, self.writer
        by, partner = rng.sample(self.inspectors, 2)
        if online:
            row = self.add(
                Inspection,
                day,
                by,
                township_id=op.township_id,
                operator_id=op.id,
                inspected_on=day,
                kind=I.Kind.ONLINE,
                result=I.Result.PASS if rng.random() < 0.9 else I.Result.BASIC,
                findings="网上巡查：证照齐全，进货信息按要求录入追溯平台。",
                officer_count=1,
            )
            self.officers(row, [by])
            return
        campaign = next(
            (
                c
                for c in campaigns
                if c["start_date"] <= day <= c["end_date"]
                and op.category in CAMPAIGN_TARGETS.get(c["theme"], set())
                and c["township_id"] in (None, op.township_id)
            ),
            None,
        )
        kind = I.Kind.SPECIAL if campaign else rng.choice([I.Kind.ROUTINE] * 5 + [I.Kind.RANDOM])
        template, items = self.rules.template_for(op.category, day)
        entries = []
        for item in items:
            failed = rng.random() < FAIL_CHANCE[item.is_key]
            corrected = failed and not item.is_key and rng.random() < 0.5
            entries.append(
                (item, ItemOutcome.FAIL if failed else ItemOutcome.PASS, corrected, rng.choice(NOTES) if failed else "")
            )
        failed = [e for e in entries if e[1] == ItemOutcome.FAIL]
        if template:
            suggested = template.judge((item.is_key, outcome) for item, outcome, _, _ in entries)
        else:
            # Before the checklists took effect the office recorded only the result.
            suggested = rng.choices([I.Result.PASS, I.Result.BASIC, I.Result.FAIL], [90, 8, 2])[0]
        points = sum(item.points for item, *_ in failed)
        row = self.add(
            Inspection,
            day,
            by,
            township_id=op.township_id,
            operator_id=op.id,
            inspected_on=day,
            kind=kind,
            campaign_id=campaign["id"] if campaign else None,
            checklist_id=template.pk if template else None,
            result=suggested,
            suggested_result=suggested if template else "",
            findings="；".join(f"{item.text}（{note}）" for item, _, _, note in failed),
            points_deducted=points,
            officer_count=2,
        )
        self.officers(row, [by, partner])
        results = {}
        for item, outcome, corrected, note in entries:
            results[item.pk] = writer.add(
                InspectionItemResult,
                {
                    "inspection_id": row["id"],
                    "item_id": item.pk,
                    "outcome": outcome,
                    "corrected_on_site": corrected,
                    "note": note,
                },
                at=row["created_at"],
                by=by.pk,
            )
        to_rectify = [e for e in failed if not e[2]]
        documents = [InspectionDocument.Kind.RESULT_RECORD]
        if to_rectify:
            documents.append(InspectionDocument.Kind.CORRECTION_ORDER)
        if points:
            documents.append(InspectionDocument.Kind.SCORE_NOTICE)
        if op.subtype == S.SCHOOL and rng.random() < 0.5:
            documents.append(InspectionDocument.Kind.OPINION)
        self.documents(row, documents, by)
        deadline = day + DAY * rng.choice([7, 10, 15, 15, 30])
        opened = []
        for item, _, _, note in to_rectify:
            opened.append(
                {
                    "id": writer.next_id(Rectification),
                    "created_at": row["created_at"],
                    "created_by_id": by.pk,
                    "township_id": op.township_id,
                    "operator_id": op.id,
                    "source": Rectification.Source.INSPECTION,
                    "inspection_id": row["id"],
                    "item_result_id": results[item.pk],
                    "description": item.text + (f"（{note}）" if note else ""),
                    "requirement": "按检查要点要求整改到位，并向市场监管所报告整改情况",
                    "responsible_person": op.legal_representative,
                    "opened_on": day,
                    "deadline": deadline,
                    "status": Rectification.Status.OPEN,
                }
            )
        if points:
            self.score(op, row, failed, by)
        follow_up = deadline + DAY * rng.randrange(-3, 10)
        if opened and follow_up <= self.today and rng.random() <= 0.85:
            check = self.add(
                Inspection,
                follow_up,
                by,
                township_id=op.township_id,
                operator_id=op.id,
                inspected_on=follow_up,
                kind=I.Kind.FOLLOW_UP,
                follows_id=row["id"],
                checklist_id=row["checklist_id"],
                result=I.Result.PASS,
                suggested_result=I.Result.PASS,
                officer_count=2,
            )
            self.officers(check, [by, partner])
            for item, *_ in entries:
                writer.add(
                    InspectionItemResult,
                    {"inspection_id": check["id"], "item_id": item.pk, "outcome": ItemOutcome.PASS},
                    at=check["created_at"],
                    by=by.pk,
                )
            self.documents(check, [InspectionDocument.Kind.RESULT_RECORD], by)
            for rectification in opened:
                writer.add_history(Rectification, rectification, "+", row["created_at"], by.pk)
                rectification.update(
                    status=Rectification.Status.CLOSED,
                    closed_on=follow_up,
                    verified_by_id=check["id"],
                    closing_note="复查核实已整改",
                    reported_on=follow_up - 2 * DAY,
                    updated_at=check["created_at"],
                )
                writer.add(Rectification, rectification, history=False)
                writer.add_history(Rectification, rectification, "~", check["created_at"], by.pk, "复查销号")
        else:
            for rectification in opened:
                writer.add(Rectification, rectification)

    def officers(self, row, users):
        for user in users:
            self.writer.add(Inspection.officers.through, {"inspection_id": row["id"], "user_id": user.pk})

    def documents(self, row, kinds, by):
        day = row["inspected_on"]
        town = township_abbreviation(self.township)
        for kind in kinds:
            number = f"{town}{DOCUMENT_PREFIX[kind]}〔{day.year}〕{self.number(kind, day)}号"
            self.writer.add(
                InspectionDocument,
                {"inspection_id": row["id"], "kind": kind, "number": number, "issued_on": day},
                at=row["created_at"],
                by=by.pk,
            )

    def score(self, op, inspection, failed, by):
        """记分 and what it sets off (apply_scoring_policy, replayed)."""
        day = inspection["inspected_on"]
        points = inspection["points_deducted"]
        score = self.add(
            ScoreRecord,
            day,
            by,
            township_id=op.township_id,
            operator_id=op.id,
            inspection_id=inspection["id"],
            scored_on=day,
            points=points,
            reason="；".join(f"{item.number}. {item.text}" for item, *_ in failed if item.points)[:300],
        )
        policy = self.rules.policy
        if policy is None:
            return
        self.points[op.id, day.year] += points
        total = self.points[op.id, day.year]
        cause = f"{day.year}年累计记分{total}分（本次{points}分）"
        credit = policy.credit_level_for(total)
        if "ABC".index(credit) > "ABC".index(op.credit_level):
            self.level_change(op, "credit", credit, day, cause, score, by)
        if total - points < policy.risk_raise_from <= total and op.risk_level != "D":
            self.level_change(op, "risk", "ABCD"["ABCD".index(op.risk_level) + 1], day, cause, score, by)
        if total >= policy.negative_list_from and op.id not in self.listed:
            self.listed.add(op.id)
            self.add(
                NegativeListEntry,
                day,
                by,
                township_id=op.township_id,
                operator_id=op.id,
                listed_on=day,
                reason=f"{cause}，达到列入负面清单分值（{policy.negative_list_from}分）",
            )

    def level_change(self, op, level, new, day, cause, score, by):
        field = f"{level}_level"
        self.writer.add(
            LevelChange,
            {
                "operator_id": op.id,
                "level": level,
                "changed_on": day,
                "old": getattr(op, field),
                "new": new,
                "cause": cause,
                "score_id": score["id"],
                "created_by_id": by.pk,
                "created_at": score["created_at"],
            },
        )
        setattr(op, field, new)
        op.changes.append((day, by.pk, cause, field, new))

    # -- 监督抽检, 核查处置, 立案查处 ---------------------------------------------------------

    def samples(self, year, end):
        rng = self.rng
        pools = {key: self.pick(*categories) for key, categories in SAMPLE_SOURCES.items()}
        count = scaled(SAMPLES_PER_TOWNSHIP, self.factor)
        start = datetime.date(year, 2, 20)
        for serial in range(1, count + 1):
            sampled_on = _day(rng, start, end - 3 * DAY)
            name, category, items, failure, source = rng.choice(SAMPLE_FOODS)
            pool = pools[source] or pools["shop"] or self.active
            op = rng.choice(pool)
            by = rng.choice(self.inspectors)
            report = sampled_on + DAY * rng.randrange(10, 26)
            row = {
                "township_id": self.township.pk,
                "operator_id": op.id,
                "batch_no": f"NCP{year % 100:02d}{self.township_index:02d}0799{serial:05d}",
                "sampled_on": sampled_on,
                "sample_name": name,
                "food_category": category,
                "manufacturer": ""
                if category in (Sample.FoodCategory.CATERING, Sample.FoodCategory.FARM_PRODUCE)
                else f"{rng.choice(SURNAMES)}氏食品有限公司",
                "lot": f"{sampled_on - DAY * rng.randrange(5, 60):%Y%m%d}",
                "sampling_body": self.cast.county.bureau_name,
                "testing_agency": rng.choice(AGENCIES),
                "tested_items": items,
            }
            failed = False
            if report <= self.today:
                failed = bool(failure) and rng.random() < SAMPLE_FAIL_RATE * 1.4
                row.update(report_date=report, report_no=f"SP{report:%Y%m%d}{serial:04d}")
                row["result"] = Sample.Result.FAIL if failed else Sample.Result.PASS
                if failed:
                    row["failing_item"], row["standard_value"], row["measured_value"] = failure
                    days = self.rules.value_on(RuleParameter.Key.SAMPLE_DISPOSAL_DAYS, report)
                    row["disposal_deadline"] = report + DAY * days
            sample = self.add(Sample, sampled_on, by, **row)
            if failed:
                self.dispose(sample, op, by)

    def case_number(self, day):
        return f"青市监（{self.township.name[:2]}）立〔{day.year}〕{self.number('case', day)}号"

    def dispose(self, sample, op, by):
        rng, today = self.rng, self.today
        report = sample["report_date"]
        row = {"township_id": sample["township_id"], "sample_id": sample["id"]}
        step = report + DAY * rng.randrange(1, 4)
        if step <= today:
            row["withdrawn_on"] = step
            row["withdrawn_note"] = (
                f"下架封存{sample['sample_name']}{rng.randrange(2, 40)}{rng.choice(['袋', '瓶', '公斤', '箱'])}"
            )
        if sample["manufacturer"] and step <= today and rng.random() < 0.5:
            recalled = step + DAY * rng.randrange(1, 6)
            if recalled <= today:
                row.update(recalled_on=recalled, recall_note="通知标称生产者召回同批次产品")
        case = None
        filed = report + DAY * rng.randrange(4, 15)
        if filed <= today and rng.random() < 0.7:
            case = self.case(
                filed,
                by,
                source=Case.Source.SAMPLING,
                operator_id=op.id,
                cause=f"经营不符合食品安全标准的食品（{sample['sample_name']}，{sample['failing_item']}不合格）",
                goods=(ConfiscatedGoods.Kind.FAILED_FOOD, sample["sample_name"], "kg"),
            )
            row["case_id"] = case["id"]
        completed = report + DAY * rng.randrange(35, 85)
        if completed <= today and row.get("withdrawn_on") and (case is None or case.get("decided_on")):
            steps = [completed, row.get("recalled_on"), case.get("decided_on") if case else None]
            row["completed_on"] = max(day for day in steps if day)
            row["notes"] = "已督促经营者下架、退市不合格产品并查明进货来源，整改到位。"
        self.add(SampleDisposal, report + DAY, by, **row)

    def case(self, filed, by, *, goods=None, **row):
        rng, today = self.rng, self.today
        row.update(township_id=self.township.pk, case_no=self.case_number(filed), filed_on=filed)
        decided = filed + DAY * rng.randrange(15, 70)
        if decided <= today:
            fine = Decimal(rng.choice([0, 2000, 5000, 10000, 20000, 50000]))
            row.update(
                decided_on=decided,
                decision_no=row["case_no"].replace("立", "罚"),
                fine=fine,
                confiscated_money=Decimal(rng.randrange(0, 300) * 10),
                penalty_summary="没收违法所得" + (f"，罚款{fine:.0f}元" if fine else "，警告"),
            )
            closed = decided + DAY * rng.randrange(5, 40)
            if closed <= today:
                row["closed_on"] = closed
        case = self.add(Case, filed, by, **row)
        if goods and row.get("decided_on"):
            kind, description, unit = goods
            quantity = Decimal(rng.randrange(2, 80))
            self.writer.add(
                ConfiscatedGoods,
                {"case_id": case["id"], "kind": kind, "description": description, "quantity": quantity, "unit": unit},
                at=case["created_at"],
                by=by.pk,
            )
        return case

    def cases(self, year, end):
        rng = self.rng
        villages = self.cast.villages[self.township.pk]
        for _ in range(scaled(CASES_PER_TOWNSHIP, self.factor)):
            filed = _day(rng, datetime.date(year, 1, 4), end - 2 * DAY)
            domain, cause, categories, goods = rng.choice(CASE_KINDS)
            row = {
                "domain": domain,
                "cause": cause,
                "source": rng.choice([Case.Source.INSPECTION] * 2 + [Case.Source.COMPLAINT]),
            }
            pool = self.pick(*categories) if categories else []
            if pool:
                row["operator_id"] = rng.choice(pool).id
            else:
                row["party"] = rng.choice(CLINICS).format(place=rng.choice(villages).name.removesuffix("村"))
            self.case(filed, rng.choice(self.inspectors), goods=goods, **row)

    # -- 快检 ------------------------------------------------------------------------------

    def rapid_tests(self, year, end):
        rng, factor = self.rng, self.factor
        names, weights = list(RAPID_WEIGHTS), list(RAPID_WEIGHTS.values())
        mornings = []
        for market in self.pick(C.MARKET):
            day = datetime.date(year, 1, 5) + DAY * rng.randrange(0, 7)
            while day <= end:
                mornings.append((market, day, max(1, round((23 + rng.randrange(0, 25)) * factor))))
                day += DAY * (7 + rng.randrange(0, 8))
        for canteen in self.pick(C.CANTEEN, subtypes=[S.SCHOOL]):
            for month in rng.sample([3, 4, 5, 6, 9, 10, 11, 12], 3):
                mornings.append((canteen, datetime.date(year, month, 1 + rng.randrange(0, 25)), 3))
        mornings.sort(key=lambda m: (m[1], m[0].id))
        for place, day, count in mornings:
            if day > end:
                continue
            by = rng.choice(self.inspectors)
            tester = rng.choice([by.name, _person(rng)]) if place.category == C.MARKET else by.name
            for _ in range(count):
                item = rng.choices(names, weights)[0]
                failed = rng.random() < (0.03 if item == "农残" else 0.008)
                sample = rng.choice(RAPID_SAMPLES[item])
                row = {
                    "township_id": self.township.pk,
                    "tested_on": day,
                    "operator_id": place.id,
                    "vendor": f"{rng.randrange(1, 61)}号摊位" if place.category == C.MARKET else "",
                    "sample_name": sample,
                    "item_id": self.rules.rapid_items[item],
                    "result": RapidTest.Result.FAIL if failed else RapidTest.Result.PASS,
                    "measured_value": _rapid_value(rng, item, failed),
                    "tester": tester,
                }
                if failed:
                    row["disposal"] = f"现场监督销毁{sample}{rng.randrange(2, 15)}公斤，责令摊主说明进货来源"
                    row["retest_result"] = rng.choice(["", RapidTest.Retest.FAIL])
                self.add(RapidTest, day, by, **row)

    # -- 投诉举报 -------------------------------------------------------------------------

    def complaints(self, year, end):
        rng = self.rng
        channels, channel_weights = zip(*CHANNELS, strict=True)
        villages = self.cast.villages[self.township.pk]
        days = sorted(
            _day(rng, datetime.date(year, 1, 2), end) for _ in range(scaled(COMPLAINTS_PER_TOWNSHIP, self.factor))
        )
        for serial, received in enumerate(days, start=1):
            kind, categories, summary = rng.choice(COMPLAINT_TOPICS)
            row = {
                "township_id": self.township.pk,
                "kind": kind,
                "channel": rng.choices(channels, channel_weights)[0],
                "received_on": received,
                "summary": summary.format(food=rng.choice(FOODS)),
            }
            if row["channel"] in ("12315", "12345"):
                row["ticket_no"] = f"{row['channel']}-{received:%Y%m%d}{self.township_index:02d}{serial:03d}"
            pool = self.pick(*categories) if categories else []
            if pool:
                op = rng.choice(pool)
                row.update(operator_id=op.id, village_id=op.village_id)
            else:
                row.update(subject="流动摊贩", village_id=rng.choice(villages).pk)
            days_allowed = self.rules.value_on(Complaint.RULES[kind], received)
            deadline = row["deadline"] = add_working_days(received, days_allowed)
            roll = rng.random()
            if not (deadline < self.today - 20 * DAY and roll < 0.02):
                closed = received + DAY * rng.randrange(1, max(2, (deadline - received).days))
                if roll > 0.9:
                    closed = deadline + DAY * rng.randrange(1, 15)  # closed, but late
                if closed <= self.today:
                    row.update(closed_on=closed, outcome=_outcome(rng, kind), outcome_note="已按规定办理并答复。")
            self.add(Complaint, received, rng.choice(self.inspectors), **row)

    # -- 农村集体聚餐 ----------------------------------------------------------------------

    def banquets(self, year, end):
        rng = self.rng
        villages = self.cast.villages[self.township.pk]
        chefs = self.cast.chefs[self.township.pk]
        for _ in range(scaled(BANQUETS_PER_TOWNSHIP, self.factor)):
            held = _day(rng, datetime.date(year, 1, 10), end)
            reported = held - DAY * rng.randrange(2, 10)
            guests = rng.randrange(25, 48) if rng.random() < 0.1 else rng.randrange(60, 420)
            village = rng.choice(villages)
            row = {
                "township_id": self.township.pk,
                "village_id": village.pk,
                "host": _person(rng),
                "host_phone": _phone(rng),
                "occasion": rng.choice(["wedding", "wedding", "birthday", "funeral", "school", "baby", "housewarming"]),
                "reported_on": reported,
                "held_on": held,
                "meals": rng.choice([1, 1, 2, 3]),
                "place": f"{village.name}{rng.randrange(1, 9)}社举办者家中",
                "tables": max(1, round(guests / rng.choice([8, 10, 10, 12]))),
                "guests": guests,
                "chef_id": rng.choice(chefs) if chefs and rng.random() < 0.93 else None,
                "commitment_signed": rng.random() < 0.92,
                "samples_kept": rng.random() < 0.85,
            }
            if rng.random() < 0.4:
                row.update(inspected=True, inspection_note="现场指导，加工场所整洁，生熟分开")
            self.add(Banquet, reported, rng.choice(self.inspectors), **row)

    # -- 活动台账 ------------------------------------------------------------------------

    def activities(self, year, end):
        rng, factor, township = self.rng, self.factor, self.township
        town = township.name[:2]
        villages = self.cast.villages[township.pk]
        start = datetime.date(year, 1, 4)

        def add(model, day, **row):
            return self.add(model, day, rng.choice(self.inspectors), township_id=township.pk, held_on=day, **row)

        for topic, audience in rng.sample(TRAININGS, min(len(TRAININGS), scaled(7, factor))):
            add(
                Training,
                _day(rng, start, end),
                topic=topic,
                audience=audience,
                attendees=rng.randrange(20, 121),
                place=f"{town}市场监管所会议室",
                lecturer="县局食品安全科",
            )
        caterers = self.pick(C.CATERING, C.CANTEEN)
        shops = self.pick(C.RETAIL, C.SMALL)
        for month, topic, pool in (
            (1, "春节前食品生产经营单位集体约谈会", shops),
            (9, "中秋国庆前餐饮服务单位集体约谈会", caterers),
        ):
            day = datetime.date(year, month, 10 + rng.randrange(0, 10))
            if day > end:
                continue
            chosen = rng.sample(pool, min(len(pool), rng.randrange(8, 20)))
            interview = add(
                Interview,
                day,
                kind=Interview.Kind.MEETING,
                topic=topic,
                interviewees=len(chosen) + rng.randrange(3, 15),
                requirements="落实食品安全主体责任，严格进货查验，建立健全台账。",
            )
            for op in chosen:
                self.writer.add(Interview.operators.through, {"interview_id": interview["id"], "operator_id": op.id})
        for _ in range(scaled(10, factor)):
            add(
                PublicityEvent,
                _day(rng, start, end),
                theme=rng.choice(["market", "village", "festival", "community"]),
                title=f"{town}食品安全宣传",
                place=f"{town}集贸市场",
                materials=rng.randrange(20, 151) * 10,
                consultations=rng.randrange(30, 301),
            )
        for _ in range(scaled(15, factor)):
            add(
                Lecture,
                _day(rng, start, end),
                kind=rng.choice([Lecture.Kind.SCHOOL, Lecture.Kind.SCHOOL, Lecture.Kind.PUBLIC]),
                topic=rng.choice(["开学第一课：校园食品安全", "拒绝“三无”零食", "识别假冒伪劣食品"]),
                venue=f"{town}中心小学",
                audience=rng.randrange(40, 400),
                lecturer=rng.choice(self.inspectors).name,
            )
        for title in ("《餐饮服务单位食品安全自律手册》", "《农村集体聚餐食品安全指导手册》"):
            add(ManualDistribution, _day(rng, start, end), title=title, copies=rng.randrange(10, 51) * 10)
        for village in rng.sample(villages, min(len(villages), scaled(len(villages), factor))):
            add(
                StudySession,
                _day(rng, start, end),
                village_id=village.pk,
                topic="集中学习《食品安全法》",
                attendees=rng.randrange(6, 16),
            )
        for name, month, length in (("春节社火文艺展演", 2, 3), ("高考考点食品安全保障", 6, 3)):
            day = datetime.date(year, month, 7)
            if day > end:
                continue
            event = self.add(
                MajorEvent,
                day,
                rng.choice(self.inspectors),
                township_id=township.pk,
                name=f"{year}年{town}{name}",
                start_date=day,
                end_date=day + DAY * (length - 1),
                diners=rng.randrange(100, 2000),
                officers=rng.randrange(6, 30),
                notes="制定保障方案，全程驻点监督，未发生食品安全事故。",
            )
            for op in rng.sample(caterers, min(len(caterers), rng.randrange(2, 6))):
                self.writer.add(MajorEvent.operators.through, {"majorevent_id": event["id"], "operator_id": op.id})


def seed_county_ledgers(writer, rng, cast, today, factor=1.0):
    CountyLedgers(writer, rng, cast, today, factor).seed()
