"""The import's own list of columns and defaults is the models' (it runs without them), and
the rows it writes in batches are the rows it made."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from typing import Any

from crm.importing.rows import (
    COLUMNS,
    DEFAULTS,
    TABLES,
    TAG,
    Values,
    insert_batch,
    insert_values,
    row_maker,
)
from crm.store.db import Database
from crm.store.models import Base

Inserter = Callable[[sqlite3.Connection, str, Sequence[Values]], None]


def models_default(table: str, column: str) -> Any:
    default = Base.metadata.tables[table].columns[column].default
    arg = getattr(default, "arg", None)
    return None if callable(arg) else arg


def test_every_table_an_import_writes_has_the_models_columns_in_their_order() -> None:
    for table in TABLES:
        assert COLUMNS[table] == tuple(c.name for c in Base.metadata.tables[table].columns)


def test_a_column_the_import_leaves_out_gets_the_models_default() -> None:
    for table in TABLES:
        expected = {c: models_default(table, c) for c in COLUMNS[table]}
        assert DEFAULTS[table] == expected
        # False and 0 compare equal: the type must be the models' too.
        assert {c: type(v) for c, v in DEFAULTS[table].items()} == {
            c: type(v) for c, v in expected.items()
        }


def written(
    db: Database, table: str, rows: list[Values], insert: Inserter
) -> list[tuple[Any, ...]]:
    """The rows as stored, each value with its SQLite type, after `insert` (rolled back)."""
    columns = ", ".join(f"{c}, typeof({c})" for c in COLUMNS[table])
    with db.connection() as conn:
        conn.execute("BEGIN")
        try:
            insert(conn, table, rows)
            return conn.execute(f"SELECT {columns} FROM {table} ORDER BY rowid").fetchall()
        finally:
            conn.execute("ROLLBACK")


def with_value(row: Values, table: str, column: str, value: Any) -> Values:
    at = COLUMNS[table].index(column)
    return (*row[:at], value, *row[at + 1 :])


def test_a_batch_stores_what_binding_every_value_stores(db: Database) -> None:
    """Columns the same in every row go into the statement as literals: the same values
    and types must come out (0, 0.0 and False are equal in Python, not in SQLite)."""
    stamp = "2026-03-10 14:30:00.000000"
    quoted = "O'Neil & Sons; DROP TABLE companies; --"
    company = row_maker("companies", "id", "name", "notes", "created_at", "updated_at")
    rows = [
        company(1, "Acme", quoted, stamp, stamp),
        company(2, "Globex", quoted, stamp, stamp),
        company(3, "Ünïcorn", quoted, stamp, stamp),
    ]
    cases = {
        "as made": rows,
        "0, False and 0.0 in one column": [
            with_value(r, "companies", "is_target", value)
            for r, value in zip(rows, (0, False, 0.0), strict=True)
        ],
        "True in every row": [with_value(r, "companies", "is_target", True) for r in rows],
        "a big number in every row": [
            with_value(r, "companies", "motivation", 2**62) for r in rows
        ],
        "one value not ASCII, one with NUL": [
            with_value(r, "companies", "notes", value)
            for r, value in zip(rows, ("Zürich", "a\x00b", ""), strict=True)
        ],
        "the same text not ASCII": [with_value(r, "companies", "notes", "Zürich") for r in rows],
        "the same text with NUL": [with_value(r, "companies", "notes", "a\x00b") for r in rows],
        "one row": rows[:1],
    }
    for name, values in cases.items():
        expected = written(db, "companies", values, insert_values)
        assert written(db, "companies", values, insert_batch) == expected, name


def test_a_batch_of_rows_alike_but_their_key_is_written_whole(db: Database) -> None:
    stamp = "2026-03-10 14:30:00.000000"
    contact = row_maker(
        "contacts", "id", "uid", "stage_id", "stage_entered_at", "created_at", "updated_at"
    )
    with db.connection() as conn:
        conn.execute("BEGIN")
        try:
            stage = conn.execute("SELECT min(id) FROM stages").fetchone()[0]
            insert_values(conn, "contacts", [contact(1, "u1", stage, stamp, stamp, stamp)])
            insert_values(conn, "tags", [TAG(1, "LinkedIn"), TAG(2, "Other")])
            rows = [(1, 1), (1, 2)]  # contact_tags: the contact the same in both rows
            insert_batch(conn, "contact_tags", rows)
            assert conn.execute("SELECT * FROM contact_tags ORDER BY tag_id").fetchall() == rows
        finally:
            conn.execute("ROLLBACK")
