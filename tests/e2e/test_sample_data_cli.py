"""`main.py sample-data` as a real process: fills an empty folder, refuses one with contacts."""

from __future__ import annotations

import os
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

from crm.store.paths import ENV_VAR

REPO = Path(__file__).resolve().parents[2]


def rapport(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != ENV_VAR}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, str(REPO / "main.py"), *args],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def count(database: Path, table: str) -> int:
    with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_fills_an_empty_folder_and_says_so(tmp_path: Path) -> None:
    folder = tmp_path / "fresh"

    done = rapport("--data-dir", str(folder), "sample-data")

    assert done.returncode == 0, done.stderr
    assert "Added 40 sample contacts" in done.stdout
    database = folder / "rapport.sqlite3"
    assert str(database) in done.stdout
    assert count(database, "contacts") == 40 and count(database, "meetings") > 10
    if os.name == "posix":
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        assert stat.S_IMODE(database.stat().st_mode) == 0o600


def test_refuses_a_folder_that_has_contacts_with_one_clear_line(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    assert rapport("--data-dir", str(folder), "sample-data").returncode == 0
    before = count(folder / "rapport.sqlite3", "interactions")

    again = rapport("--data-dir", str(folder), "sample-data")

    assert again.returncode == 1
    assert again.stderr.strip().splitlines() == [
        f"rapport: {folder} already has 40 contacts; sample data only goes into an empty "
        "data folder (choose another one with --data-dir)."
    ]
    assert again.stdout == ""
    assert count(folder / "rapport.sqlite3", "interactions") == before


def test_follows_the_data_folder_environment_variable(tmp_path: Path) -> None:
    folder = tmp_path / "from-env"

    done = rapport("sample-data", env={ENV_VAR: str(folder)})

    assert done.returncode == 0, done.stderr
    assert count(folder / "rapport.sqlite3", "contacts") == 40


def test_refuses_a_folder_the_app_has_open(tmp_path: Path) -> None:
    folder = tmp_path / "open"
    environment = {k: v for k, v in os.environ.items() if k != ENV_VAR}
    environment["QT_QPA_PLATFORM"] = "offscreen"
    app = subprocess.Popen(
        [sys.executable, str(REPO / "main.py"), "--data-dir", str(folder)],
        cwd=REPO,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not (folder / "rapport.lock").exists() and time.monotonic() < deadline:
            assert app.poll() is None, app.communicate()[1]
            time.sleep(0.05)

        refused = rapport("--data-dir", str(folder), "sample-data")

        assert refused.returncode == 1
        assert f"Rapport is open on this folder ({folder}); close it first" in refused.stderr
        app.send_signal(signal.SIGTERM)
        assert app.wait(timeout=30) == 0
    finally:
        if app.poll() is None:
            app.kill()
        app.communicate()
    assert count(folder / "rapport.sqlite3", "contacts") == 0


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
