"""Excel in and out for every ledger, from one column list per ledger.

A `LedgerSheet` names its columns once; the same list writes the import template, reads an
upload (wherever the header row is, whatever order the columns are in, under whichever common
name a column goes) and writes the export, so an export can always be imported again.

Reading is all-or-nothing and loses nothing without a word: every column of the file is either
mapped to a field, a 序号, empty, or listed for the user to confirm that it is left out; a
header that looks like one of ours but is not (经营状况 for 经营状态) is an error. The preview's
parse is kept (`ImportResult.to_json`) and only re-validated against the database on confirm.
"""

import datetime
import difflib
import functools
import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel
from openpyxl.worksheet.datavalidation import DataValidation

from registry.text import fold_width

from .xlsx import FormulaValue, WorkbookError, clean_text, open_workbook, workbook_bytes, write_only_cell

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_SEARCH_ROWS = 15
MAX_IMPORT_ROWS = 5000
PREVIEW_ROWS = 50
# A number with more digits than this is no count, fine or date a ledger holds.
MAX_NUMBER = Decimal(10) ** 15

TRUE_WORDS = {"是", "有", "√", "✓", "y", "yes", "true", "1", "已安装", "已开通", "已实施"}
FALSE_WORDS = {"否", "无", "×", "✗", "n", "no", "false", "0", "未安装", "未开通", "未实施"}
TIME_OF_DAY = r"(?:[ T]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
DATE_PATTERNS = (
    re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?" + TIME_OF_DAY + "$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)
# Excel stores a date as days since 1899-12-30: 10000–99999 is 1927–2173.
SERIAL_DATE = re.compile(r"^\d{5}(?:\.0+)?$")
FIRST_SERIAL, LAST_SERIAL = 1, 2958465  # 1900-01-01 … 9999-12-31
# Columns that number the rows of a paper ledger; never data.
ROW_NUMBER_HEADERS = {"序号", "序", "行号", "no", "no."}


class CellError(Exception):
    """A cell whose content cannot be used; the message says why, in Chinese."""


def _rows_text(rows):
    """[3, 4, 7, 8, 9, 10, 11, 12] → '3、4、7–12' (a run of three or more as a range)."""
    parts = []
    for _key, run in itertools.groupby(enumerate(sorted(set(rows))), lambda pair: pair[1] - pair[0]):
        numbers = [n for _, n in run]
        if len(numbers) >= 3:
            parts.append(f"{numbers[0]}–{numbers[-1]}")
        else:
            parts.extend(str(n) for n in numbers)
    return "、".join(parts)


@dataclass
class RowError:
    """One problem: of a row (row ≥ 1), of the header (0), or of the whole file (None)."""

    row: int | None
    column: str
    message: str

    def __str__(self):
        return _where([self.row], self.column) + self.message


@dataclass
class ErrorGroup:
    """One cause over many rows, reported once: 第3、4、7–12行，“所属村”列：…"""

    rows: list
    column: str
    message: str

    def __str__(self):
        return _where(self.rows, self.column) + self.message


def _where(rows, column):
    if rows == [None]:
        return ""
    where = "表头" if rows == [0] else f"第{_rows_text(rows)}行"
    if column:
        where += f"，“{column}”列"
    return f"{where}："


# --- reading one cell ----------------------------------------------------------------------------


def _normal(value):
    """A cell as text for parsing a number, date or choice: NFKC-normalised and trimmed."""
    if isinstance(value, FormulaValue):
        raise CellError(value.problem)
    return unicodedata.normalize("NFKC", str(value)).strip()


def parse_date(value):
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _serial_date(value, value)
    text = _normal(value)
    if not text:
        return None
    if SERIAL_DATE.match(text):
        return _serial_date(float(text), text)
    for pattern in DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            try:
                return datetime.date(*(int(part) for part in match.groups()))
            except ValueError:
                break
    raise CellError(f"“{text}”不是有效日期，请写成 2022-03-01 或设置为日期格式")


def _serial_date(number, shown):
    if number == number and FIRST_SERIAL <= number <= LAST_SERIAL:  # number == number: not NaN
        return from_excel(number).date()
    raise CellError(f"“{shown}”不是有效日期，请写成 2022-03-01 或设置为日期格式")


def parse_bool(value):
    if value is None or value == "":
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = _normal(value).lower()
    if text == "":
        return False
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise CellError(f"“{text}”应填“是”或“否”")


def parse_text(value):
    """A cell as the text it shows: numbers without a trailing .0, dates as 2022-03-01."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        value = value.date() if value.time() == datetime.time() else value
    return fold_width(str(value)).strip()


def _number(value):
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise CellError(f"“{parse_text(value)}”不是数字")
    text = _normal(value).replace(",", "").replace(" ", "")
    if not text:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise CellError(f"“{text}”不是数字") from None
    if not number.is_finite() or abs(number) >= MAX_NUMBER:
        raise CellError(f"“{text}”不是有效的数值")
    return number


def parse_int(value):
    number = _number(value)
    if number is None:
        return None
    if number != number.to_integral_value():
        raise CellError(f"“{parse_text(value)}”应为整数")
    return int(number)


def parse_decimal(value):
    return _number(value)


def header_key(text):
    """A header as compared: NFKC, no blanks, no required-marks (*), ASCII lower case."""
    key = unicodedata.normalize("NFKC", parse_text(text))
    key = re.sub(r"[\s*]", "", key).lower()
    return re.sub(r"\((?:必填|选填)\)$", "", key)


def _loose_key(key):
    """The key without parenthesised notes: 参训人数(人次) → 参训人数."""
    return re.sub(r"\([^)]*\)", "", key)


@dataclass
class Column:
    """One column of a ledger sheet.

    `attr` is the model field it fills (or the key handed to `LedgerSheet.build`);
    `choices` (a TextChoices class) lets the cell hold either the Chinese label or the code;
    `synonyms` are other headers offices write for it (状态 for 经营状态). A yes/no column is
    also found as 是否+header, a …编号 column as …文号 and …号.
    """

    header: str
    attr: str
    kind: str = "text"  # text | date | bool | int | decimal | choice
    required: bool = False
    choices: type | None = None
    width: int = 14
    note: str = ""
    synonyms: tuple = ()

    def names(self):
        """Every header this column is found under: its own, its synonyms and the usual variants."""
        names = [self.header, *self.synonyms]
        # A document number goes as 编号, 文号 or 号: 责令改正通知书文号, 抽样单号.
        names += [name[:-2] + suffix for name in names if name.endswith("编号") for suffix in ("文号", "号")]
        if self.kind == "bool":
            names += [f"是否{name}" for name in names]
        return list(dict.fromkeys(names))

    def parse(self, raw):
        if isinstance(raw, FormulaValue):
            raise CellError(raw.problem)
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
            wanted = _normal(text)
            for value, label in self.choices.choices:
                if wanted in (value, _normal(label), _normal(_short_label(label))):
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
            if not value:
                return None
            label = self._export_labels.get(value)
            return label if label is not None else _short_label(value)
        return value

    @functools.cached_property
    def _export_labels(self):
        """{value: short label}, built once (an export formats a choice in every row)."""
        return {value: _short_label(label) for value, label in self.choices.choices}

    def to_json(self, value):
        if isinstance(value, (datetime.date, Decimal)):
            return str(value)
        return value

    def from_json(self, value):
        if value is None:
            return None
        if self.kind == "date":
            return datetime.date.fromisoformat(value)
        if self.kind == "decimal":
            return Decimal(value)
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


# --- what the file holds -------------------------------------------------------------------------


@dataclass
class FileColumn:
    """A column of the uploaded sheet and what the import makes of it."""

    index: int  # 0-based
    header: str  # as written
    column: Column | None = None
    row_number: bool = False
    has_data: bool = False
    near: Column | None = None  # an unknown header that looks like this column

    @property
    def letter(self):
        return get_column_letter(self.index + 1)

    @property
    def field_header(self):
        return self.column.header if self.column else ""

    @property
    def status(self):
        if self.column:
            return "mapped"
        if self.row_number:
            return "row_number"
        return "ignored" if self.has_data else "empty"

    @property
    def label(self):
        return f"{self.letter}列“{self.header}”" if self.header else f"{self.letter}列（无表头）"


@dataclass
class ImportResult:
    records: list = field(default_factory=list)
    record_rows: list[int] = field(default_factory=list)  # the row each record came from
    errors: list[RowError] = field(default_factory=list)
    # Not refused, but said: e.g. a record dated outside its operator's registered life.
    warnings: list[RowError] = field(default_factory=list)
    rows: list = field(default_factory=list)  # (row number, [cell text per column]) for the preview
    saved: bool = False
    sheet_name: str = ""
    header_row: int = 0
    layout: list[FileColumn] = field(default_factory=list)
    missing_headers: list[str] = field(default_factory=list)  # our columns the file has not
    parsed: list = field(default_factory=list)  # (row number, {attr: value}) of rows whose cells parsed
    data_rows: int = 0

    @property
    def ok(self):
        return not self.errors

    @property
    def warning_lines(self):
        return _grouped(self.warnings)

    @property
    def ignored_columns(self):
        """Columns with content that the import leaves out: the user confirms them."""
        return [c for c in self.layout if c.status == "ignored"]

    @property
    def error_lines(self):
        """The errors with one cause over many rows merged into one line, in row order."""
        return _grouped(self.errors)

    def to_json(self, sheet):
        """The parse of the preview, kept until the confirm (no model instances)."""
        columns = {c.attr: c for c in sheet.columns}
        return {
            "sheet_name": self.sheet_name,
            "header_row": self.header_row,
            "data_rows": self.data_rows,
            "missing_headers": self.missing_headers,
            "layout": [
                [c.index, c.header, c.column.attr if c.column else None, c.row_number, c.has_data] for c in self.layout
            ],
            "rows": self.rows,
            "parsed": [
                [row_no, {attr: columns[attr].to_json(value) for attr, value in values.items()}]
                for row_no, values in self.parsed
            ],
        }

    @classmethod
    def from_json(cls, data, sheet):
        columns = {c.attr: c for c in sheet.columns}
        return cls(
            sheet_name=data["sheet_name"],
            header_row=data["header_row"],
            data_rows=data["data_rows"],
            missing_headers=data["missing_headers"],
            layout=[
                FileColumn(index, header, columns.get(attr), row_number, has_data)
                for index, header, attr, row_number, has_data in data["layout"]
            ],
            rows=[(row_no, cells) for row_no, cells in data["rows"]],
            parsed=[
                (row_no, {attr: columns[attr].from_json(value) for attr, value in values.items()})
                for row_no, values in data["parsed"]
            ],
        )


def _grouped(errors):
    groups = {}
    for error in sorted(errors, key=lambda e: -1 if e.row is None else e.row):
        key = (error.row is None, error.column, error.message)
        groups.setdefault(key, ErrorGroup([], error.column, error.message)).rows.append(error.row)
    return list(groups.values())


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

    def write_row(self, ws, values):
        ws.append([clean_text(value) for value in values])

    def _workbook(self, subtitle):
        wb = Workbook()
        ws = wb.active
        ws.title = self.title[:31]
        title = ws.cell(row=1, column=1, value=clean_text(f"{self.title}{subtitle}"))
        title.font = Font(bold=True, size=14)
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
        self.write_row(notes, ["列名", "是否必填", "说明"])
        for column in self.columns:
            hint = column.note or {
                "date": "日期，如 2022-03-01",
                "bool": "填“是”或“否”",
                "int": "整数",
                "decimal": "数字",
            }.get(column.kind, "")
            if column.options and column.kind == "choice":
                hint = (hint + "；" if hint else "") + "可选：" + "、".join(column.options)
            if column.synonyms:
                hint = (hint + "；" if hint else "") + "表头也可写作：" + "、".join(column.synonyms)
            self.write_row(notes, [column.header, "是" if column.required else "", hint])
        notes.column_dimensions["A"].width = 20
        notes.column_dimensions["C"].width = 80
        return workbook_bytes(wb)

    def export(self, records, subtitle="") -> bytes:
        """The records under the title and header rows of the template.

        A write-only workbook fed from a chunked iterator: a county's 200,000 rapid tests take
        the memory of one chunk, not of every row and cell at once (bench/: ≤ 300 MB).
        """
        wb = Workbook(write_only=True)
        ws = wb.create_sheet(self.title[:31])
        for index, column in enumerate(self.columns, start=1):
            ws.column_dimensions[get_column_letter(index)].width = column.width
        ws.freeze_panes = "A3"
        title = write_only_cell(ws, f"{self.title}{subtitle}")
        title.font = Font(bold=True, size=14)
        ws.append([title])
        ws.merged_cells.add(f"A1:{get_column_letter(len(self.columns))}1")
        header = []
        for column in self.columns:
            cell = write_only_cell(ws, column.header + ("*" if column.required else ""))
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DDEBF7")
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            header.append(cell)
        ws.append(header)
        dates = [column.kind == "date" for column in self.columns]
        rows = records.iterator(chunk_size=2000) if hasattr(records, "iterator") else records
        for record in rows:
            row = []
            for column, is_date in zip(self.columns, dates, strict=True):
                cell = write_only_cell(ws, column.format(self.value_of(record, column)))
                if is_date:
                    cell.number_format = "yyyy-mm-dd"
                row.append(cell)
            ws.append(row)
        return workbook_bytes(wb)

    def value_of(self, record, column):
        """The export value of one column; override for lookups."""
        return getattr(record, column.attr)

    # --- the header -----------------------------------------------------------------------

    @classmethod
    def header_index(cls):
        """Every accepted header key → its Column; ImproperlyConfigured if two columns share one."""
        cached = cls.__dict__.get("_header_index")
        if cached is not None:
            return cached
        exact, loose = {}, {}
        attrs = [c.attr for c in cls.columns]
        if len(set(attrs)) != len(attrs):
            raise ImproperlyConfigured(f"{cls.__name__}: two columns fill the same attribute")
        for column in cls.columns:
            for name in column.names():
                key = header_key(name)
                if exact.get(key, column) is not column:
                    raise ImproperlyConfigured(f"{cls.__name__}: “{name}” names two columns")
                exact[key] = column
                loose.setdefault(_loose_key(key), set()).add(id(column))
        index = dict(exact)
        for column in cls.columns:
            for name in column.names():
                key = _loose_key(header_key(name))
                if key and key not in index and loose[key] == {id(column)}:
                    index[key] = column
        cls._header_index = index
        return index

    def match_header(self, text, group=""):
        """The Column a header cell names, trying the group row's label in front of it."""
        index = self.header_index()
        key = header_key(text)
        if not key:
            return None
        found = index.get(key) or index.get(_loose_key(key))
        group_key = header_key(group)
        if found is None and group_key and group_key != key:
            found = index.get(group_key + key) or index.get(_loose_key(group_key + key))
        return found

    def near_column(self, text, columns):
        """The column of `columns` an unknown header most resembles (经营状况 → 经营状态), if any."""
        key = header_key(text)
        if len(key) < 2:
            return None
        best, best_ratio = None, 0.0
        for column in columns:
            for name in column.names():
                other = header_key(name)
                ratio = difflib.SequenceMatcher(None, key, other).ratio()
                # 状态 is part of 经营状态; 负责人身份证号 holds 证号 by chance, so only our
                # header (not a short synonym) counts when it is the part.
                if key in other or (name == column.header and len(other) >= 3 and other in key):
                    ratio = max(ratio, 0.7)
                if ratio > best_ratio:
                    best, best_ratio = column, ratio
        return best if best_ratio >= 0.6 else None

    def _layout(self, header, above):
        """The file's columns as the header row (and the group row above it) name them."""
        layout = []
        for index, raw in enumerate(header.values):
            text = parse_text(raw)
            group = parse_text(above.values[index]) if above else ""
            column = self.match_header(text, group)
            row_number = column is None and header_key(text) in ROW_NUMBER_HEADERS
            layout.append(FileColumn(index, text, column, row_number))
        return layout

    @staticmethod
    def _above(window, position):
        """The row right above the window's row at `position` (a group row of a two-level header)."""
        if position and window[position - 1].number == window[position].number - 1:
            return window[position - 1]
        return None

    def _find_header(self, window):
        """The row of the window naming most of our columns (the lower one on a tie).

        A header names our first required column, or at least half of the required ones: a
        row of another ledger's headers that shares a column or two with ours is no header.
        """
        required = [c for c in self.columns if c.required]
        best, best_score = None, 0
        for position, row in enumerate(window):
            found = {c.column.attr for c in self._layout(row, self._above(window, position)) if c.column}
            named = [c for c in required if c.attr in found]
            if required and required[0] not in named and 2 * len(named) < len(required):
                continue
            if found and len(found) >= best_score:
                best, best_score = position, len(found)
        return best

    # --- reading --------------------------------------------------------------------------

    def read(self, source) -> ImportResult:
        """Parse and validate every row; nothing is saved. `source` is a path or file object."""
        result = ImportResult()
        try:
            with open_workbook(source) as sheets:
                readable = self._read_workbook(result, sheets)
        except WorkbookError as exc:
            return ImportResult(errors=[RowError(None, "", str(exc))])
        if readable:
            self.validate(result)
        return result

    def _read_workbook(self, result, sheets):
        """Read the first sheet with a header into `result`; False if no row could be read."""
        searched = []
        for sheet in sheets:
            if not sheet.visible:
                continue
            searched.append(f"“{sheet.title}”")
            rows = sheet.rows()
            window, after = [], []
            for row in rows:
                if row.number > HEADER_SEARCH_ROWS:
                    after.append(row)
                    break
                window.append(row)
            position = self._find_header(window)
            if position is None:
                rows.close()
                continue
            result.sheet_name = sheet.title
            readable = self._read_sheet(result, window, position, itertools.chain(window[position + 1 :], after, rows))
            rows.close()
            return readable
        required = "、".join(c.header for c in self.columns if c.required)
        result.errors.append(
            RowError(
                0, "", f"在工作表{'、'.join(searched)}的前{HEADER_SEARCH_ROWS}行中找不到表头（须含列：{required}）"
            )
        )
        return False

    def _read_sheet(self, result, window, position, body):
        header = window[position]
        result.header_row = header.number
        layout = self._layout(header, self._above(window, position))
        mapped = [c for c in layout if c.column]
        seen = {}
        for file_column in mapped:
            first = seen.setdefault(file_column.column.attr, file_column)
            if first is not file_column:
                result.errors.append(
                    RowError(
                        header.number,
                        "",
                        f"{first.label}和{file_column.label}都对应“{first.column.header}”，请只保留一列",
                    )
                )
                file_column.column = None
        mapped = [c for c in layout if c.column]
        present = {c.column.attr for c in mapped}
        missing = [c.header for c in self.columns if c.required and c.attr not in present]
        if missing:
            result.errors.append(RowError(header.number, "", "缺少必填列：" + "、".join(missing)))
            return False
        result.missing_headers = [c.header for c in self.columns if c.attr not in present]
        content_indexes = [c.index for c in layout if not c.row_number]
        preview_positions = {c.column.attr: c.index for c in mapped}
        for row in body:
            if not any(parse_text(row.own[i]) for i in content_indexes):
                continue
            result.data_rows += 1
            if result.data_rows > MAX_IMPORT_ROWS:
                result.errors[:] = [RowError(None, "", f"一次最多导入{MAX_IMPORT_ROWS}行，请分批导入")]
                result.parsed, result.rows = [], []
                return False
            for file_column in layout:
                if not file_column.has_data and parse_text(row.values[file_column.index]):
                    file_column.has_data = True
            self._parse_row(result, row, mapped, preview_positions)
        result.layout = [c for c in layout if c.header or c.has_data]
        self._check_unknown_columns(result, header.number)
        return True

    def _parse_row(self, result, row, mapped, preview_positions):
        if len(result.rows) < PREVIEW_ROWS:
            shown = [
                parse_text(row.values[preview_positions[c.attr]]) if c.attr in preview_positions else ""
                for c in self.columns
            ]
            result.rows.append((row.number, shown))
        values, errors = {}, []
        for file_column in mapped:
            column = file_column.column
            try:
                values[column.attr] = column.parse(row.values[file_column.index])
            except CellError as exc:
                errors.append(RowError(row.number, column.header, str(exc)))
        if errors:
            result.errors.extend(errors)
        else:
            result.parsed.append((row.number, values))

    def _check_unknown_columns(self, result, header_row):
        """A column with data that resembles one of ours we are not reading is an error."""
        present = {c.column.attr for c in result.layout if c.column}
        unread = [c for c in self.columns if c.attr not in present]
        for file_column in result.ignored_columns:
            near = self.near_column(file_column.header, unread) if file_column.header else None
            if near is not None:
                file_column.near = near
                result.errors.append(
                    RowError(
                        header_row,
                        "",
                        f"{file_column.label}不是本台账的列，其内容不会导入。"
                        f"是否应为“{near.header}”？请把表头改为“{near.header}”",
                    )
                )

    def validate(self, result):
        """Check the parsed rows against the database and each other; fills records and errors."""
        context = self.prepare()
        for row_no, values in result.parsed:
            self._validate_row(result, row_no, dict(values), context)
        self.finish(result, context)
        result.errors.sort(key=lambda e: -1 if e.row is None else e.row)
        if not result.records and not result.errors:
            result.errors.append(RowError(0, "", "表格中没有数据行"))
        return result

    def _validate_row(self, result, row_no, values, context):
        try:
            record = self.build(values, context)
            record.full_clean()
            self.check_against_file(record, context)
        except ValidationError as exc:
            result.errors.extend(self._row_errors(row_no, exc))
            return
        result.records.append(record)
        result.record_rows.append(row_no)
        warning = record.operator_life_warning() if hasattr(record, "operator_life_warning") else ""
        if warning:
            header_of = {c.attr: c.header for c in self.columns}
            result.warnings.append(RowError(row_no, header_of.get(record.operator_life_date, ""), warning))

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
