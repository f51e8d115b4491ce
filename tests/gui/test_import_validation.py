"""The import preview reports values that look wrong, row by row, and imports them as written."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from crm.contacts.names import find_contacts_by_name
from crm.contacts.service import get_contact
from ui.importing.dialog import ImportDialog
from ui.importing.models import ProblemsModel
from ui.importing.start import start_import
from ui.main_window import MainWindow

# Qt quirk: the offscreen platform warns about size hints whenever a dialog is shown.
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

ODD = (
    "First Name,Last Name,Email,Birthday\n"
    "Anna,Lee,not-an-email,not a date\n"
    "Ben,Okafor,ben@example.com,1990-04-02\n"
)


def test_odd_values_are_listed_per_row_and_kept(
    qtbot: QtBot, main_window: MainWindow, tmp_path: Path
) -> None:
    path = tmp_path / "people.csv"
    path.write_text(ODD, encoding="utf-8")
    dialog = start_import(main_window.ctx, main_window, path)
    assert isinstance(dialog, ImportDialog)
    if dialog.continue_button.isVisible():  # a plain CSV: its columns are confirmed first
        qtbot.mouseClick(dialog.continue_button, Qt.MouseButton.LeftButton)
    assert "could be read" not in dialog.problems_label.text()
    assert "1 row has values that look wrong" in dialog.problems_label.text()
    assert "1 with values that look wrong" in dialog.summary.text()
    problems = dialog.problems.model()
    assert isinstance(problems, ProblemsModel)
    assert problems.rowCount() == 1
    assert problems.data(problems.index(0, 0)) == "2"
    reason = str(problems.data(problems.index(0, 1)))
    assert "“not-an-email” is not an email address" in reason
    assert "“not a date” is not a date" in reason
    with qtbot.waitSignal(dialog.importFinished, timeout=10000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    db = main_window.ctx.db
    anna = get_contact(db, find_contacts_by_name(db, "Anna Lee")[0][0])
    assert [c.value for c in anna.channels] == ["not-an-email"]
