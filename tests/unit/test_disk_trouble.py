"""A full disk and a read-only folder: one clear line, nothing lost, and the file opens
normally once space is back (real tmpfs and bind mounts, in a private mount namespace;
skipped where the system allows no such namespace)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def scenario(mode: str, base: Path) -> dict[str, object]:
    unshare = shutil.which("unshare")
    if unshare is None or sys.platform != "linux":
        pytest.skip("needs util-linux unshare on Linux")
    probe = subprocess.run([unshare, "-rm", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("this system allows no private mount namespace")
    done = subprocess.run(
        [unshare, "-rm", sys.executable, "-m", "tests.disk_trouble", mode, str(base)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout)
    return result


def one_line(result: object) -> str:
    assert isinstance(result, dict)
    assert result["code"] == 1
    err = str(result["err"])
    assert "Traceback" not in err and len(err.splitlines()) == 1
    return err


def test_a_full_disk_during_an_import_loses_nothing_and_says_so(tmp_path: Path) -> None:
    result = scenario("full", tmp_path)
    assert "The disk is full" in one_line(result["import"])
    assert result["contacts_while_full"] == 3
    window = one_line(result["window_while_full"])
    assert "The disk is full" in window and "already open" not in window
    assert result["check_while_full"]["code"] == 0  # type: ignore[index]
    assert result["check"]["code"] == 0  # type: ignore[index]
    assert result["contacts"] == 3
    assert result["import_again"]["code"] == 0, result["import_again"]  # type: ignore[index]
    assert result["contacts_after"] == 3 + 1500


def test_a_read_only_folder_without_backups_says_so_everywhere(tmp_path: Path) -> None:
    result = scenario("readonly", tmp_path)
    for command in ("import", "backup", "window"):
        assert "The folder is read-only" in one_line(result[command]), command
    assert "already open" not in str(result["window"])
    assert result["check"]["code"] == 0, result["check"]  # type: ignore[index]
    assert result["contacts"] == 3
