"""setup_office: an office's county, townships and villages from its own sheet, and the first admin."""

import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from registry.models import County, Township, User, Village
from registry.roles import ADMIN
from tests.factories import CountyFactory, TownshipFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Qingshan-2026-county"
GOOD_ROWS = [
    ("青山县", "qingshan", "青山县市场监督管理局", "红桥镇", "hongqiao", "红桥市场监督管理所", "红桥村", 3210),
    ("青山县", "qingshan", None, "红桥镇", "hongqiao", None, "东庄村", 1800),
    ("青山县", "qingshan", None, "柳湾镇", "liuwan", "柳湾市场监督管理所", "柳湾村", 2500),
]


@pytest.fixture
def template(tmp_path):
    path = tmp_path / "模板.xlsx"
    call_command("setup_office", "--template", path, stdout=io.StringIO())
    return path


@pytest.fixture
def password_file(tmp_path):
    path = tmp_path / "pw"
    path.write_text(PASSWORD + "\n")
    return path


def filled(template, rows, name="辖区.xlsx"):
    """The template as an office fills it in: one row per village under the header."""
    workbook = load_workbook(template)
    for row in rows:
        workbook.active.append(row)
    path = template.with_name(name)
    workbook.save(path)
    return path


def setup_office(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("setup_office", *map(str, args), stdout=out, stderr=err)
    except CommandError as exc:
        exc.stderr = err.getvalue()
        raise
    return out.getvalue()


def test_template_has_the_headers_an_office_fills_in(template):
    sheet = load_workbook(template).active
    headers = [cell.value for cell in sheet[2]]
    assert headers == ["县*", "县代码*", "县局名称", "乡镇*", "乡镇代码*", "监管所名称", "行政村*", "户籍人口*"]


def test_a_good_sheet_creates_the_county_townships_villages_and_admin(template, password_file):
    output = setup_office(filled(template, GOOD_ROWS), "--admin-password-file", password_file)

    county = County.objects.get()
    assert (county.code, county.name, county.bureau_name) == ("qingshan", "青山县", "青山县市场监督管理局")
    assert list(Township.objects.values_list("code", "name", "office_name", "county__code")) == [
        ("hongqiao", "红桥镇", "红桥市场监督管理所", "qingshan"),
        ("liuwan", "柳湾镇", "柳湾市场监督管理所", "qingshan"),
    ]
    assert Township.objects.get(code="hongqiao").population == 3210 + 1800
    assert Village.objects.get(name="柳湾村").population == 2500
    admin = User.objects.get()
    assert admin.username == "admin" and admin.check_password(PASSWORD)
    assert admin.county == county and admin.is_staff
    assert list(admin.groups.values_list("name", flat=True)) == [ADMIN]
    assert "行政村 3 个（新建 3，更新 0，无变化 0）" in output
    assert "管理员账号 admin 已创建" in output


def test_running_it_again_changes_nothing(template, password_file):
    sheet = filled(template, GOOD_ROWS)
    setup_office(sheet, "--admin-password-file", password_file)
    history = Village.history.count() + Township.history.count() + County.history.count()

    # No password needed the second time: the admin exists and is left as it is.
    output = setup_office(sheet)

    assert (County.objects.count(), Township.objects.count(), Village.objects.count()) == (1, 2, 3)
    assert Village.history.count() + Township.history.count() + County.history.count() == history
    assert "乡镇 2 个（新建 0，更新 0，无变化 2）" in output
    assert "管理员账号 admin 已存在，未改动" in output
    assert User.objects.get().check_password(PASSWORD)


def test_a_corrected_sheet_updates_what_differs(template, password_file):
    setup_office(filled(template, GOOD_ROWS), "--admin-password-file", password_file)
    corrected = [
        *GOOD_ROWS[:2],
        (*GOOD_ROWS[2][:7], 2600),
        ("青山县", "qingshan", None, "柳湾镇", "liuwan", None, "河西村", 900),
    ]

    output = setup_office(filled(template, corrected, "更正.xlsx"))

    assert Village.objects.get(name="柳湾村").population == 2600
    assert Village.objects.get(name="柳湾村").history.first().history_change_reason == "setup_office 初始化辖区"
    assert Village.objects.count() == 4
    assert "行政村 4 个（新建 1，更新 1，无变化 2）" in output
    # A blank 监管所名称 keeps the saved one.
    assert Township.objects.get(code="liuwan").office_name == "柳湾市场监督管理所"


def test_bad_rows_save_nothing_and_each_is_named(template, password_file):
    rows = [
        *GOOD_ROWS,
        ("青山县", "qingshan", None, "柳湾镇", "liuwan", None, "双泉村", -5),
        ("青山县", "qingshan", None, "河口镇", "河口", None, "河口村", 100),
        ("青山县", "qingshan", None, "红桥镇", "hongqiao", None, "东庄村", 10),
        ("青山县", "qingshan", None, "红桥镇", "hongqiao2", None, "西湾村", 10),
        ("白水县", "baishui", None, "白水镇", "baishui", None, "白水村", 10),
        ("青山县", "qingshan", None, "高台镇", "gaotai", None, None, "很多"),
    ]
    with pytest.raises(CommandError, match="发现 7 处错误，未做任何改动") as raised:
        setup_office(filled(template, rows), "--admin-password-file", password_file)

    errors = raised.value.stderr.splitlines()
    assert errors == [
        "第6行，“户籍人口”列：确保该值大于或等于0。",
        "第7行，“乡镇代码”列：代码只能用英文字母、数字、下划线或连字符（如 hongqiao），不能有汉字或空格",
        "第8行，“行政村”列：与本表前面的行重复（同一乡镇的行政村只写一行）",
        "第9行，“乡镇代码”列：乡镇“红桥镇”的代码已是“hongqiao”",
        "第10行，“县代码”列：一张表只设置一个县，与本表前面的行（“qingshan”）不一致",
        "第11行，“行政村”列：必填，不能为空",
        "第11行，“户籍人口”列：“很多”不是数字",
    ]
    assert not County.objects.exists() and not Township.objects.exists() and not User.objects.exists()


def test_a_township_code_of_another_county_is_refused(template, password_file):
    TownshipFactory(code="hongqiao", name="红桥乡", county=CountyFactory(code="baishui", name="白水县"))

    with pytest.raises(CommandError) as raised:
        setup_office(filled(template, GOOD_ROWS), "--admin-password-file", password_file)

    assert "第3行，“乡镇代码”列：乡镇代码“hongqiao”已属于白水县" in raised.value.stderr
    assert not County.objects.filter(code="qingshan").exists()


def test_a_weak_admin_password_saves_nothing(template, tmp_path):
    weak = tmp_path / "weak"
    weak.write_text("123\n")

    with pytest.raises(CommandError, match="管理员密码不符合要求，未做任何改动"):
        setup_office(filled(template, GOOD_ROWS), "--admin-password-file", weak)

    assert not County.objects.exists() and not User.objects.exists()


def test_without_a_terminal_the_password_must_come_from_a_file(template, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))

    with pytest.raises(CommandError, match="--admin-password-file"):
        setup_office(filled(template, GOOD_ROWS))

    assert not County.objects.exists()


def test_dry_run_checks_without_saving(template, password_file):
    output = setup_office(filled(template, GOOD_ROWS), "--admin-password-file", password_file, "--dry-run")

    assert "检查通过：3 个行政村" in output
    assert not County.objects.exists() and not User.objects.exists()
