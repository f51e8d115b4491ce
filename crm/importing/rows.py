"""Plain sqlite3 helpers for bulk imports: value formats, inserts by table, the transaction."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from datetime import datetime
from operator import itemgetter
from typing import Any

Row = dict[str, Any]

# Order matters: parents before children, so a redo can insert in this order and an
# undo can delete in the reverse one.
TABLES = ("companies", "tags", "contacts", "contact_channels", "contact_tags", "interactions")
KEY_COLUMNS = {"contact_tags": ("contact_id", "tag_id")}


def sql_datetime(value: datetime) -> str:
    """The text SQLAlchemy writes for a DateTime on SQLite, so the ORM reads it back."""
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")


def insert_rows(conn: sqlite3.Connection, table: str, rows: Sequence[Row]) -> None:
    if not rows:
        return
    columns = list(rows[0])
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"
    values = itemgetter(*columns)
    if len(columns) == 1:  # itemgetter of one key gives the value, not a 1-tuple
        conn.executemany(sql, [(values(r),) for r in rows])
    else:
        conn.executemany(sql, map(values, rows))


def delete_rows(conn: sqlite3.Connection, table: str, rows: Sequence[Row]) -> None:
    if not rows:
        return
    keys = KEY_COLUMNS.get(table, ("id",))
    where = " AND ".join(f"{k} = ?" for k in keys)
    conn.executemany(
        f"DELETE FROM {table} WHERE {where}", [tuple(r[k] for k in keys) for r in rows]
    )


def update_contacts(
    conn: sqlite3.Connection, values: Sequence[tuple[int, Mapping[str, Any]]]
) -> None:
    """Set some columns of some contacts: (contact id, {column: value})."""
    for contact_id, columns in values:
        if not columns:
            continue
        assignments = ", ".join(f"{c} = ?" for c in columns)
        conn.execute(
            f"UPDATE contacts SET {assignments} WHERE id = ?", (*columns.values(), contact_id)
        )


def next_id(conn: sqlite3.Connection, table: str) -> int:
    return int(conn.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchone()[0])
