"""File dialogs open in the last folder used; the first time in the user's Documents folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from ui.calendar.page import CalendarPage
from ui.main_window import MainWindow

# Qt's own file dialog on the offscreen platform.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


class DialogAnswer:
    """Waits for the next file dialog, notes the folder it opened in, picks `chosen` (or
    cancels when None)."""

    def __init__(self, chosen: Path | None) -> None:
        self.chosen = chosen
        self.opened_in: Path | None = None
        QTimer.singleShot(50, self._answer)

    def _answer(self) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(50, self._answer)
            return
        self.opened_in = Path(dialog.directory().absolutePath())
        if self.chosen is None:
            dialog.reject()
            return
        dialog.setDirectory(str(self.chosen.parent))
        dialog.selectFile(str(self.chosen))
        dialog.accept()


def documents() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found and Path(found).is_dir() else Path.home()


def test_dialogs_start_in_documents_then_in_the_last_folder_used(
    qtbot: QtBot, main_window: MainWindow, tmp_path: Path
) -> None:
    page = main_window.page("calendar")
    assert isinstance(page, CalendarPage)
    actions = page.calendar_actions
    folder = tmp_path / "exports"
    folder.mkdir()

    answer = DialogAnswer(folder / "meetings.ics")
    actions.export_everything()
    assert answer.opened_in == documents().resolve()
    assert (folder / "meetings.ics").exists()

    answer = DialogAnswer(None)
    actions.import_dialog()
    assert answer.opened_in == folder.resolve()

    # The choice survives a restart: it is kept with the data folder's UI state.
    other = tmp_path / "elsewhere"
    other.mkdir()
    answer = DialogAnswer(other / "meetings.ics")
    actions.export_everything()
    assert answer.opened_in == folder.resolve()
    assert (other / "meetings.ics").exists()
