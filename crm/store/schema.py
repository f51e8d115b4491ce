"""Opening a data file: check it, back it up, bring its schema up to date, refuse the future."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from crm.errors import DatabaseError, SchemaTooNewError
from crm.store.backups import backup_now, create_private_file, read_only
from crm.store.clock import Clock, utc_now
from crm.store.damage import damaged
from crm.store.db import Database
from crm.store.paths import DataPaths
from crm.store.wal_owner import check_wal

if TYPE_CHECKING:
    from alembic.script import ScriptDirectory
    from sqlalchemy import Connection

# The newest schema revision this Rapport writes (a test checks it against the scripts).
# A file already there opens without importing Alembic, which costs about 0.7 s of start-up.
HEAD_REVISION = "0009_import_speed"


@dataclass(frozen=True)
class OpenResult:
    database: Database
    migrated_from: str | None  # None for a new file or one already current
    backup: Path | None


def migrations_dir() -> Path:
    # Imported here: only an upgrade needs the scripts, and opening a file already up to
    # date (every command's open) does without loading importlib.resources.
    from importlib import resources

    return Path(str(resources.files("crm.store.migrations")))


def script_directory(extra_version_locations: Sequence[Path] = ()) -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    base = migrations_dir()
    locations = [str(base / "versions"), *(str(p) for p in extra_version_locations)]
    return ScriptDirectory(str(base), version_locations=locations)


def check_sqlite_file(path: Path) -> None:
    """Raise DatabaseError with a clear message unless `path` is a readable SQLite file."""
    try:
        with path.open("rb") as handle:
            header = handle.read(16)
    except OSError as exc:
        raise DatabaseError(f"Cannot read {path.name}: {exc.strerror}.") from exc
    if header and header != b"SQLite format 3\x00":
        raise DatabaseError(f"{path.name} is not a Rapport data file (not an SQLite database).")
    try:
        with read_only(path) as conn:
            result = conn.execute("PRAGMA quick_check").fetchone()
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"{path.name} is damaged and cannot be opened ({exc}).") from exc
    if result is None or result[0] != "ok":
        raise DatabaseError(f"{path.name} is damaged: {result[0] if result else 'unreadable'}.")


def current_revision(path: Path) -> str | None:
    """The schema revision of a Rapport file; None for an empty one."""
    try:
        with read_only(path) as conn:
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if "alembic_version" not in tables:
                if tables:
                    raise DatabaseError(
                        f"{path.name} is an SQLite file, but not a Rapport data file."
                    )
                return None
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            return str(row[0]) if row else None
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"{path.name} is damaged and cannot be opened ({exc}).") from exc


def _triggers(conn: Connection) -> dict[str, tuple[str, str]]:
    rows = conn.exec_driver_sql(
        "SELECT name, tbl_name, sql FROM sqlite_master WHERE type='trigger'"
    )
    return {name: (table, sql) for name, table, sql in rows}


def _root_pages(conn: Connection) -> dict[str, int]:
    rows = conn.exec_driver_sql("SELECT name, rootpage FROM sqlite_master WHERE type='table'")
    return {name: page for name, page in rows}


def _restore_lost_triggers(
    conn: Connection, triggers: dict[str, tuple[str, str]], pages: dict[str, int]
) -> None:
    """Recreate the triggers a batch migration lost by rebuilding their table.

    Batch mode copies a table into a new one and drops the old, and its triggers (the
    ones keeping the search index) go with it. A table rebuilt that way has a new root
    page; a trigger dropped on purpose from a table left in place is not brought back.
    """
    now_triggers = _triggers(conn)
    now_pages = _root_pages(conn)
    for name, (table, sql) in triggers.items():
        rebuilt = table in now_pages and now_pages[table] != pages.get(table)
        if name not in now_triggers and rebuilt:
            conn.exec_driver_sql(sql)


def migrate(
    database: Database,
    *,
    target: str = "heads",
    extra_version_locations: Sequence[Path] = (),
) -> None:
    """Run pending migrations in one transaction: all of them apply, or none.

    Foreign keys are switched off for the duration: a batch migration recreates a table
    by copy-and-drop, and dropping a parent with foreign keys on would silently delete
    child rows declared ON DELETE CASCADE. `foreign_key_check` then proves nothing
    dangles before we commit.

    `legacy_alter_table` is on too: since SQLite 3.26 renaming the rebuilt table back
    re-parses every trigger, and one that names the table (the search index's) fails
    while the old table is gone. Triggers dropped with a rebuilt table are recreated.
    """
    from alembic.operations import Operations
    from alembic.runtime.migration import MigrationContext

    script = script_directory(extra_version_locations)
    with database.engine.connect() as conn:
        # These pragmas are no-ops inside a transaction: set them on the raw connection.
        raw = conn.connection.driver_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys=OFF")
        raw.execute("PRAGMA legacy_alter_table=ON")
        try:
            with conn.begin():
                triggers, pages = _triggers(conn), _root_pages(conn)
                context = MigrationContext.configure(
                    conn,
                    opts={
                        "fn": lambda rev, _ctx: script._upgrade_revs(target, rev),
                        "render_as_batch": True,
                    },
                )
                with Operations.context(context):
                    context.run_migrations()
                _restore_lost_triggers(conn, triggers, pages)
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise DatabaseError(
                        f"A schema upgrade would leave {len(broken)} broken references; "
                        "nothing was changed."
                    )
        finally:
            raw.execute("PRAGMA legacy_alter_table=OFF")
            raw.execute("PRAGMA foreign_keys=ON")


def open_database(
    paths: DataPaths,
    *,
    clock: Clock = utc_now,
    extra_version_locations: Sequence[Path] = (),
) -> OpenResult:
    """Open (creating if needed) the data file, upgrading it after a backup.

    Raises DatabaseError with a message fit for the user, and leaves the file as it was,
    when the file is not a Rapport database, is damaged, is newer than this Rapport, or
    an upgrade fails.
    """
    paths.ensure()
    db_file = paths.database
    revision: str | None = None
    if db_file.exists():
        check_wal(db_file)
        if db_file.stat().st_size == 0:
            # Rapport writes the header as it creates a file: an empty one lost its data.
            raise damaged(paths, f"{db_file.name} is empty (0 bytes): its data is gone")
        try:
            check_sqlite_file(db_file)
            revision = current_revision(db_file)
        except SchemaTooNewError:
            raise
        except DatabaseError as exc:
            raise damaged(paths, str(exc)) from exc
    else:
        # Created private before SQLite opens it; its -wal and -shm inherit the mode.
        create_private_file(db_file)
    if revision == HEAD_REVISION and not extra_version_locations:
        return OpenResult(_open(db_file, clock), None, None)
    from alembic.util.exc import CommandError

    script = script_directory(extra_version_locations)
    heads = set(script.get_heads())
    if revision is not None:
        try:
            script.get_revision(revision)
        except CommandError as exc:
            raise SchemaTooNewError(
                f"This data file was written by a newer version of Rapport (schema {revision}). "
                "Update Rapport to open it; the file was left untouched."
            ) from exc
    database = _open(db_file, clock)
    if revision in heads:
        return OpenResult(database, None, None)
    backup = None
    if revision is not None:
        backup = backup_now(paths, db_file, f"before-upgrade-{revision}", now=clock())
    try:
        migrate(database, extra_version_locations=extra_version_locations)
    except Exception as exc:
        database.dispose()
        if isinstance(exc, DatabaseError):
            raise
        where = f" A copy from before the upgrade is in {backup}." if backup else ""
        raise DatabaseError(
            f"Upgrading the data file failed ({exc.__class__.__name__}: {exc}); "
            f"it was left as it was.{where}"
        ) from exc
    return OpenResult(database, revision, backup)


def _open(db_file: Path, clock: Clock) -> Database:
    database = Database(db_file, clock=clock)
    database.claim_wal()
    return database


def bring_up_to_date(
    database: Database, *, extra_version_locations: Sequence[Path] = ()
) -> str | None:
    """Migrate an open data file that holds an older schema (after a restore); returns the
    revision it had, or None when it was current."""
    revision = current_revision(database.path)
    heads = set(script_directory(extra_version_locations).get_heads())
    if revision is None or revision in heads:
        return None
    migrate(database, extra_version_locations=extra_version_locations)
    return revision
