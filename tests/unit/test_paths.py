"""The data folder: --data-dir beats RAPPORT_DATA_DIR beats the per-user folder."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import platformdirs
import pytest

from crm.store.paths import ENV_VAR, DataPaths, data_paths, resolve_data_dir


def test_the_command_line_beats_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "from-env"))
    assert resolve_data_dir(tmp_path / "from-cli") == tmp_path / "from-cli"
    assert resolve_data_dir(None) == tmp_path / "from-env"


def test_without_either_the_per_user_data_folder_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    assert resolve_data_dir(None) == Path(platformdirs.user_data_dir("Rapport", appauthor=False))


def test_a_relative_folder_is_made_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert data_paths("mine").root == tmp_path / "mine"


def test_the_files_of_a_folder(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path)
    assert paths.database.parent == tmp_path and paths.database.suffix == ".sqlite3"
    assert paths.backups == tmp_path / "backups"
    assert paths.lock_file.parent == tmp_path


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_ensure_makes_an_existing_open_folder_private(tmp_path: Path) -> None:
    root = tmp_path / "data"
    root.mkdir(mode=0o755)
    DataPaths(root).ensure()
    assert stat.S_IMODE(root.stat().st_mode) == 0o700
