"""Writing many rows at once, with their audit trail: how the county-scale demo loads in minutes.

`BulkWriter.add(model, row)` takes a row as a dict of field attnames (missing fields get their
defaults), gives it the next id of its table and buffers it; full buffers are written by COPY on
PostgreSQL and by executemany elsewhere. A row of an audited model (django-simple-history) gets
its audit-trail row in the same pass: created ('+') by `created_by` at `created_at`, so the
history of bulk-loaded records reads as if each had been entered through the app. Call `finish()`
inside the transaction: it writes what is buffered and moves the id sequences past the rows.
Foreign keys are checked at commit (Django creates them deferrable), so tables may be written in
any order within one transaction.
"""

import datetime
import functools
import io
from decimal import Decimal

from django.core.management.color import no_style
from django.db import connection

HISTORY_FIELDS = ("history_id", "history_date", "history_change_reason", "history_type", "history_user_id")


@functools.cache
def history_model(model):
    """The model's historical model, or None when it is not audited.

    Cached: simple-history builds a new manager class on every `Model.history` access (~1 ms).
    """
    manager = getattr(model._meta, "simple_history_manager_attribute", None)
    return getattr(model, manager).model if manager else None


def _copy_text(value):
    """One value in PostgreSQL's COPY text format."""
    if value is None:
        return "\\N"
    kind = type(value)
    if kind is str:
        if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
            value = value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
        return value
    if kind is bool:
        return "t" if value else "f"
    if kind in (int, Decimal):
        return str(value)
    if kind in (datetime.date, datetime.datetime):
        return value.isoformat()
    if isinstance(value, str):  # a choice (TextChoices member)
        return _copy_text(str.__str__(value))
    if isinstance(value, int):
        return str(int(value))
    raise TypeError(f"cannot COPY {value!r}")


def _sqlite_value(value):
    """One value as Django's SQLite backend stores it (datetimes in UTC, decimals as text)."""
    kind = type(value)
    if kind is datetime.datetime:
        return str(value.astimezone(datetime.UTC).replace(tzinfo=None))
    if kind is datetime.date or kind is Decimal:
        return str(value)
    if isinstance(value, str):
        return str.__str__(value)
    return value


class _Table:
    def __init__(self, model):
        self.model = model
        self.fields = list(model._meta.concrete_fields)
        self.attnames = [f.attname for f in self.fields]
        self.pk = model._meta.pk.attname
        self.defaults = {}
        for field in self.fields:
            if field.has_default():
                default = field.get_default()
            elif field.empty_strings_allowed and not field.null:
                default = ""
            else:
                default = None
            self.defaults[field.attname] = default
        self.rows = []
        self.next_id = None


class BulkWriter:
    def __init__(self, batch_size=20_000):
        self.batch_size = batch_size
        self.postgres = connection.vendor == "postgresql"
        self.tables = {}
        self.counts = {}

    def _table(self, model):
        table = self.tables.get(model)
        if table is None:
            table = self.tables[model] = _Table(model)
        return table

    def next_id(self, model) -> int:
        table = self._table(model)
        if table.next_id is None:
            with connection.cursor() as cursor:
                pk_column = model._meta.pk.column
                cursor.execute(f'SELECT MAX("{pk_column}") FROM "{model._meta.db_table}"')
                table.next_id = (cursor.fetchone()[0] or 0) + 1
        value = table.next_id
        table.next_id += 1
        return value

    def add(self, model, row: dict, *, history=True, reason=None, at=None, by=None) -> int:
        """Buffer one row and its '+' audit-trail row (at `at` or its created_at, by `by` or its
        created_by); returns its id."""
        table = self._table(model)
        if table.pk not in row:
            row[table.pk] = self.next_id(model)
        for name in ("created_at", "updated_at"):
            if name in table.defaults and row.get(name) is None and "created_at" in row:
                row[name] = row["created_at"]
        self._buffer(table, row)
        if history and history_model(model) is not None:
            at = at or row["created_at"]
            self.add_history(model, row, "+", at, by or row.get("created_by_id"), reason)
        return row[table.pk]

    def add_history(self, model, row: dict, kind: str, at, user_id, reason=None):
        """An audit-trail row of `row` as it stood at `at`: '+' created, '~' changed."""
        table = self._table(history_model(model))
        defaults = table.defaults
        entry = {name: row[name] if name in row else defaults[name] for name in table.attnames}
        entry.update(
            history_id=self.next_id(table.model),
            history_date=at,
            history_change_reason=reason,
            history_type=kind,
            history_user_id=user_id,
        )
        self._buffer(table, entry)

    def _buffer(self, table, row):
        defaults = table.defaults
        table.rows.append(tuple(row[name] if name in row else defaults[name] for name in table.attnames))
        if len(table.rows) >= self.batch_size:
            self._flush(table)

    def _flush(self, table):
        if not table.rows:
            return
        db_table = table.model._meta.db_table
        columns = ", ".join(f'"{f.column}"' for f in table.fields)
        with connection.cursor() as cursor:
            if self.postgres:
                text = io.StringIO("".join("\t".join(map(_copy_text, row)) + "\n" for row in table.rows))
                cursor.cursor.copy_expert(f'COPY "{db_table}" ({columns}) FROM STDIN', text)
            else:
                marks = ", ".join(["%s"] * len(table.fields))
                rows = [[_sqlite_value(value) for value in row] for row in table.rows]
                cursor.executemany(f'INSERT INTO "{db_table}" ({columns}) VALUES ({marks})', rows)
        self.counts[table.model] = self.counts.get(table.model, 0) + len(table.rows)
        table.rows = []

    def finish(self):
        """Write every buffered row and reset the id sequences of the tables written."""
        for table in self.tables.values():
            self._flush(table)
        statements = connection.ops.sequence_reset_sql(no_style(), list(self.tables))
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
        return {model._meta.label: count for model, count in self.counts.items()}
