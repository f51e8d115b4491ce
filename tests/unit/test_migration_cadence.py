"""The cadence and follow-up lifecycle migration keeps every row of a file with sample data."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from crm.samples.data import load_sample_data
from crm.store.clock import Clock
from crm.store.db import Database
from crm.store.paths import DataPaths
from crm.store.schema import migrate, open_database

PREVIOUS = "0001"
SKIP = ("alembic_version", "sqlite_sequence")


def _tables(conn: sqlite3.Connection, schema: str = "main") -> list[str]:
    rows = conn.execute(
        f"SELECT name FROM {schema}.sqlite_master WHERE type='table' "
        "AND name NOT LIKE 'contact_fts%' ORDER BY name"
    )
    return [r[0] for r in rows if r[0] not in SKIP]


def _columns(conn: sqlite3.Connection, table: str, schema: str = "main") -> list[str]:
    return [r[1] for r in conn.execute(f"PRAGMA {schema}.table_info({table})")]


def _previous_schema_with_sample_data(tmp_path: Path, paths: DataPaths, clock: Clock) -> None:
    """A file of the previous schema holding the sample network: the sample data is made by
    the current code, then copied column by column into a file migrated only to 0001."""
    current = Database(tmp_path / "current.sqlite3", clock=clock)
    migrate(current)
    load_sample_data(current)
    current.dispose()
    old = Database(paths.database, clock=clock)
    migrate(old, target=PREVIOUS)
    old.dispose()
    conn = sqlite3.connect(paths.database, isolation_level=None)
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.execute("ATTACH DATABASE ? AS cur", (str(tmp_path / "current.sqlite3"),))
    conn.execute("BEGIN")
    for table in _tables(conn):
        cols = ", ".join(_columns(conn, table))
        conn.execute(f"DELETE FROM main.{table}")
        conn.execute(f"INSERT INTO main.{table} ({cols}) SELECT {cols} FROM cur.{table}")
    conn.execute("COMMIT")
    conn.execute("DETACH DATABASE cur")
    conn.close()


def _every_row(path: Path, columns: dict[str, list[str]]) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(path)
    try:
        return {
            table: conn.execute(
                f"SELECT {', '.join(cols)} FROM {table} ORDER BY {', '.join(cols)}"
            ).fetchall()
            for table, cols in columns.items()
        }
    finally:
        conn.close()


def test_upgrading_a_file_with_sample_data_keeps_every_row_and_value(
    tmp_path: Path, data_paths: DataPaths, clock: Clock
) -> None:
    _previous_schema_with_sample_data(tmp_path, data_paths, clock)
    conn = sqlite3.connect(data_paths.database)
    columns = {t: _columns(conn, t) for t in _tables(conn)}
    conn.close()
    before = _every_row(data_paths.database, columns)
    assert len(before["contacts"]) > 30 and len(before["interactions"]) > 30

    opened = open_database(data_paths, clock=clock)
    opened.database.dispose()

    assert opened.migrated_from == PREVIOUS
    assert _every_row(data_paths.database, columns) == before
    conn = sqlite3.connect(data_paths.database)
    templates = conn.execute("SELECT kind FROM message_templates ORDER BY position").fetchall()
    thanks = conn.execute(
        "SELECT count(*) FROM follow_ups WHERE title = 'Send a thank-you note' "
        "AND reason IS NOT 'thanks'"
    ).fetchone()
    conn.close()
    assert [k for (k,) in templates] == ["outreach", "nudge", "thanks", "keep_in_touch"]
    assert thanks == (0,)


def test_the_default_stages_learn_the_nudge_rule_and_the_keep_in_touch_interval(
    tmp_path: Path, data_paths: DataPaths, clock: Clock
) -> None:
    old = Database(data_paths.database, clock=clock)
    migrate(old, target=PREVIOUS)
    old.dispose()
    open_database(data_paths, clock=clock).database.dispose()
    conn = sqlite3.connect(data_paths.database)
    rules = dict(
        (name, (title, days, reason, cadence))
        for name, title, days, reason, cadence in conn.execute(
            "SELECT name, followup_title, followup_days, followup_reason, cadence_days FROM stages"
        )
    )
    conn.close()
    assert rules["Reached out"] == ("Nudge if no reply", 5, "nudge", None)
    assert rules["Met"] == ("Send a thank-you note", 1, "thanks", None)
    assert rules["Keep in touch"][3] == 90


def test_stale_nudges_of_people_who_moved_on_are_closed_in_their_history(
    data_paths: DataPaths, clock: Clock
) -> None:
    old = Database(data_paths.database, clock=clock)
    migrate(old, target=PREVIOUS)
    old.dispose()
    conn = sqlite3.connect(data_paths.database)
    with conn:
        stages = dict(conn.execute("SELECT name, id FROM stages"))
        people = [(1, "Anna", stages["Scheduled"]), (2, "Ben", stages["Reached out"])]
        conn.executemany(
            "INSERT INTO contacts(id, uid, first_name, last_name, title, location, linkedin_url,"
            " source, stage_id, stage_position, stage_entered_at, birthday, notes, archived,"
            " created_at, updated_at) VALUES (?, ?, ?, 'Lee', '', '', '', '', ?, 1.0,"
            " '2026-03-01 09:00:00', '', '', 0, '2026-03-01', '2026-03-01')",
            [(cid, f"u{cid}", name, stage) for cid, name, stage in people],
        )
        conn.executemany(
            "INSERT INTO follow_ups(contact_id, title, due_date, created_at) VALUES (?, ?,"
            " '2026-03-05', '2026-03-01')",
            [(1, "Nudge Anna if no reply"), (2, "Nudge Ben if no reply")],
        )
    conn.close()
    open_database(data_paths, clock=clock).database.dispose()
    conn = sqlite3.connect(data_paths.database)
    rows = conn.execute(
        "SELECT contact_id, reason, done_at IS NOT NULL, closed_reason FROM follow_ups "
        "ORDER BY contact_id"
    ).fetchall()
    history = conn.execute("SELECT contact_id, kind, summary FROM interactions").fetchall()
    conn.close()
    assert rows == [(1, "nudge", 1, "moved on to Scheduled"), (2, "nudge", 0, None)]
    assert history == [(1, "followup", "Closed “Nudge Anna if no reply”: moved on to Scheduled")]
