"""Undoing and redoing a finished import, exactly, in one transaction each."""

from __future__ import annotations

from crm.changes import EVERYTHING, Changes
from crm.importing.apply import ImportOutcome
from crm.importing.rows import (
    TABLES,
    delete_values,
    insert_values,
    update_contacts,
)
from crm.store.db import Database, write_transaction
from crm.store.search_index import search_index_suspended


def undo_import(db: Database, outcome: ImportOutcome) -> Changes:
    """Remove every row the import wrote and put back every value it replaced."""
    with (
        db.connection() as conn,
        write_transaction(conn),
        search_index_suspended(conn, outcome.contact_ids),
    ):
        for table in reversed(TABLES):
            delete_values(conn, table, outcome.values.get(table, ()))
        befores = [(cid, before) for cid, before, _ in reversed(outcome.updates)]
        update_contacts(conn, befores)
    return EVERYTHING


def redo_import(db: Database, outcome: ImportOutcome) -> Changes:
    """Write the same rows again, with the same ids, and the same new values."""
    with (
        db.connection() as conn,
        write_transaction(conn),
        search_index_suspended(conn, outcome.contact_ids),
    ):
        for table in TABLES:
            insert_values(conn, table, outcome.values.get(table, ()))
        update_contacts(conn, [(cid, after) for cid, _, after in outcome.updates])
    return EVERYTHING
