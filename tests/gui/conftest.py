"""GUI fixtures: the real main window built on a temporary data folder."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from crm.store.clock import Clock
from crm.store.paths import DataPaths
from ui.app import create_main_window
from ui.main_window import MainWindow


@pytest.fixture
def main_window(qtbot: QtBot, data_paths: DataPaths, clock: Clock) -> Iterator[MainWindow]:
    window = create_main_window(data_paths.root, clock=clock)
    qtbot.addWidget(window)
    yield window
    window.ctx.db.dispose()
