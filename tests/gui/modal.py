"""Answering the next modal dialog or popup menu the app opens, as a user would."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

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
