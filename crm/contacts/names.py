"""Finding contacts by name, matched like the search field: case and accents folded."""

from __future__ import annotations

import sqlite3

from crm.contacts.search import fts_query
from crm.contacts.service import display_name
from crm.folding import fold, matches_words
from crm.store.db import Database

_NAME_MATCH = (
    "SELECT c.id, c.first_name, c.last_name FROM contact_fts f JOIN contacts c ON c.id = f.rowid "
    "WHERE contact_fts MATCH ?"
)


def name_matches(
    conn: sqlite3.Connection, query: str, *, include_archived: bool = False
) -> dict[int, str]:
    """Contacts (id -> full name) whose name has every word of `query` as a word prefix."""
    match = fts_query(fold(query))
    if match is None:
        return {}
    archived = "" if include_archived else " AND c.archived = 0"
    # The index holds names folded (migration 0006), so it finds them all; each is checked
    # again with `matches_words`, which splits words as the rest of the app does.
    rows = conn.execute(f"{_NAME_MATCH}{archived}", (f"name : ({match})",)).fetchall()
    found: dict[int, str] = {}
    for contact_id, first, last in rows:
        if matches_words(query, f"{first} {last}"):
            found[contact_id] = display_name(first, last)
    return found


def find_contacts_by_name(db: Database, name: str) -> list[tuple[int, str]]:
    """Contacts called `name` (case and accents folded); failing that, whose name has every
    word of it as a word prefix ("lukasz" finds Łukasz Nowak). Archived contacts are left out.
    """
    with db.connection() as conn:
        found = name_matches(conn, name)
    wanted = fold(name)
    exact = [(i, n) for i, n in found.items() if fold(n) == wanted]
    return sorted(exact or found.items())
