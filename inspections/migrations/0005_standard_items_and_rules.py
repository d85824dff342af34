"""The standard rapid-test items (快检项目) and the rule parameters in force, for the admin to edit."""

import datetime

from django.db import migrations

STANDARD_ITEMS = [
    ("农残", "蔬菜水果中有机磷和氨基甲酸酯类农药残留（酶抑制率法）", "%", "抑制率＜50%"),
    ("注水肉", "畜禽肉水分含量", "%", "猪肉≤77%、牛肉≤77%、羊肉≤78%"),
    ("亚硝酸盐", "腌腊肉制品、熟肉制品中的亚硝酸盐", "mg/kg", "肉制品≤30 mg/kg"),
    ("瘦肉精", "克伦特罗、莱克多巴胺、沙丁胺醇", "", "不得检出"),
    ("面制品中的铝", "油条、粉条、馒头等面制品中的铝残留量", "mg/kg", "≤100 mg/kg"),
    ("双氧水", "水发产品、豆制品、鸡爪等中的过氧化氢残留", "", "不得检出"),
    ("甲醛", "水发水产品中的甲醛", "", "不得检出"),
    ("二氧化硫", "干货、银耳、蜜饯等中的二氧化硫残留", "g/kg", "按GB 2760"),
    ("吊白块", "米粉、腐竹、粉丝中的次硫酸氢钠甲醛", "", "不得检出"),
    ("硼砂", "面制品、肉丸中的硼砂", "", "不得检出"),
    ("孔雀石绿", "水产品中的孔雀石绿", "", "不得检出"),
    ("罂粟壳", "火锅底料、卤制品中的罂粟碱", "", "不得检出"),
    ("苏丹红", "辣椒制品、红心鸭蛋中的苏丹红", "", "不得检出"),
    ("酸价", "煎炸过程用油的酸价", "mg/g", "≤5 mg/g"),
]


def add_standard_items(apps, schema_editor):
    RapidTestItem = apps.get_model("inspections", "RapidTestItem")
    for order, (name, description, unit, limit) in enumerate(STANDARD_ITEMS, start=1):
        RapidTestItem.objects.get_or_create(
            name=name, defaults={"description": description, "unit": unit, "limit": limit, "order": order * 10}
        )

RULES = [
    ("sample_disposal_days", 90, "《食品安全抽样检验管理办法》：收到不合格检验结论后90日内完成核查处置"),
    ("complaint_days", 45, "《市场监督管理投诉举报处理暂行办法》：自受理之日起45个工作日内终结调解"),
    ("report_days", 15, "举报：自收到之日起15个工作日内核查并决定是否立案"),
    ("banquet_min_guests", 50, "农村集体聚餐报告备案的人数标准（按本省规定调整）"),
]


def add_rules(apps, schema_editor):
    RuleParameter = apps.get_model("inspections", "RuleParameter")
    for key, value, note in RULES:
        RuleParameter.objects.get_or_create(
            key=key, effective_from=datetime.date(2019, 1, 1), defaults={"value": value, "note": note}
        )


class Migration(migrations.Migration):
    dependencies = [("inspections", "0004_ledgers")]

    operations = [
        migrations.RunPython(add_standard_items, migrations.RunPython.noop),
        migrations.RunPython(add_rules, migrations.RunPython.noop),
    ]
