"""Load the demo county: jurisdictions, users of every role, and a year of records.

Deterministic: the same --seed gives the same data. Refuses to run twice on one database.
"""

import datetime
import random

from django.core.management.base import BaseCommand
from django.db import transaction

from registry.demo import COUNTY_CODE, DEMO_PASSWORD, seed_registry
from registry.models import County

# Demo records are dated up to this day, whatever day the command runs.
DEMO_TODAY = datetime.date(2026, 11, 20)


class Command(BaseCommand):
    help = "载入演示数据（一个县、两个乡镇、约300户经营者及各角色用户）"

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, seed, **options):
        if County.objects.filter(code=COUNTY_CODE).exists():
            self.stdout.write("演示数据已存在，跳过。")
        else:
            rng = random.Random(seed)
            with transaction.atomic():
                cast = seed_registry(rng, DEMO_TODAY)
                for seeder in self.later_seeders():
                    seeder(rng, cast, DEMO_TODAY)
            self.stdout.write(self.style.SUCCESS("演示数据已载入。"))
        self.print_accounts()

    def later_seeders(self):
        """Seeders of the other ledgers, in the order they build on each other."""
        from inspections.demo import SEEDERS

        return SEEDERS

    def print_accounts(self):
        self.stdout.write(
            f"\n演示账号（密码均为 {DEMO_PASSWORD}）：\n"
            "  admin            管理员（可进入系统管理）\n"
            "  county_leader    县局领导（只读，全县）\n"
            "  hongqiao_jgy1    红桥镇所长（监管员，可定稿工作总结）\n"
            "  hongqiao_jgy2    红桥镇监管员\n"
            "  hongqiao_leader  红桥镇领导（只读）\n"
            "  liuwan_jgy1      柳湾镇所长（监管员，可定稿工作总结）\n"
            "  liuwan_leader    柳湾镇领导（只读）\n"
        )
