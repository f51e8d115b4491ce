"""`crm.store.integrity`: what the check finds on sound, drifted, broken and damaged files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from crm.contacts.service import Channel, ContactFields, create_contact
from crm.errors import DatabaseError
from crm.store.db import Database
from crm.store.integrity import check_backup, check_database


def findings(path: Path) -> dict[str, bool]:
    return {f.name: f.ok for f in check_database(path).findings}


def filled(db: Database) -> Path:
    create_contact(
        db,
        ContactFields("Anna", "Lee", company="Google", title="Engineer", notes="met at PyCon"),
        channels=[Channel("email", "anna@example.com"), Channel("phone", "555 0100")],
    )
    create_contact(db, ContactFields("Ravi", "Patel"))
    db.dispose()
    return db.path


def test_a_sound_file_passes_every_check(db: Database) -> None:
    path = filled(db)
    report = check_database(path)
    assert report.ok
    assert set(findings(path)) == {"file", "integrity", "references", "schema", "search index"}
    assert report.lines()[-1] == "All checks passed."
    assert "matches all 2 contacts" in "\n".join(report.lines())


def test_checking_changes_nothing_and_leaves_no_files_behind(db: Database) -> None:
    path = filled(db)
    before, files = path.read_bytes(), sorted(path.parent.iterdir())
    check_database(path)
    assert path.read_bytes() == before and sorted(path.parent.iterdir()) == files


def test_a_search_index_out_of_step_with_the_contacts_is_found(db: Database) -> None:
    path = filled(db)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("DROP TRIGGER contacts_fts_au")  # as a careless migration might
        conn.execute("UPDATE contacts SET last_name = 'Leigh' WHERE first_name = 'Anna'")
    conn.close()
    report = check_database(path)
    assert not report.ok and findings(path)["search index"] is False
    assert "1 contacts missing or out of date" in "\n".join(report.lines())


def test_index_entries_of_deleted_contacts_are_found(db: Database) -> None:
    path = filled(db)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("DROP TRIGGER contacts_fts_ad")
        conn.execute("DELETE FROM contacts WHERE first_name = 'Ravi'")
    conn.close()
    assert findings(path)["search index"] is False


def test_broken_references_are_found(db: Database) -> None:
    path = filled(db)
    conn = sqlite3.connect(path)
    with conn:  # foreign keys are off on a plain connection, as in other tools
        conn.execute(
            "INSERT INTO interactions(contact_id, kind, occurred_at, summary, body)"
            " VALUES (999, 'note', '2026-03-10', 'orphan', '')"
        )
    conn.close()
    report = check_database(path)
    assert findings(path)["references"] is False
    assert "1 in interactions" in "\n".join(report.lines())


def test_a_damaged_file_is_reported_not_raised(db: Database) -> None:
    path = filled(db)
    content = bytearray(path.read_bytes())
    content[4096 * 3 : 4096 * 9] = b"\xa5" * (4096 * 6)
    path.write_bytes(bytes(content))
    report = check_database(path)
    assert not report.ok
    assert report.lines()[-1] == "The data file has problems (see above)."


def test_a_file_from_a_newer_rapport_fails_the_schema_check(db: Database) -> None:
    path = filled(db)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = '0999'")
    conn.close()
    assert findings(path) == {
        "file": True,
        "integrity": True,
        "references": True,
        "schema": False,
        "search index": True,
    }


def test_a_text_file_is_one_finding(tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text("Name,Email\n")
    report = check_database(path)
    assert [f.name for f in report.findings] == ["file"] and not report.ok


@pytest.mark.parametrize("content", [b"", b"not a database at all"])
def test_check_backup_refuses_empty_and_foreign_files(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "x.sqlite3"
    path.write_bytes(content)
    with pytest.raises(DatabaseError):
        check_backup(path)


def test_check_backup_accepts_a_sound_rapport_file(db: Database) -> None:
    check_backup(filled(db))
