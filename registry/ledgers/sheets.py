"""Excel in and out for every ledger, from one column list per ledger.

A `LedgerSheet` names its columns once; the same list writes the import template, reads an
upload (wherever the header row is, whatever order the columns are in) and writes the export,
so an export can always be imported again.
"""

import datetime
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_SEARCH_ROWS = 15
MAX_IMPORT_ROWS = 5000

TRUE_WORDS = {"是", "有", "√", "✓", "y", "yes", "true", "1", "已安装", "已开通", "已实施"}
FALSE_WORDS = {"否", "无", "×", "✗", "n", "no", "false", "0", "未安装", "未开通", "未实施"}
DATE_PATTERNS = (
    re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)


class CellError(Exception):
    """A cell whose content cannot be used; the message says why, in Chinese."""


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def __str__(self):
        where = f"第{self.row}行" if self.row else "表头"
        if self.column:
            where += f"，“{self.column}”列"
        return f"{where}：{self.message}"


def parse_date(value):
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    for pattern in DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            try:
                return datetime.date(*(int(part) for part in match.groups()))
            except ValueError:
                break
    raise CellError(f"“{text}”不是有效日期，请写成 2022-03-01 或设置为日期格式")


def parse_bool(value):
    if value in (None, ""):
        return False
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise CellError(f"“{value}”应填“是”或“否”")


def parse_text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        value = value.date()
    return str(value).strip()


def parse_int(value):
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise CellError(f"“{value}”不是数字") from None
    if number != number.to_integral_value():
        raise CellError(f"“{value}”应为整数")
    return int(number)


def parse_decimal(value):
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation:
        raise CellError(f"“{value}”不是数字") from None


@dataclass
class Column:
    """One column of a ledger sheet.

    `attr` is the model field it fills (or the key handed to `LedgerSheet.resolve`);
    `choices` (a TextChoices class) lets the cell hold either the Chinese label or the code.
    """

    header: str
    attr: str
    kind: str = "text"  # text | date | bool | int | decimal | choice | lookup
    required: bool = False
    choices: type | None = None
    width: int = 14
    note: str = ""

    def parse(self, raw):
        if self.required and parse_text(raw) == "":
            raise CellError("必填，不能为空")
        if self.kind == "date":
            return parse_date(raw)
        if self.kind == "bool":
            return parse_bool(raw)
        if self.kind == "int":
            return parse_int(raw)
        if self.kind == "decimal":
            return parse_decimal(raw)
        text = parse_text(raw)
        if self.kind == "choice" and text:
            for value, label in self.choices.choices:
                if text in (value, label) or text == _short_label(label):
                    return value
            options = "、".join(_short_label(label) for _, label in self.choices.choices)
            raise CellError(f"“{text}”不在可选范围内（{options}）")
        return text

    def format(self, value):
        if value is None:
            return None
        if self.kind == "bool":
            return "是" if value else "否"
        if self.kind == "choice":
            return _short_label(dict(self.choices.choices).get(value, value)) if value else None
        return value

    @property
    def options(self):
        """Allowed cell values, for a drop-down in the template."""
        if self.kind == "bool":
            return ["是", "否"]
        if self.kind == "choice":
            return [_short_label(label) for _, label in self.choices.choices]
        return None


def _short_label(label):
    """'A级（低风险）' → 'A级': the part before a parenthesis, which users type."""
    return str(label).split("（")[0]


def _clean_header(value):
    return re.sub(r"[\s*＊]", "", parse_text(value))


@dataclass
class ImportResult:
    records: list = field(default_factory=list)
    record_rows: list[int] = field(default_factory=list)  # the row each record came from
    errors: list[RowError] = field(default_factory=list)
    rows: list = field(default_factory=list)  # (row number, [cell text per column]) for the preview
    saved: bool = False

    @property
    def ok(self):
        return not self.errors


class LedgerSheet:
    """Subclass per ledger: set model, title, columns; implement `build` if lookups are needed."""

    model = None
    title = ""
    columns: list[Column] = []
    # Related rows an export reads for every record, fetched in one query each.
    prefetch: tuple = ()

    def __init__(self, *, township, user=None):
        self.township = township
        self.user = user

    # --- writing --------------------------------------------------------------------------

    def _workbook(self, subtitle):
        wb = Workbook()
        ws = wb.active
        ws.title = self.title[:31]
        ws.cell(row=1, column=1, value=f"{self.title}{subtitle}").font = Font(bold=True, size=14)
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(self.columns))
        for index, column in enumerate(self.columns, start=1):
            cell = ws.cell(row=2, column=index, value=column.header + ("*" if column.required else ""))
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DDEBF7")
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            ws.column_dimensions[get_column_letter(index)].width = column.width
        ws.freeze_panes = "A3"
        return wb, ws

    def template(self) -> bytes:
        """The blank import template: a title row, the header row, drop-downs, and a notes sheet."""
        wb, ws = self._workbook("导入模板")
        for index, column in enumerate(self.columns, start=1):
            letter = get_column_letter(index)
            if column.options:
                validation = DataValidation(
                    type="list", formula1='"{}"'.format(",".join(column.options)), allow_blank=not column.required
                )
                validation.error = f"请从下拉列表中选择{column.header}"
                ws.add_data_validation(validation)
                validation.add(f"{letter}3:{letter}{MAX_IMPORT_ROWS}")
            if column.kind == "date":
                ws.column_dimensions[letter].number_format = "yyyy-mm-dd"
        notes = wb.create_sheet("填写说明")
        notes.append(["列名", "是否必填", "说明"])
        for column in self.columns:
            hint = column.note or {
                "date": "日期，如 2022-03-01",
                "bool": "填“是”或“否”",
                "int": "整数",
                "decimal": "数字",
            }.get(column.kind, "")
            if column.options and column.kind == "choice":
                hint = (hint + "；" if hint else "") + "可选：" + "、".join(column.options)
            notes.append([column.header, "是" if column.required else "", hint])
        notes.column_dimensions["A"].width = 20
        notes.column_dimensions["C"].width = 80
        return _to_bytes(wb)

    def export(self, records, subtitle="") -> bytes:
        wb, ws = self._workbook(subtitle)
        for record in records:
            ws.append([column.format(self.value_of(record, column)) for column in self.columns])
        for index, column in enumerate(self.columns, start=1):
            if column.kind == "date":
                for (cell,) in ws.iter_rows(min_row=3, min_col=index, max_col=index):
                    cell.number_format = "yyyy-mm-dd"
        return _to_bytes(wb)

    def value_of(self, record, column):
        """The export value of one column; override for lookups."""
        return getattr(record, column.attr)

    # --- reading --------------------------------------------------------------------------

    def read(self, source) -> ImportResult:
        """Parse and validate every row; nothing is saved. `source` is a path or file object."""
        result = ImportResult()
        try:
            wb = load_workbook(source, read_only=True, data_only=True)
        except Exception:  # openpyxl raises many kinds for a file that is not xlsx
            result.errors.append(RowError(0, "", "无法读取文件，请上传 .xlsx 格式的 Excel 文件（可先下载导入模板）"))
            return result
        ws = wb.worksheets[0]
        rows = list(ws.iter_rows(values_only=True))
        wb.close()

        header_index, positions = self._find_header(rows)
        if header_index is None:
            required = "、".join(c.header for c in self.columns if c.required)
            result.errors.append(RowError(0, "", f"在前{HEADER_SEARCH_ROWS}行中找不到表头（须含列：{required}）"))
            return result
        missing = [c.header for c in self.columns if c.required and c.header not in positions]
        if missing:
            result.errors.append(RowError(header_index + 1, "", "缺少必填列：" + "、".join(missing)))
            return result

        body = [(n, row) for n, row in enumerate(rows[header_index + 1 :], start=header_index + 2) if _has_content(row)]
        if len(body) > MAX_IMPORT_ROWS:
            result.errors.append(RowError(0, "", f"一次最多导入{MAX_IMPORT_ROWS}行，请分批导入"))
            return result
        context = self.prepare()
        for row_no, row in body:
            self._read_row(result, row_no, row, positions, context)
        self.finish(result, context)
        result.errors.sort(key=lambda e: e.row)
        if not result.records and not result.errors:
            result.errors.append(RowError(0, "", "表格中没有数据行"))
        return result

    def _find_header(self, rows):
        wanted = {c.header for c in self.columns}
        first_required = next(c.header for c in self.columns if c.required)
        for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
            cells = [_clean_header(v) for v in row]
            if first_required in cells:
                return index, {h: i for i, h in enumerate(cells) if h in wanted}
        return None, {}

    def _read_row(self, result, row_no, row, positions, context):
        values, shown, errors = {}, [], []
        for column in self.columns:
            position = positions.get(column.header)
            raw = row[position] if position is not None and position < len(row) else None
            shown.append(parse_text(raw))
            if position is None:
                continue
            try:
                values[column.attr] = column.parse(raw)
            except CellError as exc:
                errors.append(RowError(row_no, column.header, str(exc)))
        result.rows.append((row_no, shown))
        if errors:
            result.errors.extend(errors)
            return
        try:
            record = self.build(values, context)
            record.full_clean()
            self.check_against_file(record, context)
        except ValidationError as exc:
            result.errors.extend(self._row_errors(row_no, exc))
            return
        result.records.append(record)
        result.record_rows.append(row_no)

    def _row_errors(self, row_no, exc):
        header_of = {c.attr: c.header for c in self.columns}
        header_of.update(self.extra_headers())
        if not hasattr(exc, "error_dict"):
            return [RowError(row_no, "", message) for message in exc.messages]
        return [
            RowError(row_no, header_of.get(name, "" if name == "__all__" else name), message)
            for name, errors in exc.error_dict.items()
            for message in ValidationError(errors).messages
        ]

    # --- hooks for subclasses ---------------------------------------------------------------

    def prepare(self) -> dict:
        """Load what every row looks up (villages by name…) once, not per row."""
        return {}

    def extra_headers(self) -> dict:
        """Model field → column header, for fields filled from a column of another name."""
        return {}

    def build(self, values: dict, context: dict):
        return self.new_record(values)

    def new_record(self, values: dict):
        """A record of this township; blank cells leave the model's defaults in place."""
        return self.model(township=self.township, **{k: v for k, v in values.items() if v not in (None, "")})

    def check_against_file(self, record, context):
        """Raise ValidationError for a clash with an earlier row of the same file."""

    def finish(self, result, context):
        """After every row is read: resolve references between rows, adding RowErrors."""

    # --- saving ---------------------------------------------------------------------------

    def save_record(self, record):
        """Save one validated record; override to save what hangs off it."""
        record.save()

    def save(self, result: ImportResult):
        """All rows or none: called only for a result without errors."""
        if not result.ok:
            raise ValueError("an import with errors must not be saved")
        with transaction.atomic():
            for record in result.records:
                record.created_by = self.user
                record._history_user = self.user
                record._change_reason = "Excel导入"
                self.save_record(record)
        result.saved = True
        return result


def _has_content(row):
    return any(parse_text(v) for v in row)


def _to_bytes(wb):
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
