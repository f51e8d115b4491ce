"""`main.py --demo` as a real process: a fresh folder of sample data, the user's own untouched."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from crm.store.paths import ENV_VAR
from tests.e2e.xserver import close_window, find_window, xvfb_display

REPO = Path(__file__).resolve().parents[2]
STARTUP_TIMEOUT = 60.0


def start_demo(tmp_path: Path, **extra: str) -> subprocess.Popen[str]:
    """The demo, with its temporary folder under `tmp_path/tmp` and a user folder beside it."""
    (tmp_path / "tmp").mkdir(exist_ok=True)
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "TMPDIR": str(tmp_path / "tmp"),
        ENV_VAR: str(tmp_path / "my-data"),
        **extra,
    }
    return subprocess.Popen(
        [sys.executable, str(REPO / "main.py"), "--demo"],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def contacts_in(database: Path) -> int | None:
    try:
        with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as conn:
            return int(conn.execute("SELECT count(*) FROM contacts").fetchone()[0])
    except sqlite3.Error:
        return None


def wait_for_demo_folder(app: subprocess.Popen[str], tmp_path: Path) -> Path:
    """The demo's data folder, once the app holds it and the sample data is in."""
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        assert app.poll() is None, app.communicate()[1]
        for folder in (tmp_path / "tmp").glob("rapport-demo-*"):
            if (folder / "rapport.lock").exists() and contacts_in(folder / "rapport.sqlite3"):
                return folder
        time.sleep(0.05)
    pytest.fail("the demo did not open a folder of sample data")


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    app = start_demo(tmp_path)
    try:
        yield app
    finally:
        if app.poll() is None:
            app.kill()
            app.communicate()


def test_demo_opens_on_fresh_sample_data_and_leaves_my_data_alone(
    demo: subprocess.Popen[str], tmp_path: Path
) -> None:
    folder = wait_for_demo_folder(demo, tmp_path)

    assert contacts_in(folder / "rapport.sqlite3") == 40
    assert not (tmp_path / "my-data" / "rapport.sqlite3").exists()
    demo.send_signal(signal.SIGTERM)
    _out, err = demo.communicate(timeout=60)
    assert demo.returncode == 0, err
    assert "Traceback" not in err
    assert not folder.exists()  # the demo's scratch folder goes with it


def test_each_demo_starts_from_its_own_fresh_folder(tmp_path: Path) -> None:
    folders = []
    for _ in range(2):
        app = start_demo(tmp_path)
        try:
            folder = wait_for_demo_folder(app, tmp_path)
            folders.append(folder)
            app.send_signal(signal.SIGTERM)
            assert app.wait(timeout=60) == 0
        finally:
            if app.poll() is None:
                app.kill()
            app.communicate()

    assert folders[0] != folders[1]
    assert not any(f.exists() for f in folders)


@pytest.mark.xvfb
@pytest.mark.skipif(shutil.which("Xvfb") is None, reason="needs Xvfb and xdotool")
def test_demo_window_appears_and_closes_like_any_window(tmp_path: Path) -> None:
    with xvfb_display() as display:
        app = start_demo(tmp_path, QT_QPA_PLATFORM="xcb", DISPLAY=display)
        try:
            window = find_window(display, app.pid, "Rapport — demo", timeout=STARTUP_TIMEOUT)
            assert window is not None, "no window titled 'Rapport — demo' was mapped"
            folder = wait_for_demo_folder(app, tmp_path)
            assert contacts_in(folder / "rapport.sqlite3") == 40
            close_window(display, window)
            _out, err = app.communicate(timeout=60)
        finally:
            if app.poll() is None:
                app.kill()
                app.communicate()
    assert app.returncode == 0, err
    assert "Traceback" not in err
    assert not folder.exists()
