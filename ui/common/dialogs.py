"""The base of the app's dialogs: a stable object name (for tests, probes and accessibility
tools) and the window title, given together when the dialog is made."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget


class Dialog(QDialog):
    def __init__(self, name: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
