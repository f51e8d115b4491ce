"""Keeping the search index right during bulk writes, faster than its per-row triggers.

The triggers index a contact once per insert and again per channel; for ten thousand
rows that is several times the cost of the inserts themselves (measured: 2.6 s against
0.44 s). Inside the import's transaction the triggers are dropped, the rows written, the
touched contacts indexed with one INSERT … SELECT, and the triggers put back verbatim.
A rollback puts everything back as well: SQLite's schema changes are transactional.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager

from crm.folding import index_text, sql_index_text
from crm.store.id_lists import chunks, placeholders

# FTS5 keeps new index entries in memory up to this size before it writes them out as a
# segment and merges segments. The default, 1 MB, made ten thousand imported contacts
# several segments plus merges: 8 MB writes them as one (measured with callgrind: 42 %
# fewer instructions for the index rows and their commit). Only a bulk write ever fills
# more than 1 MB, so everyday edits are unaffected.
BULK_HASH_BYTES = 8 * 1024 * 1024

# The contacts' insert trigger is "INSERT INTO contact_fts(cols) VALUES (exprs over new.*)".
_ROW = re.compile(
    r"BEGIN\s+INSERT\s+INTO\s+contact_fts\s*\((?P<cols>[^)]*)\)\s*VALUES\s*\((?P<exprs>.*)\)\s*;"
    r"\s*END\s*$",
    re.I | re.S,
)


# The insert trigger's row as migration 0007 writes it (the columns of contact_fts, then
# what goes in them). When the trigger holds exactly this, `_index_in_python` makes the
# same rows from the columns with str.translate: the trigger's SQL runs 23 nested
# replace() per column and two subqueries per contact, ~3x the cost of the index itself
# for ten thousand contacts (measured: 283 ms against 51 ms for the inserts alone).
_COLUMNS = "rowid, name, company, title, channels, notes"
_EXPRESSIONS = ", ".join(
    [
        "new.id",
        sql_index_text("new.first_name || ' ' || new.last_name"),
        sql_index_text("coalesce((SELECT name FROM companies WHERE id = new.company_id), '')"),
        sql_index_text("new.title"),
        sql_index_text(
            "coalesce((SELECT group_concat(value, ' ') FROM contact_channels "
            "WHERE contact_id = new.id), '')"
        ),
        sql_index_text("new.notes"),
    ]
)


def _triggers(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    return list(
        conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
            "AND tbl_name IN ('contacts', 'contact_channels') AND sql LIKE '%contact_fts%'"
        )
    )


# The head of an update trigger: "… AFTER UPDATE [OF col, …] ON contacts".
_ON_UPDATE = re.compile(r"\bUPDATE(?:\s+OF\s+(?P<cols>.+?))?\s+ON\s", re.I | re.S)


def indexed_columns(conn: sqlite3.Connection) -> frozenset[str] | None:
    """The columns of `contacts` whose change re-indexes a contact, as its update triggers
    list them; None when any change does (a trigger without a list of columns).

    A bulk write re-indexes an existing contact only when one of these changed (or one of
    its channels did): re-indexing the others would give the same rows, at the cost of
    rewriting their entries all over the index.
    """
    columns: set[str] = set()
    for (sql,) in conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'contacts'"
    ):
        head = re.split(r"\bBEGIN\b", sql, maxsplit=1, flags=re.I)[0]
        if (m := _ON_UPDATE.search(head)) is None:
            continue  # an insert or delete trigger
        if m["cols"] is None:
            return None
        columns.update(c.strip().strip('"').lower() for c in m["cols"].split(","))
    return frozenset(columns)


def _insert_row(triggers: list[tuple[str, str]]) -> re.Match[str] | None:
    """The columns and values of the contacts' insert trigger, if it has the expected form."""
    for _name, sql in triggers:
        if re.search(r"AFTER\s+INSERT\s+ON\s+contacts\b", sql, re.I) and (m := _ROW.search(sql)):
            return m
    return None


def _index_sql(triggers: list[tuple[str, str]]) -> str | None:
    """INSERT … SELECT that indexes contacts the way the insert trigger does, if found."""
    m = _insert_row(triggers)
    if m is None:
        return None
    return (
        f"INSERT INTO contact_fts({m['cols']}) SELECT {m['exprs']} "
        "FROM contacts AS new WHERE new.id IN ({marks})"
    )


def _same_sql(a: str, b: str) -> bool:
    return a.split() == b.split()


# A contact's indexed values as a caller holding them in memory passes them: id, first
# name, last name, its company's name ("" for none), title, channel values in id order,
# notes. Folded here, as `_EXPRESSIONS` folds them.
IndexSource = tuple[int, str, str, str, str, Sequence[str], str]


def _stored_sources(conn: sqlite3.Connection, ids: list[int]) -> Iterator[IndexSource]:
    """The indexed values of `ids` as stored, read back.

    The channels are joined in id order, the order SQLite's group_concat reads them in
    (through ix_contact_channels_contact_id, or the table itself: both by id).
    """
    for chunk in chunks(ids):
        marks = placeholders(len(chunk))
        channels: dict[int, list[str]] = {}
        for cid, value in conn.execute(
            f"SELECT contact_id, value FROM contact_channels WHERE contact_id IN ({marks}) "
            "ORDER BY contact_id, id",
            chunk,
        ):
            channels.setdefault(cid, []).append(value)
        no_channels: list[str] = []
        for cid, first, last, company, title, notes in conn.execute(
            "SELECT c.id, c.first_name, c.last_name, coalesce(co.name, ''), c.title, "
            f"c.notes FROM contacts AS c LEFT JOIN companies AS co ON co.id = c.company_id "
            f"WHERE c.id IN ({marks})",
            chunk,
        ):
            yield cid, first, last, company, title, channels.get(cid, no_channels), notes


def _index_in_python(conn: sqlite3.Connection, sources: Iterable[IndexSource]) -> None:
    """Index contacts as the trigger of `_EXPRESSIONS` would: the same text, made in Python."""
    fold = index_text
    rows = [
        (
            cid,
            fold(f"{first} {last}"),
            fold(company),
            fold(title),
            fold(" ".join(channels)),
            fold(notes),
        )
        for cid, first, last, company, title, channels, notes in sources
    ]
    conn.executemany(f"INSERT INTO contact_fts({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)", rows)


@contextmanager
def search_index_suspended(
    conn: sqlite3.Connection,
    touched: Collection[int],
    fresh: Collection[int] = (),
    fresh_sources: Callable[[], Iterable[IndexSource]] | None = None,
) -> Iterator[None]:
    """Write freely inside; afterwards the `touched` and `fresh` contacts are indexed afresh.

    `fresh` contacts are new in this transaction, so they have no old index row to
    delete. Both are read on the way out, so a caller may fill them while writing.
    A caller that holds what it wrote passes `fresh_sources`: the indexed values of the
    `fresh` contacts in rising id order (new rows: above every `touched` one), used instead
    of reading them back. Must run inside a transaction. When the trigger layout
    is not the one expected (a later migration changed it) the triggers simply stay and
    do the work.
    """
    triggers = _triggers(conn)
    index_sql = _index_sql(triggers)
    if index_sql is None:
        yield
        return
    row = _insert_row(triggers)
    in_python = (
        row is not None
        and _same_sql(row["cols"], _COLUMNS)
        and _same_sql(row["exprs"], _EXPRESSIONS)
    )
    for name, _sql in triggers:
        conn.execute(f'DROP TRIGGER "{name}"')
    yield
    stale = sorted(touched)
    for chunk in chunks(stale):
        marks = placeholders(len(chunk))
        conn.execute(f"DELETE FROM contact_fts WHERE rowid IN ({marks})", chunk)
    _ensure_bulk_hash(conn)
    if not in_python:  # a later migration changed the row: its own SQL, whatever it is
        for chunk in chunks(sorted({*stale, *fresh})):
            conn.execute(index_sql.format(marks=placeholders(len(chunk))), chunk)
    elif fresh_sources is None:
        _index_in_python(conn, _stored_sources(conn, sorted({*stale, *fresh})))
    else:
        # In rising id order, the stored contacts before the new ones: a lower id than the
        # last makes FTS5 write out what it holds in memory first.
        _index_in_python(conn, _stored_sources(conn, stale))
        _index_in_python(conn, fresh_sources())
    for _name, sql in triggers:
        conn.execute(sql)


def _ensure_bulk_hash(conn: sqlite3.Connection) -> None:
    """Raise the index's in-memory size for bulk writes (a setting kept in the file)."""
    row = conn.execute("SELECT v FROM contact_fts_config WHERE k = 'hashsize'").fetchone()
    if row is None or int(row[0]) < BULK_HASH_BYTES:
        conn.execute(
            "INSERT INTO contact_fts(contact_fts, rank) VALUES ('hashsize', ?)",
            (BULK_HASH_BYTES,),
        )
