"""Load the demo county: jurisdictions, users of every role, and a year of records.

Deterministic: the same --seed gives the same data. Refuses to run twice on one database.
`--scale county` loads instead the county the benchmarks measure (bench/): 15 townships, 15,000
operators and five years of every ledger, written in bulk (a few minutes on PostgreSQL).
"""

import argparse
import datetime
import random
import time

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from registry.demo import COUNTY_CODE, DEMO_PASSWORD, seed_registry
from registry.models import County

# Demo records are dated up to this day, whatever day the command runs.
DEMO_TODAY = datetime.date(2026, 11, 20)


class Command(BaseCommand):
    help = "载入演示数据（一个县、两个乡镇、约300户经营者及各角色用户；--scale county 载入全县规模数据）"

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--scale",
            choices=["demo", "county"],
            default="demo",
            help="demo：演示数据（默认）；county：全县规模（15个乡镇、1.5万户、五年台账），用于性能基准",
        )
        # Shrinks every count of --scale county (tests load a tiny county with 0.01).
        parser.add_argument("--county-factor", type=float, default=1.0, help=argparse.SUPPRESS)

    def handle(self, *args, seed, scale, county_factor, **options):
        if County.objects.filter(code=COUNTY_CODE).exists():
            self.stdout.write("演示数据已存在，跳过。")
        elif scale == "county":
            self.seed_county(seed, county_factor)
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

    def seed_county(self, seed, factor):
        from inspections.demo.county import seed_county_ledgers
        from registry.demo_county import seed_county_registry, write_operators
        from registry.ledgers.bulk import BulkWriter

        started = time.monotonic()
        rng = random.Random(seed)
        with transaction.atomic():
            writer = BulkWriter()
            cast = seed_county_registry(writer, rng, DEMO_TODAY, factor)
            seed_county_ledgers(writer, rng, cast, DEMO_TODAY, factor)
            write_operators(writer, cast)
            counts = writer.finish()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # the planner's statistics, else it plans for empty tables
        for label, count in sorted(counts.items()):
            self.stdout.write(f"  {label:45} {count:>9}")
        minutes = (time.monotonic() - started) / 60
        self.stdout.write(self.style.SUCCESS(f"全县规模数据已载入（{minutes:.1f} 分钟）。"))

    def print_accounts(self):
        self.stdout.write(
            f"\n演示账号（密码均为 {DEMO_PASSWORD}）：\n"
            "  admin            管理员（可进入系统管理）\n"
            "  county_leader    县局领导（只读，全县）\n"
            "  auditor          审计员（只看审计：访问记录和数据变更）\n"
            "  hongqiao_jgy1    红桥镇所长（监管员，可定稿工作总结）\n"
            "  hongqiao_jgy2    红桥镇监管员\n"
            "  hongqiao_leader  红桥镇领导（只读）\n"
            "  liuwan_jgy1      柳湾镇所长（监管员，可定稿工作总结）\n"
            "  liuwan_leader    柳湾镇领导（只读）\n"
        )
