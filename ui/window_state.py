"""Remembering window geometry and splitter positions between runs (QSettings)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter


class WindowState:
    """Saves and restores geometry under keys scoped to one settings file."""

    def __init__(self, settings: QSettings) -> None:
        self._settings = settings

    def restore_window(self, window: QMainWindow) -> bool:
        geometry = self._settings.value("window/geometry")
        state = self._settings.value("window/state")
        restored = isinstance(geometry, QByteArray) and window.restoreGeometry(geometry)
        if isinstance(state, QByteArray):
            window.restoreState(state)
        return bool(restored)

    def save_window(self, window: QMainWindow) -> None:
        self._settings.setValue("window/geometry", window.saveGeometry())
        self._settings.setValue("window/state", window.saveState())

    def restore_splitter(self, name: str, splitter: QSplitter) -> None:
        state = self._settings.value(f"splitters/{name}")
        if isinstance(state, QByteArray):
            splitter.restoreState(state)

    def save_splitter(self, name: str, splitter: QSplitter) -> None:
        self._settings.setValue(f"splitters/{name}", splitter.saveState())

    def sync(self) -> None:
        self._settings.sync()
