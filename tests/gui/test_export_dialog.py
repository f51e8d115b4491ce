"""File ▸ Export: the CSV choice says that formula-like cells are neutralised, and they are."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from crm.contacts.service import ContactFields, create_contact
from ui.importing.export_dialog import ExportDialog
from ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def test_choosing_csv_shows_the_formula_note_and_writes_safe_cells(
    qtbot: QtBot, main_window: MainWindow, tmp_path: Path
) -> None:
    create_contact(main_window.ctx.db, ContactFields(first_name="=1+1", last_name="Lee"))
    dialog = ExportDialog(main_window.ctx, [], main_window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not dialog.formula_note.isVisible()  # vCard 4.0 is chosen first
    dialog.kind.setFocus()
    while dialog.kind.currentData() != "csv":
        qtbot.keyClick(dialog.kind, Qt.Key.Key_Down)
    assert dialog.formula_note.isVisible()
    assert "formulas" in dialog.formula_note.text()
    assert dialog.formula_note.textFormat() == Qt.TextFormat.PlainText
    path = tmp_path / "contacts.csv"
    assert dialog.export_to("csv", path)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[1][:2] == ["'=1+1", "Lee"]
