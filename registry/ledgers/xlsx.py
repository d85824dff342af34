"""Safe .xlsx files in and out, below the ledger sheets of `registry/excel.py`.

In: an upload is checked by its bytes before anything is expanded (size, zip or OLE2, the
uncompressed size every member declares, which zipfile never exceeds when it reads), then its
rows are streamed with a bounded number of columns, merged cells filled from their top-left
value, formulas read as the value Excel last calculated.

Out: every workbook we write goes through `workbook_bytes`, which stores any text that Excel
would take for a formula (= + - @, a tab or CR first, or an error code like #N/A) as plain text
with Excel's quote prefix: shown and re-imported as typed, never evaluated.
"""

import contextlib
import io
import os
import zipfile
import zlib
from dataclasses import dataclass
from xml.etree.ElementTree import ParseError

from openpyxl import load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.utils.cell import range_boundaries
from openpyxl.worksheet._reader import FORMULA_TAG, ROW_TAG, WorkSheetParser
from openpyxl.xml.constants import SHEET_MAIN_NS
from openpyxl.xml.functions import iterparse

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# What a 5,000-row ledger expands to is a few megabytes; a bomb is hundreds of them.
MAX_UNCOMPRESSED_BYTES = 60 * 1024 * 1024
# Spreadsheet XML deflates 5–30 fold; past this a large member is padding made to expand.
MAX_COMPRESSION_RATIO = 200
RATIO_CHECK_FROM_BYTES = 1024 * 1024
MAX_ZIP_MEMBERS = 2000
# The widest ledger has a few dozen columns; nothing to the right of this is read.
MAX_COLUMNS = 120
MAX_MERGED_RANGES = 20000
# Rows present in the sheet XML (blank formatted rows count): far above any ledger.
MAX_ROWS = 50000

ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")
MERGE_CELL_TAG = f"{{{SHEET_MAIN_NS}}}mergeCell"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")
ERROR_CODES = frozenset(("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"))

UNREADABLE = "无法读取文件：文件已损坏或不是有效的 Excel 文件，请在 Excel 中打开后另存为 .xlsx 再上传"


class WorkbookError(Exception):
    """A file that cannot be read as a ledger; the message tells the user why, in Chinese."""


class FormulaValue:
    """A cell whose formula has no usable cached value: never calculated, or an error (#N/A…)."""

    def __init__(self, error=""):
        self.error = error

    def __str__(self):
        return self.error or "（公式未计算）"

    @property
    def problem(self):
        if self.error:
            return f"单元格是错误值 {self.error}，请改正公式或填写内容"
        return "单元格是公式，但文件中没有它的计算结果。请用 Excel 打开并保存后再上传，或把公式转为数值"


# --- checks on the bytes ------------------------------------------------------------------------


def check_upload(source):
    """Raise WorkbookError unless `source` (a seekable binary file) may be opened as .xlsx."""
    size = _size(source)
    if size > MAX_UPLOAD_BYTES:
        raise WorkbookError(f"文件过大（超过{MAX_UPLOAD_BYTES // (1024 * 1024)} MB），请分批导入")
    source.seek(0)
    magic = source.read(8)
    source.seek(0)
    if magic.startswith(OLE2_MAGIC):
        raise WorkbookError(_ole2_problem(source))
    if not magic.startswith(ZIP_MAGIC):
        raise WorkbookError(UNREADABLE)
    try:
        with zipfile.ZipFile(source) as archive:
            members = archive.infolist()
            names = {info.filename for info in members}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise WorkbookError(UNREADABLE) from None
    finally:
        source.seek(0)
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise WorkbookError(UNREADABLE)
    if len(members) > MAX_ZIP_MEMBERS:
        raise WorkbookError(UNREADABLE)
    total = sum(info.file_size for info in members)
    bombs = [
        info
        for info in members
        if info.file_size > RATIO_CHECK_FROM_BYTES
        and info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1)
    ]
    if total > MAX_UNCOMPRESSED_BYTES or bombs:
        raise WorkbookError(
            f"文件解压后过大（超过{MAX_UNCOMPRESSED_BYTES // (1024 * 1024)} MB），不像是一份台账，请检查文件"
        )


def _size(source):
    source.seek(0, io.SEEK_END)
    size = source.tell()
    source.seek(0)
    return size


def _ole2_problem(source):
    """An OLE2 compound file is an encrypted .xlsx (it holds an EncryptionInfo stream) or an old .xls."""
    head = source.read(MAX_UPLOAD_BYTES)
    source.seek(0)
    if "EncryptionInfo".encode("utf-16-le") in head:
        return (
            "文件设置了打开密码，无法读取。请在 Excel 中取消密码"
            "（文件→信息→保护工作簿→用密码进行加密，清空密码）后另存再上传"
        )
    return "这是旧版 Excel（.xls）文件，请在 Excel 中“另存为”.xlsx 格式后再上传"


# --- streaming the rows -----------------------------------------------------------------------


@dataclass
class Row:
    number: int  # as Excel shows it
    values: list  # MAX_COLUMNS values, merged cells filled
    own: list  # the values the row itself holds (a merged area's other cells are blank)


class _CachedValueParser(WorkSheetParser):
    """openpyxl's streaming cell parser, telling apart a formula with no cached value from a blank."""

    def parse_cell(self, element):
        cell = super().parse_cell(element)
        if cell["data_type"] == "e":
            cell["value"] = FormulaValue(str(cell["value"]))
        elif cell["value"] is None and element.find(FORMULA_TAG) is not None:
            cell["value"] = FormulaValue()
        return cell


class SheetReader:
    """One worksheet of an open workbook, read as a stream of rows."""

    def __init__(self, book, worksheet):
        self.book = book
        self.worksheet = worksheet
        self.title = worksheet.title
        self.visible = worksheet.sheet_state == "visible"

    def _source(self):
        # The read-only worksheet opens its XML from the zip on demand (openpyxl pinned, 3.1).
        return self.worksheet._get_source()

    def merged_ranges(self):
        """(min_row, min_col, max_row, max_col) of every merged area, clipped to MAX_COLUMNS.

        Read-only worksheets know nothing of merges, and the sheet XML lists them after the
        rows: one cheap pass over the (size-checked) XML collects them first.
        """
        ranges = set()
        with self._source() as source:
            for _event, element in iterparse(source):
                if element.tag == MERGE_CELL_TAG:
                    min_col, min_row, max_col, max_row = range_boundaries(element.get("ref", ""))
                    if min_col <= MAX_COLUMNS:
                        ranges.add((min_row, min_col, max_row, min(max_col, MAX_COLUMNS)))
                    if len(ranges) > MAX_MERGED_RANGES:
                        raise WorkbookError(
                            f"工作表“{self.title}”的合并单元格超过{MAX_MERGED_RANGES}处，请取消合并后再上传"
                        )
                elif element.tag == ROW_TAG:
                    element.clear()
        return sorted(ranges)

    def rows(self):
        """Each row present in the file, in order; rows with no cell in the XML are skipped."""
        merges = self.merged_ranges()
        next_merge = 0
        covered = {}  # column index → (last row, top-left value, first row, first column index)
        book = self.book
        with self._source() as source:
            parser = _CachedValueParser(
                source,
                self.worksheet._shared_strings,
                data_only=True,
                epoch=book.epoch,
                date_formats=book._date_formats,
                timedelta_formats=book._timedelta_formats,
            )
            for count, (number, cells) in enumerate(parser.parse(), start=1):
                if count > MAX_ROWS:
                    raise WorkbookError(f"工作表“{self.title}”超过{MAX_ROWS}行，请删除多余的空行或分批导入")
                own = [None] * MAX_COLUMNS
                for cell in cells:
                    if cell["column"] <= MAX_COLUMNS:
                        own[cell["column"] - 1] = cell["value"]
                while next_merge < len(merges) and merges[next_merge][0] <= number:
                    first_row, first_col, last_row, last_col = merges[next_merge]
                    next_merge += 1
                    if last_row >= number:
                        # A top-left cell in a row absent from the file is blank.
                        value = own[first_col - 1] if first_row == number else None
                        for index in range(first_col - 1, last_col):
                            covered[index] = (last_row, value, first_row, first_col - 1)
                values = own
                if covered:
                    values = list(own)
                    for index, (last_row, value, first_row, first_index) in list(covered.items()):
                        if last_row < number:
                            del covered[index]
                        elif (number, index) != (first_row, first_index):
                            values[index] = value
                yield Row(number, values, own)


@contextlib.contextmanager
def open_workbook(source):
    """The checked workbook's sheets, as SheetReaders; WorkbookError for anything unreadable.

    `source` is a path or a seekable binary file (an upload).
    """
    if isinstance(source, (str, os.PathLike)):
        with open(source, "rb") as handle, open_workbook(handle) as sheets:
            yield sheets
        return
    check_upload(source)
    try:
        book = load_workbook(source, read_only=True, data_only=True)
    except WorkbookError:
        raise
    except Exception:  # openpyxl raises many kinds (KeyError, ValueError, TypeError…) for a broken file
        raise WorkbookError(UNREADABLE) from None
    try:
        yield [SheetReader(book, worksheet) for worksheet in book.worksheets]
    except (zipfile.BadZipFile, zlib.error, ParseError, EOFError, OSError, KeyError, ValueError, TypeError):
        # A member that fails its CRC or its XML while streaming: the file is damaged.
        raise WorkbookError(UNREADABLE) from None
    finally:
        book.close()


# --- writing ---------------------------------------------------------------------------------


def clean_text(value):
    """Text as a cell can hold it: without the control characters XML cannot carry, LF line ends."""
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    return value


def _is_formula_like(value):
    return isinstance(value, str) and (value.startswith(FORMULA_PREFIXES) or value in ERROR_CODES)


def write_only_cell(sheet, value):
    """A cell of a write-only sheet (large exports) holding `value`, text kept as text."""
    value = clean_text(value)
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
        if _is_formula_like(value):
            cell.quotePrefix = True
    return cell


def neutralise_formulas(wb):
    """Store every cell that Excel would evaluate as text, with Excel's quote prefix."""
    for worksheet in wb.worksheets:
        for row in worksheet.iter_rows():
            for cell in row:
                if not isinstance(cell, Cell) or not isinstance(cell.value, str):
                    continue
                if cell.data_type in ("f", "e") or _is_formula_like(cell.value):
                    cell.data_type = "s"
                    cell.quotePrefix = True


def workbook_bytes(wb) -> bytes:
    """The .xlsx file of `wb`; the one way the project writes a workbook.

    A write-only workbook cannot be read back: its cells come from `write_only_cell`.
    """
    if not wb.write_only:
        neutralise_formulas(wb)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
