"""First run on an office's own server: its county, townships and villages, and the first 管理员.

    python manage.py setup_office --template 辖区.xlsx        # write the empty sheet to fill in
    python manage.py setup_office 辖区.xlsx [--admin-username admin] [--admin-password-file FILE]

All or nothing: any wrong row is listed ("第N行，“列”列：原因") and nothing is saved. Running it
again with the same (or a corrected) sheet changes only what differs; an existing admin account
is left as it is.
"""

import getpass
import sys
from pathlib import Path

from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from registry.models import User
from registry.office_setup import OfficeSheet, apply_office_sheet
from registry.roles import ADMIN


class Command(BaseCommand):
    help = "首次部署：从 Excel 建立县、乡镇、行政村（含户籍人口）和第一个管理员账号（可重复运行）"

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="填好的辖区表（.xlsx）")
        parser.add_argument("--template", metavar="FILE", help="写出空白辖区表模板到 FILE 后退出")
        parser.add_argument("--admin-username", default="admin", help="管理员用户名（默认 admin）")
        parser.add_argument("--admin-name", default="系统管理员", help="管理员姓名")
        parser.add_argument(
            "--admin-password-file", metavar="FILE", help="从文件第一行读取管理员密码（不给则交互输入）"
        )
        parser.add_argument("--dry-run", action="store_true", help="只检查表格和密码，不保存")

    def handle(self, *args, **options):
        if options["template"]:
            Path(options["template"]).write_bytes(OfficeSheet().template())
            self.stdout.write(f"已写出模板：{options['template']}（每个行政村一行，填好后运行 setup_office 文件名）")
            return
        if not options["file"]:
            raise CommandError("请给出填好的辖区表，例如：setup_office 辖区.xlsx（先用 --template 生成模板）")

        rows = self.read_sheet(options["file"])
        admin = User.objects.filter(username=options["admin_username"]).first()
        password = None if admin else self.admin_password(options)
        if options["dry_run"]:
            self.stdout.write(f"检查通过：{len(rows)} 个行政村可以导入（--dry-run，未保存）。")
            return

        with transaction.atomic():
            report = apply_office_sheet(rows)
            if admin is None:
                admin = User.objects.create_user(
                    options["admin_username"],
                    password=password,
                    name=options["admin_name"],
                    county=report.county,
                    is_staff=True,
                    is_superuser=True,
                )
                admin.groups.add(Group.objects.get(name=ADMIN))
                admin_line = f"管理员账号 {admin.username} 已创建"
            else:
                admin_line = f"管理员账号 {admin.username} 已存在，未改动"

        self.stdout.write(self.style.SUCCESS(f"{report.county}：设置完成。"))
        for kind in ("县", "乡镇", "行政村"):
            self.stdout.write("  " + report.line(kind))
        self.stdout.write("  " + admin_line)
        self.stdout.write("下一步：用管理员账号登录，在“系统管理 → 用户”中为各乡镇监管员、领导建立账号。")

    def read_sheet(self, path):
        try:
            with open(path, "rb") as handle:
                result = OfficeSheet().read(handle)
        except OSError as exc:
            raise CommandError(f"无法打开文件：{exc}") from None
        if not result.ok:
            for error in result.errors:
                self.stderr.write(str(error))
            raise CommandError(f"发现 {len(result.errors)} 处错误，未做任何改动。")
        return result.records

    def admin_password(self, options):
        """The new admin's password, from the file or typed twice; checked by the password rules."""
        if options["admin_password_file"]:
            try:
                password = Path(options["admin_password_file"]).read_text().splitlines()[0]
            except (OSError, IndexError):
                raise CommandError(f"无法从 {options['admin_password_file']} 读取密码（文件第一行应为密码）") from None
        elif sys.stdin.isatty():
            password = getpass.getpass(f"为管理员 {options['admin_username']} 设置密码：")
            if getpass.getpass("再输入一次：") != password:
                raise CommandError("两次输入的密码不一致，未做任何改动。")
        else:
            raise CommandError("无法交互输入密码：请用 --admin-password-file 文件 提供管理员密码。")
        try:
            validate_password(password, User(username=options["admin_username"], name=options["admin_name"]))
        except ValidationError as exc:
            raise CommandError("管理员密码不符合要求，未做任何改动：" + "；".join(exc.messages)) from None
        return password
