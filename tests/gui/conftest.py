"""GUI fixtures: the real main window built on a temporary data folder."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from crm.store.clock import Clock
from crm.store.paths import DataPaths
from ui.app import create_main_window
from ui.hub import Hub
from ui.main_window import MainWindow


@pytest.fixture
def main_window(qtbot: QtBot, data_paths: DataPaths, clock: Clock) -> Iterator[MainWindow]:
    window = create_main_window(data_paths.root, clock=clock)
    qtbot.addWidget(window)
    yield window
    window.ctx.db.dispose()


@pytest.fixture
def hub(qapp: object) -> Hub:
    """A hub of its own, for undo commands tested without a window."""
    return Hub()


@pytest.fixture
def stack(qapp: object) -> QUndoStack:
    """An undo stack of its own, for undo commands tested without a window."""
    return QUndoStack()


@dataclass
class MessageBoxes:
    """The message boxes a test made the app show, answered without a modal loop."""

    shown: list[tuple[str, str]] = field(default_factory=list)  # (title, text)
    answer: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok

    def texts(self) -> list[str]:
        return [text for _title, text in self.shown]


@pytest.fixture
def message_boxes(monkeypatch: pytest.MonkeyPatch) -> MessageBoxes:
    """Answer every message box with `answer`; each must show its text as plain text."""
    boxes = MessageBoxes()

    def answer(box: QMessageBox) -> int:
        assert box.textFormat() == Qt.TextFormat.PlainText, box.text()
        boxes.shown.append((box.windowTitle(), box.text()))
        return boxes.answer.value

    monkeypatch.setattr(QMessageBox, "exec", answer)
    return boxes
