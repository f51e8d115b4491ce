"""`main.py check`, `backup` and `restore` run as real processes on a temporary data folder."""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

import pytest

from crm.contacts.service import ContactFields, create_contact
from crm.store.clock import Clock
from crm.store.paths import ENV_VAR, DataPaths
from crm.store.schema import open_database
from tests.data_file import first_names
from tests.e2e.processes import rapport


def one_clear_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("rapport: ")
    return lines[0]


@pytest.fixture
def folder(data_paths: DataPaths, clock: Clock) -> DataPaths:
    database = open_database(data_paths, clock=clock).database
    for first in ("Anna", "Ravi"):
        create_contact(database, ContactFields(first, "Lee"))
    database.dispose()
    return data_paths


def test_check_reports_a_sound_file_and_exits_0(folder: DataPaths) -> None:
    result = rapport("--data-dir", str(folder.root), "check")
    assert result.returncode == 0, result.stderr
    assert "All checks passed." in result.stdout
    assert "matches all 2 contacts" in result.stdout


def test_check_exits_1_on_damage_without_a_traceback(folder: DataPaths) -> None:
    conn = sqlite3.connect(folder.database)
    with conn:
        conn.execute("DROP TRIGGER contacts_fts_ad")
        conn.execute("DELETE FROM contacts WHERE first_name = 'Ravi'")
    conn.close()
    result = rapport("check", env={ENV_VAR: str(folder.root)})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "search index  PROBLEM" in result.stdout


def test_check_of_a_folder_without_data_is_one_line_and_creates_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    line = one_clear_line(rapport("--data-dir", str(missing), "check"))
    assert "no data file" in line
    assert not missing.exists()


def test_backup_prints_the_path_of_a_consistent_copy(folder: DataPaths) -> None:
    result = rapport("backup", env={ENV_VAR: str(folder.root)})
    assert result.returncode == 0, result.stderr
    copy = Path(result.stdout.strip())
    assert copy.parent == folder.backups and first_names(copy) == ["Anna", "Ravi"]


def test_backup_refuses_a_damaged_file(folder: DataPaths) -> None:
    folder.database.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    line = one_clear_line(rapport("--data-dir", str(folder.root), "backup"))
    assert "damaged" in line
    assert not any(folder.backups.iterdir())


def test_restore_puts_a_backup_back_and_keeps_what_it_replaced(
    folder: DataPaths, clock: Clock
) -> None:
    copy = Path(rapport("--data-dir", str(folder.root), "backup").stdout.strip())
    database = open_database(folder, clock=clock).database
    create_contact(database, ContactFields("Zoe", "Quint"))
    database.dispose()

    result = rapport("--data-dir", str(folder.root), "restore", str(copy))
    assert result.returncode == 0, result.stderr
    assert first_names(folder.database) == ["Anna", "Ravi"]
    kept = Path(result.stdout.strip().splitlines()[-1].split(" kept in ", 1)[1])
    assert first_names(kept) == ["Anna", "Ravi", "Zoe"]
    assert str(copy) in result.stdout
    assert rapport("--data-dir", str(folder.root), "check").returncode == 0


@pytest.mark.parametrize("problem", ["text", "newer", "missing"])
def test_restore_refuses_a_bad_file_with_one_line_and_overwrites_nothing(
    folder: DataPaths, tmp_path: Path, problem: str
) -> None:
    bad = tmp_path / "bad.sqlite3"
    if problem == "text":
        bad.write_text("BEGIN:VCARD\nEND:VCARD\n")
    elif problem == "newer":
        copy = Path(rapport("--data-dir", str(folder.root), "backup").stdout.strip())
        copy.rename(bad)
        conn = sqlite3.connect(bad)
        with conn:
            conn.execute("UPDATE alembic_version SET version_num = '0999'")
        conn.close()
    before = folder.database.read_bytes()
    line = one_clear_line(rapport("--data-dir", str(folder.root), "restore", str(bad)))
    expected = {"text": "not a Rapport data file", "newer": "newer", "missing": "does not exist"}
    assert expected[problem] in line
    assert folder.database.read_bytes() == before
    assert not any(p.name.endswith("before-restore.sqlite3") for p in folder.backups.iterdir())
