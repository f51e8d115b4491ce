"""`main.py --demo` as a real process: a fresh folder of sample data, the user's own untouched."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from crm.store.paths import ENV_VAR
from tests.data_file import row_count
from tests.e2e.processes import (
    reaped,
    start_rapport,
    user_environment,
    wait_while_running,
)
from tests.e2e.xserver import close_window, on_x_screen, rapport_window, xvfb_display


def start_demo(tmp_path: Path, **extra: str) -> subprocess.Popen[str]:
    """The demo, with its temporary folder under `tmp_path/tmp` and a user folder beside it."""
    (tmp_path / "tmp").mkdir(exist_ok=True)
    env = user_environment(
        **{
            "QT_QPA_PLATFORM": "offscreen",
            "TMPDIR": str(tmp_path / "tmp"),
            ENV_VAR: str(tmp_path / "my-data"),
            **extra,
        }
    )
    return start_rapport("--demo", env=env)


def contacts_in(database: Path) -> int | None:
    try:
        return row_count(database, "contacts")
    except sqlite3.Error:
        return None


def wait_for_demo_folder(app: subprocess.Popen[str], tmp_path: Path) -> Path:
    """The demo's data folder, once the app holds it and the sample data is in."""

    def opened() -> Path | None:
        for folder in (tmp_path / "tmp").glob("rapport-demo-*"):
            if (folder / "rapport.lock").exists() and contacts_in(folder / "rapport.sqlite3"):
                return folder
        return None

    return wait_while_running(app, opened, "the demo did not open a folder of sample data")


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    with reaped(start_demo(tmp_path)) as app:
        yield app


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
        with reaped(start_demo(tmp_path)) as app:
            folders.append(wait_for_demo_folder(app, tmp_path))
            app.send_signal(signal.SIGTERM)
            assert app.wait(timeout=60) == 0

    assert folders[0] != folders[1]
    assert not any(f.exists() for f in folders)


@on_x_screen
def test_demo_window_appears_and_closes_like_any_window(tmp_path: Path) -> None:
    with (
        xvfb_display() as display,
        reaped(start_demo(tmp_path, QT_QPA_PLATFORM="xcb", DISPLAY=display)) as app,
    ):
        window = rapport_window(display, app, title="Rapport — demo")
        folder = wait_for_demo_folder(app, tmp_path)
        assert contacts_in(folder / "rapport.sqlite3") == 40
        close_window(display, window)
        _out, err = app.communicate(timeout=60)
    assert app.returncode == 0, err
    assert "Traceback" not in err
    assert not folder.exists()
