"""The real app as a process: it opens on a temporary folder, holds it, and closes cleanly."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from crm.store.paths import DataPaths
from tests.data_file import read_only
from tests.e2e.processes import (
    STARTUP_TIMEOUT,
    rapport,
    reaped,
    start_rapport,
    stop,
    user_environment,
    wait_while_running,
)
from tests.e2e.xserver import on_x_screen, rapport_window, xvfb_display


def launch(paths: DataPaths, **env: str) -> subprocess.Popen[str]:
    environment = user_environment(**{"QT_QPA_PLATFORM": "offscreen", **env})
    return start_rapport("--data-dir", str(paths.root), env=environment)


def cli(paths: DataPaths, *args: str) -> subprocess.CompletedProcess[str]:
    return rapport("--data-dir", str(paths.root), *args)


def schema_ready(paths: DataPaths) -> bool:
    if not paths.database.exists():
        return False
    try:
        with read_only(paths.database) as conn:
            return conn.execute("SELECT count(*) FROM alembic_version").fetchone()[0] == 1
    except sqlite3.Error:
        return False


def wait_until_open(app: subprocess.Popen[str], paths: DataPaths) -> None:
    """The app holds the folder's lock and its data file is set up."""
    wait_while_running(
        app,
        lambda: paths.lock_file.exists() and schema_ready(paths),
        "the app did not open its data folder",
    )


@pytest.fixture
def running(data_paths: DataPaths) -> Iterator[subprocess.Popen[str]]:
    with reaped(launch(data_paths)) as app:
        wait_until_open(app, data_paths)
        yield app


def test_the_app_opens_and_closes_cleanly_on_sigterm(
    running: subprocess.Popen[str], data_paths: DataPaths
) -> None:
    code, err = stop(running)
    assert code == 0, err
    assert "Traceback" not in err
    assert not data_paths.lock_file.exists()  # the folder is free again
    check = cli(data_paths, "check")
    assert check.returncode == 0, check.stdout + check.stderr
    leftovers = {p.name for p in data_paths.root.iterdir()} & {"rapport.sqlite3-wal"}
    assert not leftovers  # the last connection closed and checkpointed


def test_a_second_launch_on_the_same_folder_is_refused(
    running: subprocess.Popen[str], data_paths: DataPaths
) -> None:
    second = launch(data_paths)
    _out, err = second.communicate(timeout=STARTUP_TIMEOUT)
    assert second.returncode == 1
    assert "already open on this data folder" in err and str(data_paths.root) in err
    assert "Traceback" not in err
    assert running.poll() is None  # the first one is untouched
    assert stop(running)[0] == 0


def test_restore_is_refused_while_the_app_has_the_folder(
    running: subprocess.Popen[str], data_paths: DataPaths, tmp_path: Path
) -> None:
    copy = tmp_path / "copy.sqlite3"
    done = cli(data_paths, "backup")
    assert done.returncode == 0, done.stderr  # a backup of an open file is fine
    shutil.copyfile(done.stdout.strip(), copy)
    refused = cli(data_paths, "restore", str(copy))
    assert refused.returncode == 1 and "close it first" in refused.stderr
    assert stop(running)[0] == 0


def test_a_damaged_data_file_is_one_clear_error_at_launch_naming_a_good_backup(
    data_paths: DataPaths,
) -> None:
    from crm.contacts.service import ContactFields, create_contact
    from crm.store.backups import backup_now
    from crm.store.schema import open_database

    database = open_database(data_paths).database
    create_contact(database, ContactFields("Anna", "Lee"))
    good = backup_now(data_paths, database, "manual")
    database.dispose()
    bad = data_paths.backups / "rapport-2099-01-01_000000-manual.sqlite3"
    bad.write_bytes(b"damaged too")  # newer, but no good: not the one offered
    data_paths.database.write_bytes(b"not a database, but someone's notes")
    app = launch(data_paths)
    _out, err = app.communicate(timeout=STARTUP_TIMEOUT)
    assert app.returncode == 1
    [line] = err.strip().splitlines()
    assert line.startswith(
        "rapport: rapport.sqlite3 is not a Rapport data file (not an SQLite database). "
    )
    assert f"with 1 contact, is {good}; restore it with" in line
    assert data_paths.database.read_bytes() == b"not a database, but someone's notes"
    assert not data_paths.lock_file.exists()


@on_x_screen
def test_the_window_appears_on_a_real_x_screen(data_paths: DataPaths) -> None:
    with (
        xvfb_display() as display,
        reaped(launch(data_paths, QT_QPA_PLATFORM="xcb", DISPLAY=display)) as app,
    ):
        rapport_window(display, app)
        code, err = stop(app)
    assert code == 0, err
    assert not data_paths.lock_file.exists()
