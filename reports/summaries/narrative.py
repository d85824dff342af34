"""The sentences of a summary, one function per topic, each reading the figure values in `Facts`.

Every function returns a `Sentence` (empty when its work has no records in the period: the
outline then leaves it out). Numbers are figures of the catalogue; names come from records (the
list figures' rows, the township or county record). The wording follows the real summaries in
`shared/seeds/`: 000 (township, year), 001 (township, half-year), 002 and 004 (county).
"""

from .sentences import Sentence

# -- opening --------------------------------------------------------------------------------


def opening(f) -> Sentence:
    s = Sentence(f)
    s.text(
        f"{f.when}，{f.name}食品安全工作以习近平新时代中国特色社会主义思想为指引，认真贯彻落实国家和省市县"
        "关于食品安全工作的决策部署，严格落实“四个最严”要求和食品安全“两个责任”，强化日常监管，狠抓任务落实，"
        f"不断提升食品安全保障水平。现将{f.when}工作情况总结如下："
    )
    return s


# -- 基本情况 -----------------------------------------------------------------------------------


def registry_overview(f) -> Sentence:
    """Who is supervised (seed 000): operators by category, then chefs, trucks and vehicles."""
    s = Sentence(f)
    if not f.has("operators_total"):
        return s.text(f"截至{f.as_of}，{f.area}尚未登记食品生产经营单位。")
    s.text(f"截至{f.as_of}，{f.area}共有各类食品生产经营单位").number("operators_total", compare=True)
    s.text("，其中：")
    written = 0
    for label, key, detail in (
        ("食品生产企业", "producers", _county_supervised),
        ("食品批发企业", "wholesalers", None),
        ("食品零售单位", "retailers", _retail_detail),
        ("餐饮服务单位", "caterers", _catering_detail),
        ("“三小”经营单位", "small_total", _small_detail),
        ("农贸市场和集中交易市场", "markets", None),
    ):
        if not f.has(key):
            continue
        if written:
            s.text("，")
        s.text(label).number(key)
        if detail:
            detail(f, s)
        written += 1
    s.text("。")
    others = Sentence(f)
    if others.clauses(
        (("登记建档流动厨师", "mobile_chefs"), ("备案流动餐车", "food_trucks"), ("备案批发车辆", "wholesale_vehicles"))
    ):
        s.runs += others.text("。").runs
    return s


def _in_brackets(f, s, items, *, prefix=""):
    inner = Sentence(f)
    if inner.clauses(items):
        s.text(f"（{prefix}")
        s.runs += inner.runs
        s.text("）")


def _county_supervised(f, s):
    rows = f.rows("producers_supervised_by_county")
    if not rows:
        return
    by_body: dict[str, list[str]] = {}
    for row in rows:
        by_body.setdefault(row["supervising_note"] or "县局", []).append(row["name"])
    s.text("（")
    for index, (body, names) in enumerate(by_body.items()):
        if index:
            s.text("；")
        s.names(names).text(("等" if len(names) > 8 else "") + f"由{body}监管")
    s.text("）")


def _retail_detail(f, s):
    _in_brackets(f, s, (("商超", "supermarkets"), ("食杂店", "grocery_stores")), prefix="其中")


def _catering_detail(f, s):
    _in_brackets(
        f,
        s,
        (
            ("公共餐饮单位", "caterers_public"),
            ("学校食堂", "canteens_school"),
            ("机关单位食堂", "canteens_government"),
            ("养老机构食堂", "canteens_elderly"),
        ),
    )


def _small_detail(f, s):
    _in_brackets(
        f,
        s,
        (
            ("加工小作坊", "small_workshops"),
            ("小销售店", "small_shops"),
            ("小摊点", "small_stalls"),
            ("小餐饮门店", "small_eateries"),
        ),
    )


def registry_overview_half_year(f) -> Sentence:
    """Who is supervised, in the grouping of the half-year summary (seed 001)."""
    s = Sentence(f)
    if not f.has("operators_total"):
        return s.text(f"截至{f.as_of}，{f.area}尚未登记食品生产经营者。")
    s.text(f"{f.area}现有食品生产经营者").number("operators_total", compare=True).text("。其中：")
    groups = Sentence(f)
    groups.clauses((("食品生产企业", "producers"), ("小作坊", "small_workshops")), separator="、")
    if f.has("caterers_public"):
        if groups:
            groups.text("，")
        groups.text("餐饮服务单位").number("caterers_public")
        _in_brackets(
            f,
            groups,
            (("大型餐饮", "caterers_large"), ("中型餐饮", "caterers_medium"), ("小型餐饮", "caterers_small")),
            prefix="其中：",
        )
    for label, key in (
        ("小餐饮店", "small_eateries"),
        ("学校食堂", "canteens_school"),
        ("食品批发户", "wholesalers"),
        ("商超", "supermarkets"),
        ("食杂店", "grocery_stores"),
        ("小经营店", "small_shops"),
        ("流动厨师", "mobile_chefs"),
    ):
        if f.has(key):
            if groups:
                groups.text("、")
            groups.text(label).number(key)
    s.runs += groups.text("。").runs
    return s


def work_overview(f) -> Sentence:
    """The inspection work of the period in one sentence (seed 000: 共检食品生产经营单位*户次…)."""
    s = Sentence(f)
    inspections = Sentence(f)
    written = inspections.clauses(
        (
            ("共检查食品生产经营单位", "inspections"),
            ("出动执法人员", "officer_turnouts"),
            ("现场检查覆盖在册经营单位的", "inspection_coverage_pct"),
        ),
        compare=("inspections", "officer_turnouts"),
    )
    documents = Sentence(f)
    written += documents.clauses(
        (("下发记分告知单", "score_notices"), ("下发责令改正通知书", "correction_orders")),
    )
    if not written:
        return s
    s.text(f"{f.when}，{f.area}")
    return s.join(inspections, documents).text("。")


# -- organisation -------------------------------------------------------------------------------


def leading_group(f) -> Sentence:
    """以镇长某某同志为组长…的食品安全领导小组: the members serving at the period end, from the ledger."""
    s = Sentence(f)
    rows = f.rows("leading_group")
    if not rows:
        return s

    def people(role):
        return [f"{row['position']}{row['name']}同志" for row in rows if row["role"] == role]

    leaders, deputies, members = people("组长"), people("副组长"), people("成员")
    s.text("健全了以")
    parts = []
    if leaders:
        parts.append(("、".join(leaders), "为组长"))
    if deputies:
        parts.append(("、".join(deputies), "为副组长"))
    for index, (names, role) in enumerate(parts):
        s.text(("，" if index else "") + names + role)
    if members:
        s.text("，" if parts else "")
        s.names(members).text("等同志为成员" if len(members) > 8 else "为成员")
    s.text(f"的{f.name}食品安全领导小组，领导小组现有成员").number("leading_group")
    s.text(f"，下设办公室，办公室设在{f.issuer}，具体负责食品安全日常工作。")
    return s


def coordinators(f) -> Sentence:
    s = Sentence(f)
    if not f.has("village_coordinators"):
        return s
    s.text(f"{f.area}")
    if f.has("villages"):
        s.number("villages").text("行政村")
    levels = "县、乡、村三级" if f.scope.is_county else "镇村两级"
    s.text("共配备村级食品安全协管员、信息员").number("village_coordinators")
    return s.text(f"，形成{levels}全方位监管网络。")


def coordinators_half_year(f) -> Sentence:
    s = Sentence(f)
    if not f.has("village_coordinators"):
        return s
    s.text("建立镇协管员、村信息员监管网络。为")
    if f.has("villages"):
        s.text(f.area).number("villages").text("行政村")
    else:
        s.text("各村")
    s.text("配备了食品安全协管员和信息员").number("village_coordinators")
    return s.text("，进一步明确协管员、信息员工作职责。")


# -- supervision --------------------------------------------------------------------------------


def inspections_done(f) -> Sentence:
    """Half-year and county wording of the inspection work, with its coverage."""
    s = Sentence(f)
    if not f.has("inspections"):
        return s
    s.text(f"强化日常监督检查。{f.when}，共检查食品生产经营单位").number("inspections", compare=True)
    more = Sentence(f)
    more.clauses(
        (
            ("出动执法人员", "officer_turnouts"),
            ("“双随机”抽查", "random_checks"),
            ("现场检查覆盖在册经营单位的", "inspection_coverage_pct"),
        ),
        compare=("officer_turnouts", "inspection_coverage_pct"),
    )
    if more:
        s.text("，")
        s.runs += more.runs
    return s.text("。")


def hazards(f) -> Sentence:
    s = Sentence(f)
    if not (f.has("hazards_listed") or f.has("hazards_closed")):
        return s
    s.text("落实风险隐患“挂单”整改制度。对监督检查中发现的风险隐患建立台账，靠实责任人和整改措施，逐个整改销号，")
    s.text(f"{f.when}")
    s.clauses((("督促整改风险隐患", "hazards_listed"), ("整改销号", "hazards_closed")), compare=("hazards_listed",))
    if f.has("hazards_overdue"):
        s.text("；仍有").number("hazards_overdue").text("逾期未整改，需加快督促整改")
    return s.text("。")


def manuals(f) -> Sentence:
    s = Sentence(f)
    if not f.has("manuals_distributed"):
        return s
    s.text("落实食品安全自查制度。编印发放各业态食品生产经营单位自律手册").number("manuals_distributed")
    return s.text("，指导督促经营户每月开展自查自纠。")


def interviews(f) -> Sentence:
    s = Sentence(f)
    if not f.has("interviews"):
        return s
    s.text("深入开展责任约谈。把责任约谈作为落实主体责任的关键来抓，共开展各层面约谈").number("interviews")
    if f.has("interviewees"):
        s.text("，约谈").number("interviewees")
    return s.text("。")


def trainings(f) -> Sentence:
    s = Sentence(f)
    if not f.has("trainings"):
        return s
    s.text("加强重点环节从业人员培训。共开展培训").number("trainings", compare=True)
    if f.has("trainees"):
        s.text("，累计培训").number("trainees", compare=True)
    return s.text("。")


def scoring(f) -> Sentence:
    s = Sentence(f)
    written = Sentence(f)
    count = 0
    if f.has("score_ledger"):
        written.text(f"{f.when}对").number("score_ledger").text("经营者实施记分")
        count += 1
    for label, key in (
        ("下发记分告知单", "score_notices"),
        ("下发责令改正通知书", "correction_orders"),
        ("下达监督检查意见书", "inspection_opinions"),
    ):
        if f.has(key):
            written.text("，" if count else "").text(label).number(key)
            count += 1
    if f.has("negative_list"):
        written.text("；" if count else "").text("列入负面清单并公示的经营者").number("negative_list")
        count += 1
    if not count:
        return s
    s.text("以记分管理为核心实施各项监管措施。将记分情况与信用等级、风险等级有效衔接，")
    s.runs += written.runs
    return s.text("。")


def sunshine(f) -> Sentence:
    s = Sentence(f)
    items = (
        ("餐饮单位实施“明厨亮灶”", "bright_kitchen", "bright_kitchen_pct"),
        ("食品生产企业实施“透明车间”", "transparent_workshop", "transparent_workshop_pct"),
        ("食品批发企业实施“阳光仓储”", "sunshine_warehouse", "sunshine_warehouse_pct"),
    )
    present = [item for item in items if f.has(item[1])]
    if not present:
        return s
    s.text(f"深入推进“阳光操作”建设。截至{f.as_of}，{f.area}")
    for index, (label, key, share) in enumerate(present):
        s.text("；" if index else "").text(label).number(key)
        if f.has(share):
            s.text("，占").number(share)
    return s.text("。")


def traceability(f) -> Sentence:
    s = Sentence(f)
    if not (f.has("trace_platform") or f.has("online_inspections")):
        return s
    s.text("大力推广应用电子追溯平台。严格落实索证索票和进货查验制度，")
    if f.has("trace_platform"):
        s.text(f"{f.area}开通使用食品安全电子追溯平台").number("trace_platform")
        if f.has("trace_platform_pct"):
            s.text("，占餐饮、流通和小作坊经营户的").number("trace_platform_pct")
        if f.has("online_inspections"):
            s.text("；")
    if f.has("online_inspections"):
        s.text("充分应用平台开展网上巡查").number("online_inspections")
    return s.text("。")


def sampling(f) -> Sentence:
    """Supervisory sampling and rapid tests; nothing at all when neither was recorded."""
    s = Sentence(f)
    if not (f.has("samples") or f.has("rapid_tests")):
        return s
    s.text("积极开展食品监督抽检和食品安全快检工作。")
    if f.has("samples"):
        s.text(f"{f.when}，累计抽检食品").number("samples", compare=True)
        if f.has("samples_failed"):
            s.text("，不合格").number("samples_failed")
        if f.has("samples_pass_pct"):
            s.text("，合格率为").number("samples_pass_pct", compare=True)
        if f.has("samples_per_thousand") and f.scope.is_county:
            s.text("，按4批次/千人的要求，抽检量达到").number("samples_per_thousand")
        rates = Sentence(f)
        rates.clauses(
            (
                ("核查处置率", "failed_disposed_pct"),
                ("立案率", "failed_case_pct"),
                ("行政处罚率", "failed_penalty_pct"),
            ),
            separator="、",
        )
        if rates:
            s.text("；不合格食品")
            s.runs += rates.runs
        s.text("。")
    if f.has("rapid_tests"):
        s.text("开展食品安全快速检测").number("rapid_tests", compare=True)
        items = [row for row in f.rows("rapid_tests_by_item") if row["tests"]]
        if items:
            s.text("，其中")
            for index, row in enumerate(items):
                s.text(("、" if index else "") + row["item"]).row_number("rapid_tests_by_item", row["tests"], "批次")
        if f.has("rapid_tests_failed"):
            s.text("，发现不合格").number("rapid_tests_failed")
        else:
            s.text("，检测结果全部合格")
        s.text("。")
    if f.has("market_rapid_test_sites"):
        s.text(f"{f.area}").number("market_rapid_test_sites").text("农贸市场设有快检室。")
    return s


def small_businesses(f) -> Sentence:
    s = Sentence(f)
    new = [row for row in f.rows("new_registrations") if row["count"]]
    if not (f.has("small_certificates_issued") or new):
        return s
    s.text("持续开展“三小”规范提升。坚持“疏堵结合、规范发展”，")
    if f.has("small_certificates_issued"):
        s.text("累计发放《食品小经营登记证》").number("small_certificates_issued")
    if new:
        s.text("；" if f.has("small_certificates_issued") else "")
        s.text(f"{f.when}新登记食品生产经营者").number("new_registrations").text("（")
        for index, row in enumerate(new):
            s.text(("、" if index else "") + row["kind"]).row_number("new_registrations", row["count"], "户")
        s.text("）")
    return s.text("。")


# -- priorities -----------------------------------------------------------------------------------


def campaigns(f) -> Sentence:
    s = Sentence(f)
    rows = f.rows("campaigns")
    if not rows:
        return s
    s.text("持续开展专项整治。以日常监管为线、专项整治为点，组织开展了")
    if f.scope.is_county:
        # Townships may run campaigns of the same name: the county names each once.
        s.names(list(dict.fromkeys(row["name"] for row in rows)), limit=12)
    else:
        for index, row in enumerate(rows):
            s.text(("、" if index else "") + row["name"])
            if row["inspection_count"]:
                s.text("（检查").row_number("campaigns", row["inspection_count"], "户次").text("）")
    s.text("等").number("campaigns").text("专项整治")
    if f.has("rural_shops_inspected"):
        s.text("，在农村假冒伪劣食品整治中检查农村食品经营户").number("rural_shops_inspected")
    return s.text("。")


def schools(f) -> Sentence:
    s = Sentence(f)
    if not (f.has("schools_inspected") or f.has("school_lectures")):
        return s
    s.text("学校食堂食品安全再上台阶。持续加强学校食堂和校园周边食品安全监管，")
    if f.has("schools_inspected"):
        s.text(f"{f.when}对").number("schools_inspected").text("学校食堂开展现场检查")
        if f.has("school_inspections_min_per_term"):
            s.text("，每学期对每所学校食堂日常检查不少于").number("school_inspections_min_per_term")
    if f.has("school_lectures"):
        s.text("；" if f.has("schools_inspected") else "").text("开展学校食品安全知识讲座").number("school_lectures")
    return s.text("。")


def fume(f) -> Sentence:
    s = Sentence(f)
    if not f.has("fume_purifiers"):
        return s
    s.text(f"深入开展餐饮业油烟治理。督促餐饮单位安装油烟净化装置、推广使用清洁能源，截至{f.as_of}，{f.area}")
    return s.text("安装油烟净化装置或使用清洁能源的餐饮单位").number("fume_purifiers").text("。")


def banquets_and_trucks(f) -> Sentence:
    s = Sentence(f)
    banquets = Sentence(f)
    banquets.clauses(
        (
            ("农村集体聚餐报告登记", "collective_dinners"),
            ("就餐", "dinner_guests"),
            ("开展现场检查指导", "dinners_inspected"),
        ),
        compare=("collective_dinners",),
    )
    trucks = Sentence(f)
    if f.has("food_trucks"):
        trucks.text(f"{f.area}备案流动餐车").number("food_trucks")
        if f.has("food_trucks_gps"):
            trucks.text("，其中").number("food_trucks_gps").text("安装了GPS定位系统和摄像头，全程监控操作流程")
    if not (banquets or trucks):
        return s
    s.text("加强农村集体聚餐和流动餐车监管。落实农村自办宴席备案登记、报告和食品留样制度，")
    if banquets:
        s.text(f"{f.when}")
    return s.join(banquets, trucks).text("。")


def events(f) -> Sentence:
    s = Sentence(f)
    rows = f.rows("events_assured")
    if not rows:
        return s
    s.text("加大重大活动食品安全监管。完成了")
    s.names(list(dict.fromkeys(row["name"] for row in rows)))  # a county's townships share exam names
    return s.text("等").number("events_assured").text("重大活动的食品安全保障工作。")


def insurance(f) -> Sentence:
    s = Sentence(f)
    if not f.has("insured"):
        return s
    s.text("推行食品安全责任保险。积极引导重点食品生产经营单位参加食品安全责任保险，")
    return s.text(f"截至{f.as_of}，{f.area}共").number("insured").text("食品生产经营单位购买了食品安全责任保险。")


# -- enforcement ----------------------------------------------------------------------------------


def cases(f) -> Sentence:
    s = Sentence(f)
    if not (f.has("cases_filed") or f.has("cases_closed") or f.has("fines_total")):
        return s
    s.text(f"坚持“严”字当头，严厉打击食品安全违法行为。{f.when}，")
    written = 0
    if f.has("cases_filed"):
        s.text("立案查处各类违法案件").number("cases_filed", compare=True)
        domains = [row for row in f.rows("cases_by_domain") if row["filed"]]
        if len(domains) > 1:
            s.text("（其中")
            for index, row in enumerate(domains):
                s.text(("、" if index else "") + f"{row['domain']}案件")
                s.row_number("cases_by_domain", row["filed"], "起")
            s.text("）")
        written += 1
    if f.has("cases_closed"):
        s.text("，" if written else "").text("结案").number("cases_closed")
        written += 1
    if f.has("fines_total"):
        s.text("，" if written else "").text("罚没款").number("fines_total", compare=True)
        written += 1
    goods = [row for row in f.rows("confiscated") if row["quantity"]]
    if goods:
        s.text("，没收")
        for index, row in enumerate(goods):
            s.text(("、" if index else "") + row["kind"]).row_number("confiscated", row["quantity"], row["unit"])
    if f.has("cases_to_police"):
        s.text("；涉嫌犯罪移交公安机关").number("cases_to_police")
    if f.has("individuals_penalised"):
        s.text("；落实“处罚到人”").number("individuals_penalised")
    return s.text("。")


# -- publicity and the public ----------------------------------------------------------------------

# Publicity themes that are occasions (宣传节点), named as such; "食品安全进…" themes are venues.
OCCASIONS = ("3·15国际消费者权益日", "食品安全宣传周")


def publicity(f) -> Sentence:
    s = Sentence(f)
    activities = Sentence(f)
    activities.clauses(
        (
            ("开展食品安全大讲堂", "lectures_public"),
            ("开展食品安全各类宣传活动", "publicity_events"),
            ("发放宣传资料", "materials_distributed"),
            ("解答群众咨询", "consultations"),
        ),
        compare=("publicity_events",),
    )
    if not activities:
        return s
    themes = [row["theme"] for row in f.rows("publicity_by_theme")]
    occasions = [f"“{theme}”" for theme in themes if theme in OCCASIONS]
    venues = [theme.removeprefix("食品安全") for theme in themes if theme.startswith("食品安全进")]
    if occasions:
        s.text("利用").names(occasions).text("等重要节点，")
    if venues:
        s.text("深入开展食品安全知识").names(venues).text("活动，")
    s.text(f"广泛开展食品安全知识宣传，营造人人参与食品安全的浓厚氛围。{f.when}，共")
    s.runs += activities.runs
    return s.text("。")


def study_sessions(f) -> Sentence:
    s = Sentence(f)
    if not f.has("staff_study_sessions"):
        return s
    s.text("组织各村、各单位主要负责人和协管员集中学习食品安全知识").number("staff_study_sessions")
    return s.text("，食品安全意识深入人心。")


def complaints(f) -> Sentence:
    s = Sentence(f)
    if not f.has("complaints"):
        return s
    s.text("畅通投诉举报渠道，受理食品药品投诉举报").number("complaints", compare=True)
    if f.has("complaints_closed_on_time_pct"):
        s.text("，按时办结率为").number("complaints_closed_on_time_pct")
    return s.text("。")
