"""Hand-written SQL names only tables and columns that the models define.

The hot paths (windowed lists, search, bulk import, board moves, backups) write SQL by
hand for speed; every such statement in `crm/` is prepared here against a database built
from `crm/store/models.py` alone (plus the search index's virtual table), so a renamed or
dropped column fails this test instead of a user's action.
"""

from __future__ import annotations

import ast
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import create_engine

from crm.store.db import Database
from crm.store.models import Base

REPO = Path(__file__).resolve().parents[2]
STATEMENT = re.compile(r"^\s*(SELECT|INSERT INTO|UPDATE|DELETE FROM|WITH)\s")
FORMAT_FIELD = re.compile(r"\{[a-z_]*\}")
# What SQLite itself keeps, and the schema version Alembic keeps.
SYSTEM = ("sqlite_master", "pragma_", "alembic_version")


def sql_strings(path: Path) -> Iterator[tuple[int, str]]:
    """Every statement-like string in a module; f-string and .format() fields become `?`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parts = {id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values}
    for node in ast.walk(tree):
        if id(node) in parts:
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
        elif isinstance(node, ast.JoinedStr):
            text = "".join(
                str(v.value) if isinstance(v, ast.Constant) else "?" for v in node.values
            )
        else:
            continue
        if STATEMENT.match(text):
            yield node.lineno, FORMAT_FIELD.sub("?", text)


def models_database(db: Database) -> sqlite3.Connection:
    """A database with exactly the models' tables, and the migration's search index."""
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    raw = engine.raw_connection().driver_connection
    assert isinstance(raw, sqlite3.Connection)
    with db.read() as session:
        from sqlalchemy import text

        fts = session.execute(
            text("SELECT sql FROM sqlite_master WHERE name = 'contact_fts'")
        ).scalar_one()
    raw.execute(fts)
    return raw


def vocabulary(conn: sqlite3.Connection) -> set[str]:
    """The names SQL may use: the tables and columns of the models (and the index)."""
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    indexes = conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
    names = set(tables) | {r[0] for r in indexes}
    for table in tables:
        names.update(r[1] for r in conn.execute(f"PRAGMA table_info({table})"))
    return names


# SQL is written with keywords in capitals: its lower-case words are names (tables,
# columns, short aliases) or these functions and words of SQLite.
FUNCTIONS = {
    "coalesce", "count", "min", "max", "group_concat", "char", "lower", "length", "rowid",
    "rank", "sum", "substr", "trim", "replace", "ifnull", "nullif", "instr", "new", "old",
    "rebuild", "optimize", "bm25", "unicode", "abs", "cast", "total", "json_each",
    "snippet", "date", "julianday", "excluded",
}  # fmt: skip
ALIAS = re.compile(r"^[a-z]{1,3}$")
WORD = re.compile(r"\b[a-z_][a-z0-9_]*\b")
LITERAL = re.compile(r"'[^']*'|\"[^\"]*\"")


PARAMETER = re.compile(r":[a-z_]+")
AS_NAME = re.compile(r"\bAS ([a-z_][a-z0-9_]*)")


def unknown_names(sql: str, known: set[str]) -> set[str]:
    """Lower-case words that are not model names: named parameters (`:start`) and the
    statement's own result names (`AS last`) do not count."""
    sql = PARAMETER.sub(" ", LITERAL.sub(" ", sql))
    own = set(AS_NAME.findall(sql))
    words = set(WORD.findall(sql)) - own
    return {w for w in words if w not in known and w not in FUNCTIONS and not ALIAS.match(w)}


def prepare(conn: sqlite3.Connection, sql: str) -> str | None:
    """Prepare `sql` (EXPLAIN runs nothing); the error, or None."""
    params: tuple[None, ...] = ()
    for _attempt in range(3):
        try:
            conn.execute(f"EXPLAIN {sql}", params)
            return None
        except sqlite3.ProgrammingError as exc:  # wrong number of bindings: supply them
            wanted = re.search(r"uses (\d+)", str(exc))
            if wanted is None:
                return str(exc)
            params = (None,) * int(wanted.group(1))
        except sqlite3.Error as exc:
            return str(exc)
    return "could not bind"


TEMP_TABLE = re.compile(r"CREATE VIRTUAL TABLE temp\.([a-z_]+) USING (fts5vocab)?")
FTS5VOCAB_COLUMNS = {"term", "doc", "col", "offset", "cnt"}


def names_of_its_own(path: Path) -> set[str]:
    """Names a module defines in its SQL: result names (`AS last`, read by an outer query
    built from it) and scratch tables it creates in the `temp` schema."""
    text = path.read_text(encoding="utf-8")
    own = set(AS_NAME.findall(text))
    for table, vocab in TEMP_TABLE.findall(text):
        own |= {"temp", table} | (FTS5VOCAB_COLUMNS if vocab else set())
    return own


def test_every_hand_written_statement_names_model_tables_and_columns(db: Database) -> None:
    conn = models_database(db)
    known = vocabulary(conn)
    checked, unknown = 0, []
    for path in sorted((REPO / "crm").rglob("*.py")):
        if "migrations" in path.parts:
            continue
        own = names_of_its_own(path)
        for line, sql in sql_strings(path):
            if any(name in sql for name in SYSTEM):
                continue
            where = f"{path.relative_to(REPO)}:{line}"
            names = unknown_names(sql, known | own)
            if "temp." in sql:  # a scratch table the module makes itself: names checked only
                checked += 1
                if names:
                    unknown.append(f"{where}: not in the models: {sorted(names)}")
                continue
            if names:
                unknown.append(f"{where}: not in the models: {sorted(names)}")
            error = prepare(conn, sql)
            # Statements built from parts (a column list, a WHERE clause) do not prepare
            # with `?` in their place; their names were checked above.
            dynamic = ("syntax error", "incomplete input", ": ?")
            if error is not None and not any(part in error for part in dynamic):
                unknown.append(f"{where}: {error}")
            checked += 1
    assert unknown == []
    assert checked > 60  # the scan found the hot paths' SQL


# The modules allowed to write SQL by hand, and why; everything else uses the ORM.
HOT_PATHS = {
    "crm/contacts/listing.py": "the windowed contact list",
    "crm/contacts/first_page.py": "the first page of a search",
    "crm/contacts/search.py": "search",
    "crm/contacts/name_order.py": "search (the name order held in memory)",
    "crm/contacts/name_ranks.py": "search (each contact's place in name order)",
    "crm/contacts/duplicates.py": "comparing and merging thousands of contacts",
    "crm/pipeline/board.py": "the board's columns and cards",
    "crm/pipeline/card_moves.py": "board moves",
    "crm/importing/__init__.py": "bulk import",
    "crm/importing/apply.py": "bulk import",
    "crm/importing/existing.py": "bulk import",
    "crm/importing/rows.py": "bulk import",
    "crm/importing/writer.py": "bulk import",
    "crm/exporting/data.py": "bulk export",
    "crm/exporting/json_dump.py": "bulk export",
    "crm/samples/bulk.py": "bulk sample data",
    "crm/store/db.py": "the connection itself",
    "crm/store/backups.py": "file copies and the backup setting",
    "crm/store/integrity.py": "checking a file",
    "crm/store/schema.py": "checking a file before it is opened",
    "crm/store/search_index.py": "the search index",
    "crm/contacts/names.py": "name lookups through the search index",
    "crm/today/day.py": "the Today list (painted within 50 ms at 10,000 contacts)",
    "crm/today/dashboard.py": "the dashboard's counts over every interaction (50 ms)",
    "crm/today/cadence.py": "keep-in-touch dates of every contact, for Today and the lists",
    "crm/today/outreach.py": "Today's count of new people contacted this week",
    "crm/today/lifecycle.py": "follow-ups closed inside a board move's or a meeting's transaction",
    "crm/today/nudges.py": "the second nudge, inside the tick's transaction",
    "crm/today/meeting_hooks.py": "follow-ups of a meeting, inside the meeting's transaction",
    "crm/today/log.py": "a logged interaction and the follow-ups it closes, in one transaction",
    "crm/today/jobs_day.py": "the Today list's application lines",
    "crm/today/referral_tree.py": "the dashboard's referral trees",
    "crm/today/reminders.py": "the reminder helper's read-only check of a closed file",
    "crm/today/touch_snooze.py": "keep-in-touch snoozes, read with every keep-in-touch date",
}


def test_only_the_named_hot_paths_write_sql() -> None:
    files = [*(REPO / "crm").rglob("*.py"), *(REPO / "ui").rglob("*.py")]
    writing = {
        str(path.relative_to(REPO))
        for path in files
        if "migrations" not in path.parts and any(True for _ in sql_strings(path))
    }
    assert writing - set(HOT_PATHS) == set()


def test_one_way_to_connect_to_the_data_file() -> None:
    # Connections to the open data file come from crm.store.db.open_connection; the
    # others named here read closed files (backups, a file being checked) by path.
    allowed = {
        "crm/today/reminders.py",  # the helper copies the file read-only, never holding it
        "crm/store/db.py",
        "crm/store/backups.py",
        "crm/store/restoring.py",
        "crm/store/integrity.py",
        "crm/store/schema.py",
    }
    files = [
        *(REPO / "crm").rglob("*.py"),
        *(REPO / "ui").rglob("*.py"),
        *(REPO / "cli").rglob("*.py"),
    ]
    connecting = {
        str(path.relative_to(REPO))
        for path in files
        if "migrations" not in path.parts and "sqlite3.connect(" in path.read_text(encoding="utf-8")
    }
    assert connecting - allowed == set()
