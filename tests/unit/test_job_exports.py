"""Applications and Today's new rows leave Rapport whole: the JSON export (attached files
as base64), `main.py export --applications-csv`, and a backup restored with its files."""

from __future__ import annotations

import base64
import csv
import json
from pathlib import Path

import pytest

from crm.samples.data import load_sample_data
from crm.store.backups import backup_now
from crm.store.clock import Clock
from crm.store.paths import DataPaths
from crm.store.restoring import restore_backup
from crm.store.schema import open_database
from crm.targets.applications import delete_application
from crm.targets.attachments import attach_file, viewer_copy
from crm.targets.listing import list_applications
from crm.today.touch_snooze import snooze_keep_in_touch
from main import main
from tests.conftest import NOW


@pytest.fixture
def filled(data_paths: DataPaths, clock: Clock, tmp_path: Path) -> tuple[int, int]:
    """Sample data, a CV attached to the referred application, one snoozed line."""
    db = open_database(data_paths, clock=clock).database
    try:
        load_sample_data(db)
        referred = next(a for a in list_applications(db) if a.referred)
        cv = tmp_path / "cv.pdf"
        cv.write_bytes(b"%PDF-1.4 \x00\xff my CV")
        file_id, _ = attach_file(db, referred.id, cv, "CV")
        snooze_keep_in_touch(db, 1, NOW.date())
    finally:
        db.dispose()
    return referred.id, file_id


def test_the_json_export_holds_applications_files_and_snoozes(
    filled: tuple[int, int], data_paths: DataPaths, tmp_path: Path
) -> None:
    out = tmp_path / "all.json"
    assert main(["--data-dir", str(data_paths.root), "export", "--json", str(out)]) == 0
    tables = json.loads(out.read_text(encoding="utf-8"))["tables"]
    assert len(tables["applications"]) == 3 and len(tables["openings"]) >= 4
    assert {"application_status_changes", "application_contacts"} <= set(tables)
    (stored,) = tables["application_files"]
    assert base64.b64decode(stored["content"]) == b"%PDF-1.4 \x00\xff my CV"
    assert [r["contact_id"] for r in tables["keep_in_touch_snoozes"]] == [1]


def test_applications_export_as_csv_from_the_command_line(
    filled: tuple[int, int],
    data_paths: DataPaths,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "applications.csv"
    code = main(["--data-dir", str(data_paths.root), "export", "--applications-csv", str(out)])
    assert code == 0
    assert f"Wrote 3 applications to {out} (CSV)." in capsys.readouterr().out
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 3
    (referred,) = [r for r in rows if r["Referred by"]]
    assert referred["Files"] == "cv.pdf"


def test_a_restored_backup_brings_the_attached_files_back(
    filled: tuple[int, int], data_paths: DataPaths, clock: Clock
) -> None:
    application_id, file_id = filled
    db = open_database(data_paths, clock=clock).database
    backup = backup_now(data_paths, db)
    delete_application(db, application_id)
    with pytest.raises(Exception, match="no longer exists"):
        viewer_copy(db, file_id)
    db.dispose()
    restore_backup(data_paths, backup)
    db = open_database(data_paths, clock=clock).database
    try:
        assert viewer_copy(db, file_id).read_bytes() == b"%PDF-1.4 \x00\xff my CV"
    finally:
        db.dispose()
