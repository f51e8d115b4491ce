"""Importing into the database: one transaction, tags, stage, history, merge, undo and redo."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from crm.changes import EVERYTHING
from crm.contacts.history import list_history
from crm.contacts.search import MATCH_SQL, fts_query
from crm.contacts.service import Channel, ContactFields, create_contact, get_contact
from crm.errors import ImportCancelled
from crm.importing import (
    Action,
    apply_plan,
    import_file,
    plan_import,
    read_import_file,
    redo_import,
    stage_id_by_name,
    undo_import,
)
from crm.store.db import Database
from tests.data_file import table_rows

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "import"


def dump(db: Database) -> list[list[tuple[object, ...]]]:
    """Every row of the tables an import touches, the search index included."""
    tables = (
        "contacts",
        "companies",
        "tags",
        "contact_tags",
        "contact_channels",
        "interactions",
        "contact_fts",
    )
    return table_rows(db.path, tables)


def search(db: Database, text: str) -> list[int]:
    conn = sqlite3.connect(db.path, isolation_level=None)
    try:
        return [r[0] for r in conn.execute(MATCH_SQL, (fts_query(text),))]
    finally:
        conn.close()


def test_linkedin_import_adds_contacts_with_tag_stage_link_and_history(db: Database) -> None:
    met = stage_id_by_name(db, "met")
    plan, outcome, changes = import_file(db, FIXTURES / "linkedin_connections.csv", stage_id=met)
    assert changes == EVERYTHING
    assert (outcome.added, outcome.merged, len(plan.problems)) == (4, 0, 1)
    anna = get_contact(db, min(r["id"] for r in outcome.rows["contacts"]))
    assert (anna.name, anna.company, anna.stage_name) == ("Anna Lee", "Acme, Inc.", "Met")
    assert anna.tags == ("LinkedIn 2026-03-10",)
    assert anna.linkedin_url == "https://www.linkedin.com/in/anna-lee-4a1b2c"
    (entry,) = list_history(db, anna.id)
    assert (entry.kind, entry.summary, entry.occurred_at.date().isoformat()) == (
        "import",
        "Connected on LinkedIn",
        "2024-03-12",
    )
    assert search(db, "ann acm") == [anna.id]
    assert search(db, "anna.lee@exa") == [anna.id]


def test_match_by_email_merges_and_fills_gaps(db: Database) -> None:
    existing, _ = create_contact(
        db,
        ContactFields(first_name="Anna", notes="Old note"),
        channels=[Channel("email", "ANNA.LEE@example.com", "work")],
    )
    plan = plan_import(db, read_import_file(FIXTURES / "linkedin_connections.csv"))
    anna_item = plan.items[0]
    assert (anna_item.match_id, anna_item.match_reason) == (existing, "same email")
    outcome = apply_plan(db, plan, stage_id_by_name(db, None))
    anna = get_contact(db, existing)
    assert (anna.last_name, anna.company, anna.notes) == ("Lee", "Acme, Inc.", "Old note")
    assert [c.value for c in anna.channels] == ["ANNA.LEE@example.com"]  # not added twice
    assert outcome.merged == 1 and outcome.added == 3


def test_linkedin_reimport_shows_new_people_and_job_changes(db: Database) -> None:
    import_file(db, FIXTURES / "linkedin_connections.csv")
    plan = plan_import(db, read_import_file(FIXTURES / "linkedin_newer.csv"))
    assert (plan.new_count, plan.match_count, plan.job_change_count) == (1, 3, 1)
    (change,) = [i for i in plan.items if i.job_change]
    assert change.job_change is not None
    assert change.job_change.describe() == (
        "Now Staff Engineer at Umbrella Corp (was Engineer, Platform at Globex)"
    )
    apply_plan(db, plan, stage_id_by_name(db, None))
    bruno = get_contact(db, change.match_id or 0)
    assert (bruno.title, bruno.company) == ("Staff Engineer", "Umbrella Corp")
    summaries = [e.summary for e in list_history(db, bruno.id)]
    assert summaries.count("Connected on LinkedIn") == 1
    assert change.job_change.describe() in summaries


def test_skip_and_add_choices_are_honoured(db: Database) -> None:
    import_file(db, FIXTURES / "linkedin_connections.csv")
    plan = plan_import(db, read_import_file(FIXTURES / "linkedin_newer.csv"))
    plan = plan.with_action_for_matches(Action.SKIP).with_action(3, Action.SKIP)
    before = dump(db)
    outcome = apply_plan(db, plan, stage_id_by_name(db, None))
    assert (outcome.added, outcome.merged, outcome.skipped) == (0, 0, 4)
    assert dump(db)[0] == before[0]
    plan = plan.with_action(0, Action.ADD)
    outcome = apply_plan(db, plan, stage_id_by_name(db, None))
    assert outcome.added == 1  # the same person again, as asked


def test_rows_repeating_a_person_in_the_same_file_become_one_contact(
    db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "twice.csv"
    path.write_text(
        "Name,Email,Phone\nAnna Lee,anna@x.org,\nAnna Lee,anna@x.org,+1 555\n", encoding="utf-8"
    )
    plan, outcome, _ = import_file(db, path)
    assert outcome.added == 1 and plan.combined_count == 1
    anna = get_contact(db, outcome.rows["contacts"][0]["id"])
    assert [c.value for c in anna.channels] == ["anna@x.org", "+1 555"]


def test_undo_removes_everything_and_redo_puts_it_back(db: Database) -> None:
    create_contact(db, ContactFields(first_name="Bruno", last_name="Keller", company="Globex"))
    import_file(db, FIXTURES / "linkedin_connections.csv")
    before = dump(db)
    plan = plan_import(db, read_import_file(FIXTURES / "linkedin_newer.csv"))
    outcome = apply_plan(db, plan, stage_id_by_name(db, None))
    after = dump(db)
    assert after != before
    undo_import(db, outcome)
    assert dump(db) == before
    redo_import(db, outcome)
    assert dump(db) == after


def test_cancel_leaves_the_database_as_it_was(db: Database) -> None:
    before = dump(db)
    plan = plan_import(db, read_import_file(FIXTURES / "linkedin_connections.csv"))
    with pytest.raises(ImportCancelled):
        apply_plan(db, plan, stage_id_by_name(db, None), lambda done, total: False)
    assert dump(db) == before


def test_a_failure_midway_leaves_the_database_as_it_was(db: Database) -> None:
    before = dump(db)
    plan = plan_import(db, read_import_file(FIXTURES / "linkedin_connections.csv"))
    with pytest.raises(LookupError):
        apply_plan(db, plan, 9999)  # a stage that does not exist
    calls = []

    def explode(done: int, total: int) -> bool:
        calls.append(done)
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        apply_plan(db, plan, stage_id_by_name(db, None), explode)
    assert calls and dump(db) == before


def test_strict_refuses_a_file_with_a_bad_row(db: Database) -> None:
    from crm.errors import ImportRefused

    before = dump(db)
    with pytest.raises(ImportRefused, match="line 7"):
        import_file(db, FIXTURES / "linkedin_connections.csv", strict=True)
    assert dump(db) == before


def test_same_uid_matches_and_a_duplicate_uid_gets_a_new_one(db: Database) -> None:
    _plan, first, _ = import_file(db, FIXTURES / "vcard30_apple.vcf")
    plan = plan_import(db, read_import_file(FIXTURES / "vcard30_apple.vcf"))
    assert plan.items[0].match_reason == "same vCard UID"
    outcome = apply_plan(db, plan.with_action(0, Action.ADD), stage_id_by_name(db, None))
    uids = {r["uid"] for r in first.rows["contacts"] + outcome.rows["contacts"]}
    assert len(uids) == 2 and "5F1E4C2A-APPLE-UID" in uids


def test_outcome_rows_are_the_rows_written_column_by_column(db: Database) -> None:
    create_contact(db, ContactFields(first_name="Bruno", last_name="Keller", company="Globex"))
    import_file(db, FIXTURES / "linkedin_connections.csv")
    plan = plan_import(db, read_import_file(FIXTURES / "linkedin_newer.csv"))
    outcome = apply_plan(db, plan, stage_id_by_name(db, None))
    assert all(outcome.rows[t] for t in ("contacts", "contact_channels", "interactions"))
    conn = sqlite3.connect(db.path)
    try:
        for table, rows in outcome.rows.items():
            for row in rows:
                keys = ("id",) if "id" in row else ("contact_id", "tag_id")
                where = " AND ".join(f"{k} = ?" for k in keys)
                stored = conn.execute(
                    f"SELECT {', '.join(row)} FROM {table} WHERE {where}", [row[k] for k in keys]
                ).fetchone()
                assert stored == tuple(row.values()), table
    finally:
        conn.close()


def write_connections(path: Path, count: int) -> None:
    lines = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    lines += [
        f"Person{n},Lee{n},https://www.linkedin.com/in/person-{n},p{n}@example.com,"
        f"Company {n % 300},Engineer,12 Mar 2024"
        for n in range(count)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_a_big_import_is_saved_and_its_log_copied_into_the_file_afterwards(
    db: Database, tmp_path: Path
) -> None:
    # As in the running app, another connection is open while the import runs.
    with db.connection() as kept:
        kept.execute("SELECT count(*) FROM contacts").fetchone()
    size_before = db.path.stat().st_size
    connections = tmp_path / "Connections.csv"
    write_connections(connections, 6000)  # a log well past SQLite's automatic checkpoint
    _plan, outcome, _ = import_file(db, connections)
    assert outcome.added == 6000

    wal = Path(f"{db.path}-wal")
    assert wal.stat().st_size > 4 * 1024 * 1024  # committed to the log...
    assert db.path.stat().st_size == size_before  # ...not yet copied into the file
    reader = sqlite3.connect(db.path)
    assert reader.execute("SELECT count(*) FROM contacts").fetchone() == (6000,)
    reader.close()

    db.checkpoint()
    assert db.path.stat().st_size > size_before
    assert search(db, "person5999") == [max(r["id"] for r in outcome.rows["contacts"])]
    settings = sqlite3.connect(db.path)
    hash_size = settings.execute("SELECT v FROM contact_fts_config WHERE k = 'hashsize'")
    assert hash_size.fetchone() == (8 * 1024 * 1024,)
    settings.close()
