"""`main.py --version`, and a clear line instead of Qt's core dump when there is no display."""

from __future__ import annotations

import os
import tomllib
from importlib.metadata import version
from pathlib import Path

from crm.store.paths import ENV_VAR
from crm.version import __version__
from tests.e2e.processes import MAIN, finished
from ui.display import NO_DISPLAY, missing_display

REPO = Path(__file__).resolve().parents[2]


def test_version_is_printed_and_is_the_packages_version(tmp_path: Path) -> None:
    done = finished([*MAIN, "--version"], env={**os.environ, ENV_VAR: str(tmp_path / "data")})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"rapport {__version__}"
    # One source of truth: pyproject.toml reads the same constant, so the installed
    # package's metadata agrees with what the app prints.
    with open(REPO / "pyproject.toml", "rb") as handle:
        project = tomllib.load(handle)
    assert "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"]["attr"] == "crm.version.__version__"
    assert version("rapport") == __version__


def test_without_a_display_the_app_says_so_and_exits_1(tmp_path: Path) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", ENV_VAR)
    }
    done = finished([*MAIN, "--data-dir", str(tmp_path / "data")], env=env)
    assert done.returncode == 1
    assert done.stderr.strip() == f"rapport: {NO_DISPLAY}"
    assert NO_DISPLAY == "no display found (DISPLAY/WAYLAND_DISPLAY is not set)"


def test_an_explicit_platform_or_a_display_is_enough() -> None:
    assert missing_display({}, "linux") == NO_DISPLAY
    assert missing_display({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert missing_display({"DISPLAY": ":0"}, "linux") is None
    assert missing_display({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None
    assert missing_display({}, "win32") is None
    assert missing_display({}, "darwin") is None
