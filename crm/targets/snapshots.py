"""Rows taken out of tables and put back exactly, so undoing a delete keeps every id."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session


@dataclass(frozen=True)
class Snapshot:
    """Rows by table name, in the order they go back in (parents first)."""

    tables: tuple[tuple[str, tuple[dict[str, Any], ...]], ...]


def take(session: Session, parts: list[tuple[Table, Any]]) -> Snapshot:
    """Copy the rows matching each (table, where clause), parents first."""
    taken = []
    for table, where in parts:
        rows = tuple(dict(r) for r in session.execute(select(table).where(where)).mappings())
        taken.append((table.name, rows))
    return Snapshot(tuple(taken))


def put_back(session: Session, snapshot: Snapshot, tables: dict[str, Table]) -> None:
    for name, rows in snapshot.tables:
        if rows:
            session.execute(insert(tables[name]), [dict(r) for r in rows])
