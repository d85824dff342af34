"""Default configuration: checklists per category, the scoring policy, risk-based frequencies.

Checklist items follow the national 监督检查要点表 (2016 forms, 令第49号 sections); key items
(重点项) are marked. Admins edit or replace them (a newer template with a later effective date).
"""

import datetime

from django.db import migrations

EFFECTIVE = datetime.date(2022, 3, 15)

# (section, text, is_key, points)
CATERING = [
    ("qualification", "食品经营许可证合法有效，经营场所、主体业态、经营项目等事项与许可证一致", True, 6),
    ("disclosure", "在经营场所醒目位置张贴许可证、监督检查结果记录表、食品安全承诺书", False, 2),
    ("systems", "建立从业人员健康管理、进货查验记录、食品安全自查等制度", False, 2),
    ("staff", "从业人员持有有效健康证明，上岗前经食品安全培训", True, 6),
    ("staff", "从业人员穿戴清洁的工作衣帽，操作前洗手消毒", False, 2),
    ("hygiene", "食品处理区地面、墙壁、门窗清洁，无积水、无油污、无霉斑", False, 2),
    ("hygiene", "设置防蝇、防鼠、防虫设施并有效使用", False, 2),
    ("materials", "查验并留存供货者资质及食品合格证明文件，建立进货查验记录", True, 6),
    ("materials", "无采购、使用超过保质期、腐败变质或来源不明的食品原料", True, 6),
    ("materials", "食品添加剂专柜（位）存放，专人管理，定量使用并记录（亚硝酸盐禁用）", True, 6),
    ("processing", "生熟分开，工具、容器标识明显，避免交叉污染", False, 2),
    ("processing", "按要求留样（集体用餐配送、中央厨房、学校食堂、大型宴会等）", True, 6),
    ("equipment", "冷藏冷冻设施运转正常，温度符合要求", False, 2),
    ("equipment", "油烟净化、排风设施正常使用", False, 2),
    ("tableware", "餐饮具清洗消毒设施正常使用，消毒后的餐饮具保洁存放", True, 6),
    ("tableware", "使用的集中消毒餐饮具有消毒合格证明", False, 2),
    ("storage", "食品与非食品分开存放，离墙离地，先进先出", False, 2),
    ("traceability", "按要求使用电子追溯平台（“电子一票通”）录入进货信息", False, 2),
]
RETAIL = [
    ("qualification", "食品经营许可证（备案）合法有效，经营项目与许可一致", True, 6),
    ("disclosure", "在醒目位置公示许可证、监督检查结果记录表", False, 2),
    ("staff", "从事接触直接入口食品工作的人员持有有效健康证明", True, 6),
    ("materials", "查验供货者许可证和食品出厂检验合格证或其他合格证明，建立进货查验记录", True, 6),
    ("materials", "无经营超过保质期、腐败变质、标签不符合规定的食品", True, 6),
    ("labelling", "预包装食品标签完整，散装食品标明名称、生产日期、保质期、生产者等", False, 2),
    ("storage", "食品贮存场所整洁，与有毒有害物品分开，离墙离地", False, 2),
    ("storage", "需冷藏冷冻的食品按标签要求温度贮存", False, 2),
    ("hygiene", "经营场所环境整洁，防蝇防鼠设施有效", False, 2),
    ("systems", "建立并落实食品安全自查制度，定期检查过期食品并及时清理", False, 2),
    ("traceability", "按要求使用电子追溯平台录入进货信息", False, 2),
    ("other", "特殊食品（保健食品、婴幼儿配方食品）专区专柜销售，不虚假宣传", True, 6),
]
PRODUCER = [
    ("qualification", "食品生产许可证合法有效，生产的食品在许可范围内", True, 6),
    ("systems", "建立并执行食品安全管理制度，配备食品安全管理人员", False, 2),
    ("staff", "从业人员持有有效健康证明，经过培训", False, 2),
    ("hygiene", "厂区、车间环境卫生良好，设施设备清洁维护", False, 2),
    ("materials", "原辅料进货查验，索证索票，记录真实完整", True, 6),
    ("materials", "无使用非食用物质、超范围超限量使用食品添加剂", True, 6),
    ("processing", "按工艺规程组织生产，关键环节控制措施落实并记录", True, 6),
    ("processing", "出厂检验记录完整，批批检验", True, 6),
    ("labelling", "产品标签标识符合规定", False, 2),
    ("storage", "成品贮存条件符合要求，不合格品隔离存放", False, 2),
    ("traceability", "建立产品追溯和召回制度，按要求实施“透明车间”", False, 2),
]
SMALL = [
    ("qualification", "持有有效的《食品小作坊登记证》/《食品小经营登记证》/摊点备案卡，亮证经营", True, 6),
    ("staff", "从业人员持有有效健康证明", True, 6),
    ("hygiene", "经营（加工）场所清洁卫生，远离污染源", False, 2),
    ("materials", "原料来源合法，保存进货凭证", True, 6),
    ("materials", "不使用过期变质原料，不滥用食品添加剂", True, 6),
    ("processing", "加工工具、容器清洁，生熟分开", False, 2),
    ("labelling", "预包装产品标签标明名称、生产日期、保质期、登记证编号等", False, 2),
    ("storage", "食品贮存条件符合要求，离墙离地", False, 2),
]
MARKET = [
    ("qualification", "市场开办者履行入场查验、登记义务，建立入场经营者档案", True, 6),
    ("systems", "设置食品安全管理机构或人员，建立食品安全管理制度", False, 2),
    ("materials", "查验入场食用农产品的产地证明或购货凭证、合格证明", True, 6),
    ("other", "配备检验设备和检验人员或委托检验，开展快速检测并公示结果", True, 6),
    ("hygiene", "市场环境整洁，垃圾及时清理，划行归市", False, 2),
    ("other", "发现不符合食品安全标准的食品，立即停止销售并报告", False, 2),
]
TEMPLATES = [
    ("producer", "食品生产监督检查要点表", PRODUCER, 0),
    ("wholesale", "食品销售监督检查要点表（批发）", RETAIL, 0),
    ("retail", "食品销售监督检查要点表", RETAIL, 0),
    ("catering", "餐饮服务监督检查要点表", CATERING, 0),
    ("canteen", "单位食堂监督检查要点表", CATERING, 0),
    ("small", "食品“三小”监督检查要点表", SMALL, 0),
    ("market", "集中交易市场监督检查要点表", MARKET, 0),
]
# 2016 rule (domain.md): A ≥1, B 1–2, C 2–3, D 3–4 inspections a year.
FREQUENCIES = [("A", 1, 1), ("B", 1, 2), ("C", 2, 3), ("D", 3, 4)]


def load(apps, schema_editor):
    Template = apps.get_model("inspections", "ChecklistTemplate")
    Item = apps.get_model("inspections", "ChecklistItem")
    for category, name, items, max_key in TEMPLATES:
        template = Template.objects.create(
            name=name, category=category, effective_from=EFFECTIVE, max_key_failures_for_basic=max_key
        )
        Item.objects.bulk_create(
            Item(template=template, section=section, number=str(n), text=text, is_key=is_key, points=points, order=n)
            for n, (section, text, is_key, points) in enumerate(items, start=1)
        )
    apps.get_model("inspections", "ScoringPolicy").objects.create(effective_from=datetime.date(2022, 1, 1))
    Rule = apps.get_model("inspections", "RiskFrequencyRule")
    Rule.objects.bulk_create(
        Rule(risk_level=level, min_per_year=low, max_per_year=high, effective_from=datetime.date(2016, 9, 5))
        for level, low, high in FREQUENCIES
    )


def unload(apps, schema_editor):
    apps.get_model("inspections", "ChecklistItem").objects.all().delete()
    apps.get_model("inspections", "ChecklistTemplate").objects.all().delete()
    apps.get_model("inspections", "ScoringPolicy").objects.all().delete()
    apps.get_model("inspections", "RiskFrequencyRule").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("inspections", "0002_checklists_scoring_rectifications")]

    operations = [migrations.RunPython(load, unload)]
