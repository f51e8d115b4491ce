"""Plain sqlite3 helpers for bulk imports: value formats, inserts by table, the transaction."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping, Sequence
from operator import itemgetter
from typing import Any

from crm.contacts.columns import PROFILE_COLUMNS

Row = dict[str, Any]
Values = tuple[Any, ...]  # a row as the values of its table's COLUMNS, in that order

# Order matters: parents before children, so a redo can insert in this order and an
# undo can delete in the reverse one.
TABLES = ("companies", "tags", "contacts", "contact_channels", "contact_tags", "interactions")
KEY_COLUMNS = {"contact_tags": ("contact_id", "tag_id")}
# The columns an import writes: every column of each table, in the models' order, with
# the scalar default the models give a new row that does not say. Written out here so an
# import (from the command line above all) runs without loading SQLAlchemy and the models;
# tests/unit/test_import_rows.py holds them equal to the models' definitions, so they
# cannot drift apart. Rows are tuples in this order, which sqlite3 takes as they are: a
# dict per row, then the tuple from it, cost twice as much.
DEFAULTS: dict[str, dict[str, Any]] = {
    "companies": {
        "id": None,
        "name": None,
        "website": "",
        "industry": "",
        "location": "",
        "notes": "",
        "created_at": None,
        "updated_at": None,
        "is_target": False,
        "motivation": 0,
        "posting": "unknown",
        "careers_url": "",
        "target_rank": 0.0,
    },
    "tags": {"id": None, "name": None, "cadence_days": None},
    "contacts": {
        "id": None,
        "uid": None,
        "first_name": "",
        "last_name": "",
        "title": "",
        "company_id": None,
        "location": "",
        "linkedin_url": "",
        "source": "",
        "referred_by_id": None,
        "stage_id": None,
        "stage_position": 0.0,
        "stage_entered_at": None,
        "birthday": "",
        "notes": "",
        "archived": False,
        "cadence_days": None,
        "created_at": None,
        "updated_at": None,
    },
    "contact_channels": {
        "id": None,
        "contact_id": None,
        "kind": None,
        "label": "",
        "value": None,
        "position": 0,
    },
    "contact_tags": {"contact_id": None, "tag_id": None},
    "interactions": {
        "id": None,
        "contact_id": None,
        "kind": None,
        "occurred_at": None,
        "summary": "",
        "body": "",
        "meeting_id": None,
        "direction": None,
    },
}
COLUMNS = {name: tuple(DEFAULTS[name]) for name in TABLES}


def _default(table: str, column: str) -> Any:
    """What the models put in `column` when a new row does not say (a scalar default)."""
    return DEFAULTS[table][column]


def row_maker(table: str, *names: str) -> Callable[..., Values]:
    """A function taking the values of `names` (in that order) and returning the whole row
    in the order of COLUMNS[table], every other column at the models' default.

    An import names only what it reads; a column added later (a migration) gets its
    default instead of shifting the tuple. The function is compiled once per table, so a
    row costs what a hand-written tuple costs.
    """
    unknown = set(names) - set(COLUMNS[table])
    if unknown:
        raise ValueError(f"{table} has no column {', '.join(sorted(unknown))}")
    params = [f"v{i}" for i in range(len(names))]
    given = dict(zip(names, params, strict=True))
    defaults = {c: _default(table, c) for c in COLUMNS[table] if c not in given}
    items = [
        given.get(c, _literal(c, defaults[c]) if c in defaults else "") for c in COLUMNS[table]
    ]
    source = f"lambda {', '.join(params)}: ({', '.join(items)},)"
    maker: Callable[..., Values] = eval(source, {"defaults": defaults})
    return maker


def _literal(column: str, value: Any) -> str:
    """`value` written into the generated function: plain scalars as literals."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return repr(value)
    return f"defaults[{column!r}]"


# Rows as the import writes them: the columns it names, every other one at its default.
COMPANY = row_maker("companies", "id", "name", "created_at", "updated_at")
TAG = row_maker("tags", "id", "name")
CHANNEL = row_maker("contact_channels", "id", "contact_id", "kind", "label", "value", "position")
INTERACTION = row_maker(
    "interactions", "id", "contact_id", "kind", "occurred_at", "summary", "body"
)
CONTACT_TAG = row_maker("contact_tags", "contact_id", "tag_id")
CONTACT = row_maker(
    "contacts",
    "id",
    "uid",
    *PROFILE_COLUMNS,
    "stage_id",
    "stage_position",
    "stage_entered_at",
    "birthday",
    "notes",
    "created_at",
    "updated_at",
)


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


def insert_values(conn: sqlite3.Connection, table: str, values: Sequence[Values]) -> None:
    """Insert rows given as tuples in the order of COLUMNS[table]."""
    if not values:
        return
    columns = COLUMNS[table]
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"
    conn.executemany(sql, values)


def insert_batch(conn: sqlite3.Connection, table: str, values: Sequence[Values]) -> None:
    """insert_values for a batch of an import's rows: a column holding the same value in
    every row (the stamp, the stage, the source, the defaults) is written into the
    statement once instead of being bound row by row.

    Binding is most of what sqlite3's executemany costs on the Python side, and a None
    or a bool costs most of all (the driver looks for an adapter for each): measured on
    the contacts of a 10,000-row LinkedIn file, binding only the columns that vary took
    31 ms against 82 ms for every column. The rows stored are the same.
    """
    if len(values) < 2:
        insert_values(conn, table, values)
        return
    columns = COLUMNS[table]
    by_column = list(zip(*values, strict=True))
    cells: list[str] = []
    varying: list[tuple[Any, ...]] = []
    for column in by_column:
        literal = _same_literal(column)
        if literal is None:
            cells.append("?")
            varying.append(column)
        else:
            cells.append(literal)
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(cells)})"
    conn.executemany(sql, zip(*varying, strict=True) if varying else [()] * len(values))


_INT64 = range(-(2**63), 2**63)


def _same_literal(column: tuple[Any, ...]) -> str | None:
    """The SQL literal of the value every cell of `column` holds, or None when they differ
    or the value is not one a literal writes exactly (floats and bytes are bound)."""
    first = column[0]
    kind = type(first)
    if first is None:
        literal = "NULL"
    elif kind is bool:
        literal = "1" if first else "0"  # what the driver binds for a bool
    elif kind is int and first in _INT64:
        literal = str(first)
    elif kind is str and first.isascii() and "\x00" not in first:
        literal = "'" + first.replace("'", "''") + "'"
    else:
        return None
    # count() compares with ==, which holds between 0, 0.0 and False: the types must match.
    if column.count(first) != len(column) or len(set(map(type, column))) > 1:
        return None
    return literal


def delete_values(conn: sqlite3.Connection, table: str, values: Sequence[Values]) -> None:
    """Delete rows given as tuples in the order of COLUMNS[table], by their key."""
    if not values:
        return
    keys = KEY_COLUMNS.get(table, ("id",))
    where = " AND ".join(f"{k} = ?" for k in keys)
    positions = [COLUMNS[table].index(k) for k in keys]
    conn.executemany(
        f"DELETE FROM {table} WHERE {where}", [tuple(v[i] for i in positions) for v in values]
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
