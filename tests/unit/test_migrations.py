"""Migrations: the two SQLite traps, upgrades from empty, from data and from every stored schema."""

from __future__ import annotations

import shutil
import sqlite3
import textwrap
from datetime import date, datetime
from pathlib import Path

import pytest
from alembic.operations import Operations
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, event

from crm.contacts.history import log_interaction
from crm.contacts.search import fts_query
from crm.contacts.service import Channel, ContactFields, create_contact, update_contact
from crm.errors import DatabaseError
from crm.store.backups import list_backups
from crm.store.clock import Clock
from crm.store.db import Database
from crm.store.integrity import check_database
from crm.store.paths import DataPaths
from crm.store.schema import migrate, open_database, script_directory
from tests.data_file import CONTACT_TABLES

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "schemas"
HEAD = script_directory().get_current_head()


def write_migration(folder: Path, body: str, revision: str = "9001") -> Path:
    """A migration after the current head, in a version location of its own."""
    folder.mkdir(parents=True, exist_ok=True)
    source = f'''
        """A test migration."""
        import sqlalchemy as sa
        from alembic import op

        revision = "{revision}"
        down_revision = "{HEAD}"
        branch_labels = None
        depends_on = None


        def upgrade() -> None:
    ''' + textwrap.indent(textwrap.dedent(body), " " * 12)
    (folder / f"{revision}_test.py").write_text(textwrap.dedent(source))
    return folder


def dump(path: Path) -> list[str]:
    """Schema, data and alembic version of a file, as SQL text."""
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def fill(db: Database) -> dict[str, int]:
    """Contacts with every kind of row hanging off them; returns the row counts."""
    anna, _ = create_contact(
        db,
        ContactFields("Anna", "Lee", company="Google", notes="met at PyCon"),
        channels=[Channel("email", "anna@example.com", "work"), Channel("phone", "555 0100")],
        tags=["python", "warm"],
    )
    ravi, _ = create_contact(db, ContactFields("Ravi", "Patel", referred_by_id=anna), tags=["warm"])
    log_interaction(db, anna, "call", datetime(2026, 3, 1, 9), "First call")
    log_interaction(db, ravi, "email", datetime(2026, 3, 2, 9), "Intro")
    with sqlite3.connect(db.path, isolation_level=None) as conn:
        conn.execute(
            "INSERT INTO meetings(uid, title, start_at, end_at, location, goal, notes, status,"
            " created_at, updated_at) VALUES ('m1', 'Coffee', '2026-03-12 10:00:00',"
            " '2026-03-12 10:30:00', '', '', '', 'planned', '2026-03-10', '2026-03-10')"
        )
        conn.execute("INSERT INTO meeting_attendees VALUES (1, ?)", (anna,))
        conn.execute(
            "INSERT INTO follow_ups(contact_id, meeting_id, title, due_date, created_at)"
            " VALUES (?, 1, 'Thank Anna', ?, '2026-03-10')",
            (anna, date(2026, 3, 13).isoformat()),
        )
    return counts(db.path)


def problems_besides_schema(path: Path) -> list[str]:
    """Check findings other than the schema one (a test revision is unknown to `check`)."""
    return [f.detail for f in check_database(path).findings if f.name != "schema" and not f.ok]


def counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in CONTACT_TABLES}
    finally:
        conn.close()


# -- trap 1: DDL must be inside the transaction ----------------------------------------

FAILING = """
op.create_table("scratch", sa.Column("id", sa.Integer, primary_key=True))
op.execute("INSERT INTO scratch(id) VALUES (1)")
with op.batch_alter_table("tags") as batch:
    batch.add_column(sa.Column("colour", sa.String(9), nullable=False, server_default=""))
op.execute("UPDATE contacts SET notes = 'half-applied'")
raise RuntimeError("the migration breaks halfway")
"""


def test_a_migration_failing_midway_leaves_the_file_exactly_as_before(
    db: Database, tmp_path: Path
) -> None:
    fill(db)
    before = dump(db.path)
    with pytest.raises(RuntimeError, match="halfway"):
        migrate(db, extra_version_locations=[write_migration(tmp_path / "v", FAILING)])
    db.dispose()
    after = dump(db.path)
    assert after == before
    assert not any("scratch" in line or "colour" in line for line in after)
    assert f"INSERT INTO \"alembic_version\" VALUES('{HEAD}');" in after


def test_the_trap_is_real_without_the_engines_own_begin(db: Database, tmp_path: Path) -> None:
    """The same migration on pysqlite's default transaction handling half-applies: the
    test above would fail if `crm.store.db` stopped emitting BEGIN itself."""
    fill(db)
    db.dispose()
    plain = create_engine(f"sqlite:///{db.path}")

    @event.listens_for(plain, "connect")
    def _fk_on(conn: sqlite3.Connection, _record: object) -> None:
        conn.execute("PRAGMA foreign_keys=ON")

    db.engine = plain
    with pytest.raises(RuntimeError):
        migrate(db, extra_version_locations=[write_migration(tmp_path / "v", FAILING)])
    plain.dispose()
    assert any("scratch" in line for line in dump(db.path))


def test_a_failed_upgrade_at_startup_is_one_clear_error_and_changes_nothing(
    data_paths: DataPaths, clock: Clock, tmp_path: Path
) -> None:
    open_database(data_paths, clock=clock).database.dispose()
    before = dump(data_paths.database)
    versions = write_migration(tmp_path / "v", FAILING)
    with pytest.raises(DatabaseError, match="left as it was") as caught:
        open_database(data_paths, clock=clock, extra_version_locations=[versions])
    assert "halfway" in str(caught.value)
    assert dump(data_paths.database) == before
    (backup,) = list_backups(data_paths)
    assert str(backup.path) in str(caught.value)


# -- trap 2: a batch rebuild of a parent table with foreign keys on ---------------------

REBUILD_CONTACTS = """
with op.batch_alter_table("contacts", recreate="always") as batch:
    batch.add_column(sa.Column("pronouns", sa.String(40), nullable=False, server_default=""))
"""


def test_a_batch_migration_of_contacts_keeps_every_child_row(db: Database, tmp_path: Path) -> None:
    before = fill(db)
    migrate(db, extra_version_locations=[write_migration(tmp_path / "v", REBUILD_CONTACTS)])
    assert counts(db.path) == before
    conn = sqlite3.connect(db.path)
    columns = [row[1] for row in conn.execute("PRAGMA table_info(contacts)")]
    conn.close()
    assert "pronouns" in columns
    assert problems_besides_schema(db.path) == []  # references, search index still right


def test_search_triggers_survive_the_rebuild_of_contacts(db: Database, tmp_path: Path) -> None:
    fill(db)
    migrate(db, extra_version_locations=[write_migration(tmp_path / "v", REBUILD_CONTACTS)])
    create_contact(db, ContactFields("Zoe", "Quint"))
    update_contact(db, 1, first_name="Annabel")
    conn = sqlite3.connect(db.path)
    match = "SELECT rowid FROM contact_fts WHERE contact_fts MATCH ?"
    assert conn.execute(match, (fts_query("zoe qui"),)).fetchall() == [(3,)]
    assert conn.execute(match, (fts_query("annabel"),)).fetchall() == [(1,)]
    conn.close()


def test_the_trap_is_real_with_foreign_keys_on(db: Database, tmp_path: Path) -> None:
    """The same rebuild run by plain Alembic with foreign keys on loses the children:
    the test above would fail if `migrate` left them on."""
    # Meetings are rebuilt here, not contacts: dropping contacts with foreign keys on
    # makes SQLite update the table it drops (referrals are SET NULL), which it refuses
    # outright ("database table is locked") now that no trigger runs on that update.
    fill(db)
    with db.engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        raw.execute("PRAGMA legacy_alter_table=ON")  # so the rename itself succeeds
        context = MigrationContext.configure(conn)
        with (
            conn.begin(),
            Operations.context(context) as ops,
            ops.batch_alter_table("meetings", recreate="always") as batch,
        ):
            batch.alter_column("title", server_default="")
        raw.execute("PRAGMA legacy_alter_table=OFF")
    lost = counts(db.path)
    assert lost["meeting_attendees"] == 0 and lost["contacts"] == 2


# -- upgrades ---------------------------------------------------------------------------


def test_migrating_an_empty_folder_creates_the_current_schema(
    data_paths: DataPaths, clock: Clock
) -> None:
    opened = open_database(data_paths, clock=clock)
    opened.database.dispose()
    assert opened.migrated_from is None and opened.backup is None
    conn = sqlite3.connect(data_paths.database)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(HEAD,)]
    assert conn.execute("SELECT count(*) FROM stages").fetchone()[0] == 7
    conn.close()
    assert list_backups(data_paths) == []


def test_migrating_a_file_with_data_backs_it_up_first_and_keeps_the_data(
    data_paths: DataPaths, clock: Clock, tmp_path: Path
) -> None:
    database = open_database(data_paths, clock=clock).database
    before_counts = fill(database)
    database.dispose()
    before = dump(data_paths.database)
    versions = write_migration(tmp_path / "v", REBUILD_CONTACTS)
    opened = open_database(data_paths, clock=clock, extra_version_locations=[versions])
    opened.database.dispose()
    assert opened.migrated_from == HEAD
    assert counts(data_paths.database) == before_counts
    assert opened.backup is not None
    (backup,) = list_backups(data_paths)
    assert backup.path == opened.backup and backup.reason == reason_for(HEAD)
    assert dump(backup.path) == before


def reason_for(revision: str | None) -> str:
    """A backup's reason as its file name spells it (underscores become hyphens)."""
    return f"before-upgrade-{revision}".replace("_", "-")


def stored_schemas() -> list[Path]:
    return sorted(FIXTURES.glob("*.sqlite3"))


def test_there_is_a_stored_database_for_every_released_schema() -> None:
    revisions = {script.revision for script in script_directory().walk_revisions()}
    missing = revisions - {p.stem for p in stored_schemas()}
    assert not missing, "run tests/fixtures/make_schema_fixtures.py"


@pytest.mark.parametrize("fixture", stored_schemas(), ids=lambda p: p.stem)
def test_every_stored_schema_upgrades_with_its_data(
    fixture: Path, data_paths: DataPaths, clock: Clock, tmp_path: Path
) -> None:
    shutil.copyfile(fixture, data_paths.database)
    before = counts(data_paths.database)
    versions = write_migration(tmp_path / "v", REBUILD_CONTACTS)
    opened = open_database(data_paths, clock=clock, extra_version_locations=[versions])
    opened.database.dispose()
    assert opened.migrated_from == fixture.stem
    assert counts(data_paths.database) == before and before["interactions"] > 0
    conn = sqlite3.connect(data_paths.database)
    assert conn.execute("SELECT value FROM settings WHERE key='fixture'").fetchone() == ("kept",)
    conn.close()
    assert problems_besides_schema(data_paths.database) == []
    assert [b.reason for b in list_backups(data_paths)] == [reason_for(fixture.stem)]


# -- 0002: the search index follows only the columns it reads ---------------------------


def test_after_the_upgrade_a_card_move_leaves_the_search_row_alone_and_an_edit_rewrites_it(
    data_paths: DataPaths, clock: Clock
) -> None:
    shutil.copyfile(FIXTURES / "0001.sqlite3", data_paths.database)
    before = counts(data_paths.database)
    opened = open_database(data_paths, clock=clock)
    opened.database.dispose()
    assert opened.migrated_from == "0001" and counts(data_paths.database) == before
    conn = sqlite3.connect(data_paths.database, isolation_level=None)
    match = "SELECT rowid FROM contact_fts WHERE contact_fts MATCH ?"
    try:
        # A marker only the index holds: a rewrite of the row from `contacts` would drop it.
        conn.execute("UPDATE contact_fts SET notes = 'zzmarker' WHERE rowid = 1")
        conn.execute("UPDATE contacts SET stage_id = 2, stage_position = 7.5 WHERE id = 1")
        conn.execute("UPDATE contacts SET archived = 1, updated_at = 'later' WHERE id = 1")
        assert conn.execute(match, (fts_query("zzmarker"),)).fetchall() == [(1,)]
        conn.execute("UPDATE contacts SET notes = 'Met at a conference' WHERE id = 1")
        assert conn.execute(match, (fts_query("zzmarker"),)).fetchall() == []
        assert conn.execute(match, (fts_query("conference"),)).fetchall() == [(1,)]
        conn.execute("UPDATE contacts SET title = 'Staff engineer', company_id = 2 WHERE id = 1")
        assert conn.execute(match, (fts_query("staff globex"),)).fetchall() == [(1,)]
    finally:
        conn.close()
    assert problems_besides_schema(data_paths.database) == []


# -- 0007: the search index folds the letters its tokenizer cannot ----------------------


def test_upgrading_a_0006_file_makes_its_names_with_folded_letters_searchable(
    data_paths: DataPaths, clock: Clock
) -> None:
    shutil.copyfile(FIXTURES / "0006_keep_in_touch_snoozes.sqlite3", data_paths.database)
    conn = sqlite3.connect(data_paths.database, isolation_level=None)
    conn.execute(
        "INSERT INTO contacts(uid, first_name, last_name, title, location, linkedin_url,"
        " source, stage_id, stage_position, stage_entered_at, birthday, notes, archived,"
        " created_at, updated_at) VALUES ('lukasz', 'Łukasz', 'Nowak', '', '', '', '', 1, 9.0,"
        " '2025-06-02', '', 'Lives in Tromsø', 0, '2025-06-02', '2025-06-02')"
    )
    (lukasz,) = conn.execute("SELECT id FROM contacts WHERE uid = 'lukasz'").fetchone()
    match = "SELECT rowid FROM contact_fts WHERE contact_fts MATCH ?"
    assert conn.execute(match, ('"lukasz"*',)).fetchall() == []  # what 0006 did
    conn.close()
    before = counts(data_paths.database)
    opened = open_database(data_paths, clock=clock)
    opened.database.dispose()
    assert opened.migrated_from == "0006_keep_in_touch_snoozes"
    assert counts(data_paths.database) == before
    conn = sqlite3.connect(data_paths.database, isolation_level=None)
    try:
        for typed in ("lukasz", "Łukasz Nowak", "tromso", "Anna"):
            assert conn.execute(match, (fts_query(typed),)).fetchall() != [], typed
        assert conn.execute(match, (fts_query("lukasz"),)).fetchall() == [(lukasz,)]
        # New rows and edits after the upgrade are folded by the triggers too.
        conn.execute("UPDATE contacts SET last_name = 'Øberg' WHERE id = ?", (lukasz,))
        assert conn.execute(match, (fts_query("oberg"),)).fetchall() == [(lukasz,)]
    finally:
        conn.close()
    assert problems_besides_schema(data_paths.database) == []


def test_migration_0007_folds_the_letters_the_queries_fold() -> None:
    from importlib import import_module

    from crm.folding import INDEX_LETTERS

    module = import_module("crm.store.migrations.versions.0007_search_folds_letters")
    assert module.LETTERS == INDEX_LETTERS
