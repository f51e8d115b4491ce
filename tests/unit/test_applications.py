"""Openings and applications: status history, contacts involved, attachments, exports."""

from __future__ import annotations

import base64
import csv
import io
import json
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from crm.exporting.json_dump import everything_json
from crm.samples.data import load_sample_data
from crm.store.backups import backup_now
from crm.store.clock import fixed_clock
from crm.store.db import Database
from crm.store.paths import DataPaths
from crm.store.restoring import restore_into
from crm.targets.applications import (
    ApplicationFields,
    OpeningFields,
    add_application,
    add_opening,
    delete_application,
    delete_opening,
    list_openings,
    restore_application,
    restore_opening,
    set_status,
    undo_status,
)
from crm.targets.attachments import attach_file, attachments_dir, safe_name, viewer_copy
from crm.targets.listing import applications_csv, list_applications
from crm.targets.targets import list_targets
from tests.conftest import NOW


def test_a_status_change_is_written_into_the_history_and_undo_takes_it_back(
    db: Database, acme: tuple[int, int]
) -> None:
    company, rosa = acme
    app, changes = add_application(
        db, company, ApplicationFields("Data Analyst"), contacts=((rosa, "referred_by"),)
    )
    assert rosa in changes.contacts
    db.clock = fixed_clock(NOW + timedelta(days=2))
    record, _ = set_status(db, app, "Applied")
    (row,) = list_applications(db, company_id=company)
    assert row.status == "Applied" and row.applied_on == (NOW + timedelta(days=2)).date()
    assert [(s.status, s.at) for s in row.history] == [
        ("Interested", NOW),
        ("Applied", NOW + timedelta(days=2)),
    ]
    undo_status(db, record)
    (row,) = list_applications(db, company_id=company)
    assert row.status == "Interested" and [s.status for s in row.history] == ["Interested"]


def test_an_unknown_status_is_refused(db: Database, acme: tuple[int, int]) -> None:
    app, _ = add_application(db, acme[0], ApplicationFields("Data Analyst"))
    with pytest.raises(ValueError):
        set_status(db, app, "Ghosted")


def test_a_referred_application_shows_on_the_contact(db: Database, acme: tuple[int, int]) -> None:
    company, rosa = acme
    add_application(db, company, ApplicationFields("Analyst"), contacts=((rosa, "referred_by"),))
    add_application(db, company, ApplicationFields("Engineer"))
    (row,) = list_applications(db, contact_id=rosa)
    assert row.title == "Analyst" and row.referred
    assert row.contacts == ((rosa, "Rosa Diaz", "referred_by"),)


def test_file_names_are_sanitised_so_no_path_leaves_the_data_folder() -> None:
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("C:\\Users\\me\\..\\cv.pdf") == "cv.pdf"
    assert safe_name("..") == "file"
    assert safe_name(".hidden") == "hidden"
    assert safe_name('a<b>:"c|?*\x00.pdf') == "a_b___c____.pdf"
    long = safe_name("x" * 500 + ".pdf")
    assert len(long) <= 120 and long.endswith(".pdf")


def test_an_attachment_is_copied_in_and_removed_with_the_application(
    db: Database, acme: tuple[int, int], tmp_path: Path
) -> None:
    source = tmp_path / "outside" / "My CV (final).pdf"
    source.parent.mkdir()
    source.write_bytes(b"%PDF-1.4 CV")
    app, _ = add_application(db, acme[0], ApplicationFields("Analyst"))
    file_id, _ = attach_file(db, app, source, "CV")
    copy = viewer_copy(db, file_id)
    assert copy.read_bytes() == b"%PDF-1.4 CV"
    assert copy.resolve().is_relative_to(db.path.parent.resolve())
    source.unlink()  # the user moving their own file away changes nothing here
    assert viewer_copy(db, file_id).read_bytes() == b"%PDF-1.4 CV"
    snapshot, _ = delete_application(db, app)
    assert not copy.exists() and list_applications(db) == []
    restore_application(db, snapshot)  # undo brings the application and its file back
    (row,) = list_applications(db)
    assert row.files == ((file_id, "CV", "My CV (final).pdf"),) and copy.read_bytes()


def test_attachments_are_in_backups_and_come_back_with_a_restore(
    db: Database, data_paths: DataPaths, acme: tuple[int, int], tmp_path: Path
) -> None:
    source = tmp_path / "letter.txt"
    source.write_text("Dear Acme")
    app, _ = add_application(db, acme[0], ApplicationFields("Analyst"))
    file_id, _ = attach_file(db, app, source, "Cover letter")
    backup = backup_now(data_paths, db, now=datetime(2026, 3, 11))
    delete_application(db, app)
    restore_into(data_paths, db, backup)
    assert not (attachments_dir(db) / str(app)).exists()  # removed with the application...
    assert viewer_copy(db, file_id).read_text() == "Dear Acme"  # ...and back from the backup


def test_deleting_an_opening_keeps_its_applications_and_undo_relinks_them(
    db: Database, acme: tuple[int, int]
) -> None:
    opening, _ = add_opening(db, acme[0], OpeningFields("Analyst", "https://acme.example/1"))
    add_application(db, acme[0], ApplicationFields("Analyst", opening_id=opening))
    snapshot, _ = delete_opening(db, opening)
    assert list_openings(db, acme[0]) == [] and len(list_applications(db)) == 1
    restore_opening(db, snapshot)
    (back,) = list_openings(db, acme[0])
    assert back.url == "https://acme.example/1" and back.seen_on == NOW.date()
    conn = sqlite3.connect(db.path)
    assert conn.execute("SELECT opening_id FROM applications").fetchall() == [(opening,)]
    conn.close()


def test_applications_export_as_csv_with_formulas_defused(
    db: Database, acme: tuple[int, int]
) -> None:
    company, rosa = acme
    add_application(
        db, company, ApplicationFields("=HYPERLINK()"), contacts=((rosa, "referred_by"),)
    )
    rows = list(csv.reader(io.StringIO(applications_csv(db))))
    assert rows[0][:3] == ["Company", "Role", "Status"]
    assert rows[1][:3] == ["Acme", "'=HYPERLINK()", "Interested"]
    assert rows[1][5] == "Rosa Diaz"


def test_the_json_export_has_the_new_tables_and_the_files_bytes(
    db: Database, acme: tuple[int, int], tmp_path: Path
) -> None:
    source = tmp_path / "cv.pdf"
    source.write_bytes(b"\x00\xffPDF")
    app, _ = add_application(db, acme[0], ApplicationFields("Analyst"))
    attach_file(db, app, source, "CV")
    tables = json.loads(everything_json(db))["tables"]
    assert {"openings", "applications", "application_status_changes"} <= set(tables)
    (stored,) = tables["application_files"]
    assert base64.b64decode(stored["content"]) == b"\x00\xffPDF"


def test_the_sample_data_has_a_ranked_target_list_and_one_referred_application(
    db: Database,
) -> None:
    load_sample_data(db)
    targets = list_targets(db)
    assert len(targets) == 10 and targets[0].name == "Northwind Analytics"
    assert any(t.contact_count == 0 for t in targets)  # someone to find there first
    apps = list_applications(db)
    assert len(apps) == 3 and sum(a.referred for a in apps) == 1
    assert len({o.title for t in targets for o in list_openings(db, t.company_id)}) >= 4
