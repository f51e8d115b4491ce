"""`main.py sample-data` as a real process: fills an empty folder, refuses one with contacts."""

from __future__ import annotations

import os
import signal
import stat
from pathlib import Path

from crm.store.paths import ENV_VAR
from tests.data_file import row_count
from tests.e2e.processes import rapport, reaped, start_rapport, user_environment, wait_while_running


def test_fills_an_empty_folder_and_says_so(tmp_path: Path) -> None:
    folder = tmp_path / "fresh"

    done = rapport("--data-dir", str(folder), "sample-data")

    assert done.returncode == 0, done.stderr
    assert "Added 40 sample contacts" in done.stdout
    database = folder / "rapport.sqlite3"
    assert str(database) in done.stdout
    assert row_count(database, "contacts") == 40 and row_count(database, "meetings") > 10
    if os.name == "posix":
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        assert stat.S_IMODE(database.stat().st_mode) == 0o600


def test_refuses_a_folder_that_has_contacts_with_one_clear_line(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    assert rapport("--data-dir", str(folder), "sample-data").returncode == 0
    before = row_count(folder / "rapport.sqlite3", "interactions")

    again = rapport("--data-dir", str(folder), "sample-data")

    assert again.returncode == 1
    assert again.stderr.strip().splitlines() == [
        f"rapport: {folder} already has 40 contacts; sample data only goes into an empty "
        "data folder (choose another one with --data-dir)."
    ]
    assert again.stdout == ""
    assert row_count(folder / "rapport.sqlite3", "interactions") == before


def test_follows_the_data_folder_environment_variable(tmp_path: Path) -> None:
    folder = tmp_path / "from-env"

    done = rapport("sample-data", env={ENV_VAR: str(folder)})

    assert done.returncode == 0, done.stderr
    assert row_count(folder / "rapport.sqlite3", "contacts") == 40


def test_refuses_a_folder_the_app_has_open(tmp_path: Path) -> None:
    folder = tmp_path / "open"
    environment = user_environment(QT_QPA_PLATFORM="offscreen")
    with reaped(start_rapport("--data-dir", str(folder), env=environment)) as app:
        wait_while_running(
            app, (folder / "rapport.lock").exists, "the app did not lock its data folder"
        )

        refused = rapport("--data-dir", str(folder), "sample-data")

        assert refused.returncode == 1
        assert f"Rapport is open on this folder ({folder}); close it first" in refused.stderr
        app.send_signal(signal.SIGTERM)
        assert app.wait(timeout=30) == 0
    assert row_count(folder / "rapport.sqlite3", "contacts") == 0


def test_a_file_that_is_not_a_database_is_left_alone(tmp_path: Path) -> None:
    folder = tmp_path / "odd"
    folder.mkdir()
    (folder / "rapport.sqlite3").write_text("my shopping list")

    refused = rapport("--data-dir", str(folder), "sample-data")

    assert refused.returncode == 1
    assert "Traceback" not in refused.stderr
    [line] = refused.stderr.strip().splitlines()
    assert line.startswith(
        "rapport: rapport.sqlite3 is not a Rapport data file (not an SQLite database). "
    )
    assert "No sound backup was found" in line
    assert (folder / "rapport.sqlite3").read_text() == "my shopping list"
