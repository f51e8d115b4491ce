"""The real app as a process: it opens on a temporary folder, holds it, and closes cleanly."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from crm.store.paths import ENV_VAR, DataPaths
from tests.e2e.xserver import find_window, xvfb_display

REPO = Path(__file__).resolve().parents[2]
STARTUP_TIMEOUT = 60.0


def environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != ENV_VAR}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.update(extra)
    return env


def launch(paths: DataPaths, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(REPO / "main.py"), "--data-dir", str(paths.root)],
        cwd=REPO,
        env=environment(**env),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def cli(paths: DataPaths, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, str(REPO / "main.py"), "--data-dir", str(paths.root), *args]
    return subprocess.run(command, env=environment(), capture_output=True, text=True, timeout=60)


def schema_ready(paths: DataPaths) -> bool:
    if not paths.database.exists():
        return False
    try:
        conn = sqlite3.connect(f"file:{paths.database}?mode=ro", uri=True)
        try:
            return conn.execute("SELECT count(*) FROM alembic_version").fetchone()[0] == 1
        finally:
            conn.close()
    except sqlite3.Error:
        return False


def wait_until_open(app: subprocess.Popen[str], paths: DataPaths) -> None:
    """The app holds the folder's lock and its data file is set up."""
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        assert app.poll() is None, app.communicate()[1]
        if paths.lock_file.exists() and schema_ready(paths):
            return
        time.sleep(0.05)
    pytest.fail("the app did not open its data folder")


@pytest.fixture
def running(data_paths: DataPaths) -> Iterator[subprocess.Popen[str]]:
    app = launch(data_paths)
    try:
        wait_until_open(app, data_paths)
        yield app
    finally:
        if app.poll() is None:
            app.kill()
            app.communicate()


def stop(app: subprocess.Popen[str]) -> tuple[int, str]:
    app.send_signal(signal.SIGTERM)
    _out, err = app.communicate(timeout=30)
    return app.returncode, err


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


@pytest.mark.xvfb
@pytest.mark.skipif(shutil.which("Xvfb") is None, reason="needs Xvfb and xdotool")
def test_the_window_appears_on_a_real_x_screen(data_paths: DataPaths) -> None:
    with xvfb_display() as display:
        app = launch(data_paths, QT_QPA_PLATFORM="xcb", DISPLAY=display)
        try:
            window = find_window(display, app.pid, "Rapport", timeout=STARTUP_TIMEOUT)
            assert window is not None, "no Rapport window was mapped"
            code, err = stop(app)
        finally:
            if app.poll() is None:
                app.kill()
                app.communicate()
    assert code == 0, err
    assert not data_paths.lock_file.exists()
