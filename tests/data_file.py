"""A Rapport data file read as another program would: plain sqlite3, read-only, no ORM.

Tests use it to check what reached the file (or a backup of it) without going through the code
under test.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from pathlib import Path


@contextmanager
def read_only(database: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection to `database`, closed after the block; it never creates the file."""
    with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as conn:
        yield conn


def row_count(database: Path, table: str) -> int:
    with read_only(database) as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def first_names(database: Path) -> list[str]:
    """The first names of every contact, in the order they were added."""
    with read_only(database) as conn:
        return [r[0] for r in conn.execute("SELECT first_name FROM contacts ORDER BY id")]


# The tables that hold a contact's own rows: what a merge, a delete or a migration must keep.
CONTACT_TABLES = (
    "contacts",
    "contact_channels",
    "contact_tags",
    "interactions",
    "follow_ups",
    "meeting_attendees",
)


def table_rows(database: Path, tables: Sequence[str]) -> list[list[tuple[object, ...]]]:
    """Every row of each of `tables`, ordered by their first two columns: a snapshot to compare."""
    with read_only(database) as conn:
        return [conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in tables]
