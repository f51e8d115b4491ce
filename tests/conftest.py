"""Fixtures shared by every test: a private data folder, a real database, a fixed clock."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

# Before any Qt import: tests never need a screen (real-window tests start Xvfb themselves).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("RAPPORT_DATA_DIR", None)
# Sync passwords never reach the developer's real keyring from a test.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
os.environ.pop("RAPPORT_SYNC_PASSWORD", None)

from crm.store.clock import Clock, fixed_clock
from crm.store.db import Database
from crm.store.paths import DataPaths
from crm.store.schema import open_database

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"
NOW = datetime(2026, 3, 10, 14, 30)  # a Tuesday, naive UTC


@pytest.fixture(autouse=True)
def private_config(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tests never write into the user's ~/.config (the reminders' autostart entry)."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))


@pytest.fixture
def clock() -> Clock:
    return fixed_clock(NOW)


@pytest.fixture
def data_paths(tmp_path: Path) -> DataPaths:
    return DataPaths(tmp_path / "data").ensure()


@pytest.fixture
def db(data_paths: DataPaths, clock: Clock) -> Iterator[Database]:
    database = open_database(data_paths, clock=clock).database
    yield database
    database.dispose()
