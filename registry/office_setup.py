"""Setting up an office from one Excel sheet: its county, townships and villages with population.

One row per village, repeating its county and township. The sheet is read with the ledgers' Excel
machinery (header anywhere in the first rows, errors as "第N行，“列”列：原因", all rows or none).
Applying it again changes only what differs, so a corrected sheet can be run as often as needed;
nothing absent from the sheet is ever deleted.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from .ledgers.sheets import Column, LedgerSheet
from .models import County, Township, Village

CHANGE_REASON = "setup_office 初始化辖区"
CODE_MESSAGE = "代码只能用英文字母、数字、下划线或连字符（如 hongqiao），不能有汉字或空格"


@dataclass
class OfficeRow:
    """One village row, with the county and township it names (not saved)."""

    county: County
    township: Township
    village: Village

    # model field → sheet column, for the row errors
    FIELD_COLUMNS = {
        "county": {"code": "county_code", "name": "county_name", "bureau_name": "bureau_name"},
        "township": {"code": "township_code", "name": "township_name", "office_name": "office_name"},
        "village": {"name": "village", "population": "population"},
    }

    def full_clean(self):
        """Each model's own field rules (lengths, code format, population ≥ 0), reported per column."""
        errors = {}
        checks = (
            ("county", self.county, []),
            ("township", self.township, ["county"]),
            ("village", self.village, ["township"]),
        )
        for part, instance, exclude in checks:
            try:
                instance.clean_fields(exclude=exclude)
            except ValidationError as exc:
                for name, field_errors in exc.error_dict.items():
                    column = errors.setdefault(self.FIELD_COLUMNS[part].get(name, name), [])
                    for error in field_errors:
                        column.append(CODE_MESSAGE if name == "code" and error.code == "invalid" else error.messages[0])
        if errors:
            raise ValidationError(errors)


class OfficeSheet(LedgerSheet):
    """县/乡镇/行政村 with population: the first thing an office loads."""

    title = "县乡村设置"
    columns = [
        Column("县", "county_name", required=True, note="县（区）名称，各行相同，如：青山县"),
        Column("县代码", "county_code", required=True, note="英文字母、数字或连字符，各行相同，如 qingshan"),
        Column("县局名称", "bureau_name", width=24, note="如：青山县市场监督管理局"),
        Column("乡镇", "township_name", required=True, note="乡镇名称，如：红桥镇"),
        Column("乡镇代码", "township_code", required=True, note="英文字母、数字或连字符，如 hongqiao；导入台账时用"),
        Column("监管所名称", "office_name", width=24, note="如：红桥市场监督管理所"),
        Column("行政村", "village", required=True, note="行政村或社区名称，一行一个"),
        Column("户籍人口", "population", kind="int", required=True, note="整数；用于按人口计算的指标"),
    ]

    def __init__(self):
        super().__init__(township=None)

    def prepare(self):
        counties = list(County.objects.all())
        return {
            "county_codes": {c.name: c.code for c in counties},
            "townships": {t.code: t for t in Township.objects.select_related("county")},
            "first_county": None,  # one county per sheet: every row names the first row's
            "file_townships": {},  # code → the township as first named in the file
            "file_names": {},  # township name → code, in the file
            "file_villages": set(),  # (township code, village name)
        }

    def build(self, values, context):
        return OfficeRow(
            county=County(code=values["county_code"], name=values["county_name"], bureau_name=values["bureau_name"]),
            township=Township(
                code=values["township_code"], name=values["township_name"], office_name=values["office_name"]
            ),
            village=Village(name=values["village"], population=values["population"]),
        )

    def check_against_file(self, row, context):
        errors = {**self._county_errors(row.county, context), **self._township_errors(row, context)}
        village_key = (row.township.code, row.village.name)
        if village_key in context["file_villages"]:
            errors["village"] = "与本表前面的行重复（同一乡镇的行政村只写一行）"
        if errors:
            raise ValidationError(errors)
        context["file_villages"].add(village_key)
        context["file_names"].setdefault(row.township.name, row.township.code)
        first = context["file_townships"].setdefault(row.township.code, row.township)
        first.office_name = first.office_name or row.township.office_name

    def _county_errors(self, county, context):
        first = context["first_county"] = context["first_county"] or county
        if county.code != first.code:
            return {"county_code": f"一张表只设置一个县，与本表前面的行（“{first.code}”）不一致"}
        if county.name != first.name:
            return {"county_name": f"与本表前面的行（“{first.name}”）不一致"}
        if county.bureau_name and first.bureau_name and county.bureau_name != first.bureau_name:
            return {"bureau_name": f"与本表前面的行（“{first.bureau_name}”）不一致"}
        first.bureau_name = first.bureau_name or county.bureau_name
        other = context["county_codes"].get(county.name)
        if other and other != county.code:
            return {"county_name": f"系统中已有“{county.name}”，其县代码是“{other}”"}
        return {}

    def _township_errors(self, row, context):
        township, errors = row.township, {}
        existing = context["townships"].get(township.code)
        if existing and existing.county.code != row.county.code:
            errors["township_code"] = f"乡镇代码“{township.code}”已属于{existing.county}"
        named = context["file_names"].get(township.name) or next(
            (
                t.code
                for t in context["townships"].values()
                if t.county.code == row.county.code and t.name == township.name
            ),
            None,
        )
        if named and named != township.code:
            errors["township_code"] = f"乡镇“{township.name}”的代码已是“{named}”"
        first = context["file_townships"].get(township.code)
        if first and first.name != township.name:
            errors["township_name"] = f"乡镇代码“{township.code}”在本表前面的行是“{first.name}”"
        elif first and township.office_name and first.office_name and township.office_name != first.office_name:
            errors["office_name"] = f"与本表前面的行（“{first.office_name}”）不一致"
        return errors


@dataclass
class SetupReport:
    """What applying the sheet did, per kind: created / updated / unchanged."""

    counts: dict[str, Counter] = field(
        default_factory=lambda: {"县": Counter(), "乡镇": Counter(), "行政村": Counter()}
    )
    county: County | None = None

    def line(self, kind):
        c = self.counts[kind]
        return f"{kind} {sum(c.values())} 个（新建 {c['created']}，更新 {c['updated']}，无变化 {c['unchanged']}）"


def _upsert(model, lookup, values):
    """Create, or update only the fields that differ: re-running leaves no new history rows."""
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        instance = model(**lookup, **values)
        instance._change_reason = CHANGE_REASON
        instance.save()
        return instance, "created"
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    if not changed:
        return instance, "unchanged"
    for name in changed:
        setattr(instance, name, values[name])
    instance._change_reason = CHANGE_REASON
    instance.save()
    return instance, "updated"


def _first_filled(values):
    return next((value for value in values if value), "")


def apply_office_sheet(rows: list[OfficeRow]) -> SetupReport:
    """Save the county, townships and villages of a clean sheet, in one transaction.

    A blank 县局名称 or 监管所名称 leaves the saved one as it is.
    """
    report = SetupReport()
    with transaction.atomic():
        county_values = {"name": rows[0].county.name}
        if bureau := _first_filled(row.county.bureau_name for row in rows):
            county_values["bureau_name"] = bureau
        county, outcome = _upsert(County, {"code": rows[0].county.code}, county_values)
        report.county = county
        report.counts["县"][outcome] += 1

        by_township = {}
        for row in rows:
            by_township.setdefault(row.township.code, []).append(row)
        for code, township_rows in by_township.items():
            values = {"county": county, "name": township_rows[0].township.name}
            if office := _first_filled(row.township.office_name for row in township_rows):
                values["office_name"] = office
            township, outcome = _upsert(Township, {"code": code}, values)
            report.counts["乡镇"][outcome] += 1
            for row in township_rows:
                lookup = {"township": township, "name": row.village.name}
                _village, outcome = _upsert(Village, lookup, {"population": row.village.population})
                report.counts["行政村"][outcome] += 1
    return report
