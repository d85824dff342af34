"""Property-based tests of the Excel readers: whatever a cell holds, never a 500, never a partial save."""

import datetime
import io
from decimal import Decimal

from hypothesis import assume, event, given
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase
from openpyxl import Workbook

from registry.ledgers.sheets import (
    CellError,
    parse_bool,
    parse_date,
    parse_decimal,
    parse_int,
    parse_text,
)
from registry.ledgers.xlsx import clean_text
from registry.models import Operator
from registry.sheets import OperatorSheet
from registry.text import split_names
from tests.base import CastTestCase
from tests.registry.workbooks import save

# Columns any text fits: a plausible row keeps its random cells there.
FREE_TEXT = {"legal_representative", "address", "supervising_note", "insurance_policy_no", "notes"}
FULL_WIDTH_DIGITS = str.maketrans("0123456789-", "０１２３４５６７８９－")

texts = st.text(max_size=40).map(clean_text)
cell_values = st.one_of(
    st.none(),
    texts,
    st.sampled_from(["是", "否", "营业", "注销", "=1+1", "#N/A", "2022-03-05 00:00:00", "44621", "１２３", "\u3000"]),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(),
    st.booleans(),
    st.dates(),
    st.datetimes(min_value=datetime.datetime(1900, 3, 1)),
    st.decimals(allow_nan=False, places=3, min_value=-(10**9), max_value=10**9),
)


def parses_or_refuses(parse, value, kind):
    """`parse(value)` gives a value of `kind` or None, or a CellError; nothing else escapes."""
    try:
        parsed = parse(value)
    except CellError as exc:
        assert str(exc)
        return None
    assert parsed is None or isinstance(parsed, kind), (value, parsed)
    return parsed


class CellParserProperties(HypothesisTestCase):
    @given(cell_values)
    def test_parse_date(self, value):
        parses_or_refuses(parse_date, value, datetime.date)

    @given(cell_values)
    def test_parse_bool(self, value):
        parses_or_refuses(parse_bool, value, bool)

    @given(cell_values)
    def test_parse_int(self, value):
        parses_or_refuses(parse_int, value, int)

    @given(cell_values)
    def test_parse_decimal(self, value):
        number = parses_or_refuses(parse_decimal, value, Decimal)
        assert number is None or number.is_finite()

    @given(cell_values)
    def test_parse_text(self, value):
        assert isinstance(parse_text(value), str)

    @given(st.dates(min_value=datetime.date(1900, 3, 1)))
    def test_every_way_of_writing_a_date(self, day):
        serial = (day - datetime.date(1899, 12, 30)).days
        for written in (
            day,
            datetime.datetime.combine(day, datetime.time(8, 30)),
            day.isoformat(),
            f"{day.year}年{day.month}月{day.day}日",
            f"{day.year}/{day.month}/{day.day}",
            f"{day.isoformat()} 00:00:00",
            day.isoformat().translate(FULL_WIDTH_DIGITS),
            serial,
            float(serial),
        ):
            assert parse_date(written) == day, written

    @given(st.integers(min_value=-(10**14), max_value=10**14))
    def test_numbers_written_any_way(self, number):
        for written in (number, float(number), str(number), f"{number:,}", str(number).translate(FULL_WIDTH_DIGITS)):
            if isinstance(written, float) and written != number:
                continue  # beyond float precision
            assert parse_int(written) == number, written
            assert parse_decimal(written) == number, written

    @given(st.lists(st.text(alphabet="王李张赵钱孙周吴郑红明华芳", min_size=2, max_size=4), max_size=6), st.data())
    def test_officer_names_split_on_any_separator(self, names, data):
        separators = st.sampled_from(["、", "/", "，", ",", " ", "　", "；", " / ", "\n"])
        text = "".join(name + data.draw(separators) for name in names)
        assert split_names(text) == names

    @given(st.text(max_size=40))
    def test_split_names_never_gives_blank_or_separated_parts(self, text):
        for name in split_names(text):
            assert name and name == name.strip()
            assert not set(name) & set("、/，,;；\n")


def operator_header_names():
    return [(c, [c.header, *c.names()]) for c in OperatorSheet.columns]


class HeaderMatchingProperties(HypothesisTestCase):
    @given(st.data())
    def test_any_order_any_accepted_name_maps_each_column(self, data):
        sheet = OperatorSheet(township=None)
        columns = data.draw(st.permutations(OperatorSheet.columns))
        for column in columns:
            name = data.draw(st.sampled_from(column.names()))
            spaced = data.draw(st.sampled_from([name, f" {name} ", name + "*", name.replace("（", "(")]))
            assert sheet.match_header(spaced) is column, spaced

    @given(st.text(max_size=12))
    def test_unknown_text_never_matches_two_ways(self, text):
        sheet = OperatorSheet(township=None)
        found = sheet.match_header(text)
        assert found is None or found in OperatorSheet.columns
        sheet.near_column(text, OperatorSheet.columns)  # never raises


class WholeSheetProperties(HypothesisTestCase, CastTestCase):
    """Random cells under the real template header: a clean list of errors or a complete save."""

    @given(st.lists(st.lists(cell_values, min_size=32, max_size=32), min_size=1, max_size=4), st.data())
    def test_random_rows_are_saved_whole_or_not_at_all(self, rows, data):
        header = [c.header for c in OperatorSheet.columns]
        assume(len(header) == 32)
        wb = Workbook()
        wb.active.append(["甲镇经营户台账"])
        wb.active.append(header)
        for row in rows:
            # Mostly a plausible row with random text in the free-text columns, so that files are saved too.
            if data.draw(st.integers(0, 4)):
                random_cells = row
                row = [None] * len(header)
                for index, column in enumerate(OperatorSheet.columns):
                    if column.attr in FREE_TEXT:
                        row[index] = random_cells[index]
                row[:3] = [data.draw(texts.filter(str.strip)), "食品零售", "食杂店"]
                row[header.index("登记日期")] = datetime.date(2022, 1, 1)
            wb.active.append(row)
        before = Operator.objects.count()
        sheet = OperatorSheet(township=self.township_a, user=self.inspector_a)
        result = sheet.read(io.BytesIO(save(wb)))  # formulas stay formulas
        event("saved" if result.ok else "refused")
        if result.ok:
            sheet.save(result)
            assert Operator.objects.count() == before + len(result.records)
        else:
            assert all(str(line) for line in result.error_lines)
            with self.assertRaises(ValueError):
                sheet.save(result)
            assert Operator.objects.count() == before
