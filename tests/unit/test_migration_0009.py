"""Migration 0009: the interactions' partial indexes written with OR instead of IN (…).

A history entry written (10,000 of them in an import of LinkedIn connections) no longer
builds a temporary b-tree per partial index; the indexes and the rows are the same, and
the Today page's and the dashboard's queries still answer from them.
"""

from __future__ import annotations

import shutil
from importlib import import_module
from pathlib import Path

from crm.store.clock import Clock
from crm.store.paths import DataPaths
from crm.store.schema import open_database
from crm.today.cadence import in_touch
from crm.today.outreach import OUTREACH
from tests.data_file import read_only

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "schemas"
MIGRATION = import_module("crm.store.migrations.versions.0009_import_speed")
REWRITTEN = (
    "ix_interactions_outreach",
    "ix_interactions_outreach_when",
    "ix_interactions_in_touch",
)
WRITE_ENTRY = (
    "INSERT INTO interactions (contact_id, kind, occurred_at, summary, body)"
    " VALUES (1, 'import', '2026-03-10 12:00:00.000000', 'Connected on LinkedIn', '')"
)


def everything(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with read_only(path) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in tables}


def temporary_btrees(path: Path, sql: str) -> int:
    """How many temporary b-trees SQLite's program for `sql` opens."""
    with read_only(path) as conn:
        return sum(1 for row in conn.execute(f"EXPLAIN {sql}") if row[1] == "OpenEphemeral")


def plan(path: Path, sql: str) -> str:
    with read_only(path) as conn:
        return " | ".join(r[3] for r in conn.execute(f"EXPLAIN QUERY PLAN {sql}"))


def test_the_queries_repeat_the_migrations_text_word_for_word() -> None:
    assert MIGRATION.OUTREACH == OUTREACH
    assert in_touch("kind") == MIGRATION.IN_TOUCH


def test_upgrading_a_0008_file_keeps_every_row_and_writes_entries_without_temporary_trees(
    data_paths: DataPaths, clock: Clock
) -> None:
    shutil.copyfile(FIXTURES / "0008_foreign_key_indexes.sqlite3", data_paths.database)
    before = everything(data_paths.database)
    assert temporary_btrees(data_paths.database, WRITE_ENTRY) == 3  # what 0008 did

    opened = open_database(data_paths, clock=clock)
    opened.database.dispose()
    assert opened.migrated_from == "0008_foreign_key_indexes"
    after = everything(data_paths.database)
    assert after.pop("alembic_version") == [("0009_import_speed",)]
    before.pop("alembic_version")
    assert after == before
    assert temporary_btrees(data_paths.database, WRITE_ENTRY) == 0
    with read_only(data_paths.database) as conn:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert set(REWRITTEN) <= names


def test_the_today_and_dashboard_queries_still_answer_from_the_partial_indexes(
    data_paths: DataPaths, clock: Clock
) -> None:
    open_database(data_paths, clock=clock).database.dispose()
    path = data_paths.database
    firsts = f"SELECT contact_id, min(occurred_at) FROM interactions WHERE {OUTREACH} GROUP BY 1"
    week = (
        f"SELECT count(*) FROM interactions AS w WHERE {OUTREACH} AND occurred_at >= '2026' "
        f"AND NOT EXISTS (SELECT 1 FROM interactions WHERE {OUTREACH} "
        "AND contact_id = w.contact_id AND occurred_at < '2026')"
    )
    last = (
        "SELECT c.id, (SELECT max(i.occurred_at) FROM interactions i WHERE i.contact_id = c.id"
        f" AND {in_touch('i.kind')} AND i.occurred_at <= '2027') FROM contacts c"
    )
    assert "COVERING INDEX ix_interactions_outreach" in plan(path, firsts)
    assert "COVERING INDEX ix_interactions_outreach_when" in plan(path, week)
    assert "COVERING INDEX ix_interactions_in_touch" in plan(path, last)
