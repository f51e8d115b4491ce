"""Every foreign key has an index under it: deleting a row never reads a whole child table.

Without one, SQLite checks each deleted row's children by scanning the child table, so
taking back an import of 50,000 contacts (each delete checking `referred_by_id`) took
minutes instead of seconds.
"""

from __future__ import annotations

import sqlite3

from crm.store.db import Database


def unindexed_foreign_keys(conn: sqlite3.Connection) -> list[str]:
    found = []
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for table in tables:
        leading = {r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[5] == 1}
        for index in conn.execute(f"PRAGMA index_list({table})").fetchall():
            columns = conn.execute(f"PRAGMA index_info({index[1]})").fetchall()
            if columns:
                leading.add(columns[0][2])
        for key in conn.execute(f"PRAGMA foreign_key_list({table})"):
            if key[3] not in leading:
                found.append(f"{table}.{key[3]} -> {key[2]}")
    return found


def test_every_foreign_key_of_the_data_file_is_indexed(db: Database) -> None:
    conn = sqlite3.connect(db.path)
    try:
        assert unindexed_foreign_keys(conn) == []
    finally:
        conn.close()
