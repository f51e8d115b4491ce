"""Every file dialog of the app: it opens in the last folder used, the first time in Documents.

The folder is remembered with the UI state of the data folder (QSettings), so a test on a
temporary folder never touches the user's own settings.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from crm.store.paths import DataPaths

_KEY = "dialogs/lastFolder"


def _settings(paths: DataPaths) -> QSettings:
    return QSettings(str(paths.root / "ui-state.ini"), QSettings.Format.IniFormat)


def start_folder(paths: DataPaths) -> Path:
    """The folder the next file dialog opens in."""
    kept = _settings(paths).value(_KEY)
    if isinstance(kept, str) and kept and Path(kept).is_dir():
        return Path(kept)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return Path(documents)
    return Path.home()


def remember_folder(paths: DataPaths, chosen: Path) -> None:
    settings = _settings(paths)
    settings.setValue(_KEY, str(chosen.parent))
    settings.sync()


def save_file_name(
    parent: QWidget | None, paths: DataPaths, title: str, suggested_name: str, file_filter: str
) -> Path | None:
    """Ask where to save a file called `suggested_name` by default; None if cancelled."""
    start = start_folder(paths) / suggested_name
    name, _ = QFileDialog.getSaveFileName(parent, title, str(start), file_filter)
    if not name:
        return None
    remember_folder(paths, Path(name))
    return Path(name)


def open_file_name(
    parent: QWidget | None, paths: DataPaths, title: str, file_filter: str
) -> Path | None:
    """Ask for a file to read; None if cancelled."""
    name, _ = QFileDialog.getOpenFileName(parent, title, str(start_folder(paths)), file_filter)
    if not name:
        return None
    remember_folder(paths, Path(name))
    return Path(name)
