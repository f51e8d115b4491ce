"""The import dialog driven like a user: preview, choices, cancel, import and undo."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from crm.calendar.meetings import all_meetings
from crm.contacts.service import get_contact
from crm.importing import Action
from tests.unit.test_import_apply import dump
from tests.unit.test_import_csv import FIXTURES
from ui.importing.dialog import ImportDialog
from ui.importing.models import PreviewModel, ProblemsModel, SampleRowsModel
from ui.importing.start import start_import
from ui.main_window import MainWindow

# Qt quirk: the offscreen platform warns about size hints whenever a dialog is shown.
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def contact_count(window: MainWindow) -> int:
    conn = sqlite3.connect(window.ctx.db.path, isolation_level=None)
    try:
        return int(conn.execute("SELECT count(*) FROM contacts").fetchone()[0])
    finally:
        conn.close()


def open_dialog(window: MainWindow, path: Path) -> ImportDialog:
    dialog = start_import(window.ctx, window, path)
    assert dialog is not None
    return dialog


def test_preview_import_and_one_undo(qtbot: QtBot, main_window: MainWindow, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(main_window, FIXTURES / "linkedin_connections.csv")
    assert dialog.format_combo.currentData() == "linkedin"
    assert "4 new" in dialog.summary.text() and "1 cannot be read" in dialog.summary.text()
    problems = dialog.problems.model()
    assert isinstance(problems, ProblemsModel)
    assert problems.data(problems.index(0, 0)) == "7"
    qtmodeltester.check(dialog.preview.model())
    qtmodeltester.check(problems)
    stage = dialog.stage_combo
    assert stage.currentText() == "To contact"  # the first stage by default
    stage.setCurrentIndex(stage.findText("Reached out"))
    with qtbot.waitSignal(dialog.importFinished, timeout=10000) as finished:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    outcome = finished.args[0]
    assert contact_count(main_window) == 4
    anna = get_contact(main_window.ctx.db, outcome.rows["contacts"][0]["id"])
    assert anna.stage_name == "Reached out" and anna.tags == ("LinkedIn 2026-03-10",)
    assert main_window.undo_action.text().startswith("&Undo Import 4 contacts from LinkedIn")
    main_window.undo_action.trigger()
    assert contact_count(main_window) == 0
    main_window.redo_action.trigger()
    assert contact_count(main_window) == 4


def test_reimport_shows_job_change_and_rows_can_be_skipped(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    from crm.importing import import_file

    import_file(main_window.ctx.db, FIXTURES / "linkedin_connections.csv")
    dialog = open_dialog(main_window, FIXTURES / "linkedin_newer.csv")
    model = dialog.preview.model()
    assert isinstance(model, PreviewModel)
    texts = [model.data(model.index(r, 5)) for r in range(model.rowCount())]
    assert "Now Staff Engineer at Umbrella Corp (was Engineer, Platform at Globex)" in texts
    assert "1 with a new job" in dialog.summary.text()
    dialog.for_all.setCurrentIndex(dialog.for_all.findData(Action.SKIP.value))
    assert dialog.plan is not None and dialog.plan.count(Action.MERGE) == 0
    dialog.preview.selectRow(3)  # Dev Patel, new
    qtbot.mouseClick(dialog.row_actions[Action.SKIP], Qt.MouseButton.LeftButton)
    assert model.data(model.index(3, PreviewModel.ACTION_COLUMN)) == "Skip"
    assert not dialog.import_button.isEnabled()  # nothing left to write
    dialog.preview.selectRow(1)
    qtbot.mouseClick(dialog.row_actions[Action.MERGE], Qt.MouseButton.LeftButton)
    before = contact_count(main_window)
    with qtbot.waitSignal(dialog.importFinished, timeout=10000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert contact_count(main_window) == before
    bruno = get_contact(main_window.ctx.db, dialog.plan.items[1].match_id or 0)
    assert bruno.company == "Umbrella Corp"


def test_cancel_leaves_the_database_unchanged(
    qtbot: QtBot, main_window: MainWindow, tmp_path: Path
) -> None:
    path = tmp_path / "Connections.csv"
    rows = [
        f"Person{i},Lee{i},https://www.linkedin.com/in/p{i},,Co {i},PM,12 Mar 2024"
        for i in range(1500)
    ]
    path.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" + "\n".join(rows),
        encoding="utf-8",
    )
    # The calendar's first reminder check (on a timer) writes a setting in a read-then-write
    # transaction that cannot wait for the import's write lock: let it run beforehand.
    getattr(main_window.page("calendar"), "notifier").check()  # noqa: B009
    before = dump(main_window.ctx.db)
    dialog = open_dialog(main_window, path)
    with qtbot.waitSignal(dialog.importCancelled, timeout=20000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        assert dialog.progress.isVisible()
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert dump(main_window.ctx.db) == before
    assert "cancelled" in dialog.summary.text() and dialog.isVisible()
    assert main_window.ctx.undo_stack.count() == 0


def test_unknown_csv_goes_through_column_mapping(
    qtbot: QtBot, main_window: MainWindow, tmp_path: Path, qtmodeltester
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "people.csv"
    path.write_text("Who,Where,Contact\nAnna Lee,Acme,anna@x.org\nBen Ko,Beta,ben@y.org\n")
    dialog = open_dialog(main_window, path)
    page = dialog.mapping_page
    assert page is not None and dialog.pages.currentWidget() is page
    sample = page.sample.model()
    assert isinstance(sample, SampleRowsModel) and sample.data(sample.index(0, 0)) == "Anna Lee"
    qtmodeltester.check(sample)
    assert not dialog.continue_button.isEnabled()  # nothing identifies a person yet
    combos: list[QComboBox] = page.combos
    combos[0].setCurrentIndex(combos[0].findData("full_name"))
    combos[1].setCurrentIndex(combos[1].findData("company"))
    combos[2].setCurrentIndex(combos[2].findData("email"))
    qtbot.mouseClick(dialog.continue_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentWidget() is dialog.preview_page
    assert "2 new" in dialog.summary.text()
    with qtbot.waitSignal(dialog.importFinished, timeout=10000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert contact_count(main_window) == 2


def test_file_menu_has_import_and_export(main_window: MainWindow) -> None:
    texts = [a.text() for a in main_window.menus["file"].actions()]
    assert "&Import…" in texts and "&Export…" in texts
    assert "Find &duplicates…" in [a.text() for a in main_window.menus["contacts"].actions()]


def test_file_import_of_an_ics_file_is_one_undoable_step(
    qtbot: QtBot, main_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calendar = tmp_path / "calls.ics"
    calendar.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//EN\r\n"
        "BEGIN:VEVENT\r\nUID:call-1\r\nSUMMARY:Call with Anna\r\n"
        "DTSTART:20260313T090000Z\r\nDTEND:20260313T093000Z\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:call-2\r\nSUMMARY:Coffee with Ben\r\n"
        "DTSTART:20260314T090000Z\r\nDTEND:20260314T093000Z\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n"
    )
    # The file chooser is the platform's; the rest is the real File ▸ Import path.
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(calendar), ""))
    said: list[str] = []

    def read_and_close_the_summary() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        said.append(box.text())
        box.accept()

    QTimer.singleShot(0, read_and_close_the_summary)
    main_window.import_action.trigger()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: bool(said))
    assert said == ["2 meetings added, 0 already present."]
    assert sorted(m.title for m in all_meetings(main_window.ctx.db)) == [
        "Call with Anna",
        "Coffee with Ben",
    ]
    assert main_window.undo_action.text() == "&Undo Import calls.ics"
    main_window.undo_action.trigger()
    assert all_meetings(main_window.ctx.db) == []
    assert not main_window.undo_action.isEnabled()
    main_window.redo_action.trigger()
    assert len(all_meetings(main_window.ctx.db)) == 2
