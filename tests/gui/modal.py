"""Answering the next modal dialog or popup menu the app opens, as a user would."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

W = TypeVar("W", bound=QWidget)


def when_shown(kind: type[W], handle: Callable[[W], None], *, popup: bool = False) -> None:
    """Run `handle` on the next modal dialog (or popup menu) of `kind` once it is shown.

    The app's dialogs run their own event loop, so the test cannot answer them after the
    click that opens them: it polls from a timer until one is up.
    """

    def poll() -> None:
        widget = QApplication.activePopupWidget() if popup else QApplication.activeModalWidget()
        if not isinstance(widget, kind):
            QTimer.singleShot(20, poll)
            return
        handle(widget)

    QTimer.singleShot(0, poll)


def answer(kind: type[QDialog], fill: Callable[[QDialog], None]) -> list[QDialog]:
    """Fill the next modal dialog as a user would; the returned list receives it."""
    seen: list[QDialog] = []

    def handle(dialog: QDialog) -> None:
        seen.append(dialog)
        try:
            fill(dialog)
        except BaseException:
            dialog.reject()
            raise

    when_shown(kind, handle)
    return seen


def click_standard(box: QDialog, which: QMessageBox.StandardButton, qtbot: QtBot) -> None:
    assert isinstance(box, QMessageBox)
    qtbot.mouseClick(box.button(which), Qt.MouseButton.LeftButton)


def click_button(dialog: QDialog, text: str, qtbot: QtBot) -> None:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    button = next(b for b in box.buttons() if b.text().replace("&", "") == text)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
