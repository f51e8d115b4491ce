"""The openings and applications dialog: add through its forms, statuses, files, undo; CSV."""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
)
from pytestqt.qtbot import QtBot

from crm.targets.applications import list_openings
from crm.targets.attachments import attachments_dir
from crm.targets.listing import list_applications
from crm.targets.targets import list_targets
from tests.gui.windows import targets_view
from ui.common.dates import date_text
from ui.companies.jobs_dialog import JobsDialog
from ui.companies.targets_view import TargetsView
from ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def targets(qtbot: QtBot, main_window: MainWindow) -> TargetsView:
    return targets_view(main_window, qtbot)


def open_for(qtbot: QtBot, targets: TargetsView, name: str) -> JobsDialog:
    row = [t.name for t in list_targets(targets.ctx.db)].index(name)
    targets.view.selectRow(row)
    qtbot.mouseClick(targets.buttons["Openings and applications…"], Qt.MouseButton.LeftButton)
    dialog = targets.findChild(JobsDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def when_form_opens(qtbot: QtBot, fill: Callable[[QDialog], None]) -> None:
    """Fill the next modal form as a user would, then press OK."""

    def act() -> None:
        form = QApplication.activeModalWidget()
        assert isinstance(form, QDialog)
        fill(form)
        box = form.findChild(QDialogButtonBox)
        assert box is not None
        qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)

    QTimer.singleShot(50, act)


def test_the_models_keep_qts_contracts(
    qtmodeltester: object, qtbot: QtBot, targets: TargetsView
) -> None:
    dialog = open_for(qtbot, targets, "Northwind Analytics")
    dialog.applications_view.selectRow(0)
    for model in (dialog.openings, dialog.applications, dialog.files):
        qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert dialog.applications.index(0, 1).data() == "Interviewing"


def test_an_opening_pasted_as_a_link_then_a_referred_application_through_the_forms(
    qtbot: QtBot, targets: TargetsView
) -> None:
    db = targets.ctx.db
    dialog = open_for(qtbot, targets, "Meridian Transit Lab")
    company = next(t.company_id for t in list_targets(db) if t.name == "Meridian Transit Lab")

    def opening(form: QDialog) -> None:
        url = form.findChild(QLineEdit, "openingUrl")
        title = form.findChild(QLineEdit, "openingTitle")
        assert url is not None and title is not None
        qtbot.keyClicks(url, "https://meridian-transit.example/join/42")
        qtbot.keyClicks(title, "Transit Data Engineer")

    when_form_opens(qtbot, opening)
    qtbot.mouseClick(dialog.add_opening_button, Qt.MouseButton.LeftButton)
    assert [(o.title, o.url) for o in list_openings(db, company)][-1] == (
        "Transit Data Engineer",
        "https://meridian-transit.example/join/42",
    )
    targets.ctx.undo_stack.undo()
    assert "Transit Data Engineer" not in {o.title for o in list_openings(db, company)}
    targets.ctx.undo_stack.redo()

    def application(form: QDialog) -> None:
        title = form.findChild(QLineEdit, "applicationTitle")
        assert title is not None
        qtbot.keyClicks(title, "Transit Data Engineer")

    when_form_opens(qtbot, application)
    qtbot.mouseClick(dialog.add_application_button, Qt.MouseButton.LeftButton)
    (app,) = list_applications(db, company_id=company)
    assert app.status == "Interested"
    assert dialog.selected_application() is not None

    dialog.status.setCurrentText("Applied")
    dialog.status.activated.emit(dialog.status.currentIndex())
    (app,) = list_applications(db, company_id=company)
    assert app.status == "Applied" and [s.status for s in app.history] == [
        "Interested",
        "Applied",
    ]
    targets.ctx.undo_stack.undo()
    assert list_applications(db, company_id=company)[0].status == "Interested"


def test_the_referred_by_box_links_a_contact(qtbot: QtBot, targets: TargetsView) -> None:
    db = targets.ctx.db
    dialog = open_for(qtbot, targets, "Lumen Health")

    def application(form: QDialog) -> None:
        title = form.findChild(QLineEdit, "applicationTitle")
        box = form.findChild(QComboBox, "referred_byBox")
        assert title is not None and box is not None
        qtbot.keyClicks(title, "UX Researcher")
        box.setCurrentIndex(1)
        deadline = form.findChild(QCheckBox, "hasDeadline")
        day = form.findChild(QDateEdit, "applicationDeadline")
        assert deadline is not None and day is not None
        deadline.click()
        day.setDate(QDate(2026, 4, 1))

    when_form_opens(qtbot, application)
    qtbot.mouseClick(dialog.add_application_button, Qt.MouseButton.LeftButton)
    added = next(a for a in list_applications(db) if a.title == "UX Researcher")
    assert added.referred and added.deadline == date(2026, 4, 1)
    (referrer,) = [cid for cid, _n, role in added.contacts if role == "referred_by"]
    assert added in list_applications(db, contact_id=referrer)


def test_a_file_is_attached_removed_with_its_application_and_back_on_undo(
    qtbot: QtBot, targets: TargetsView, tmp_path: Path
) -> None:
    db = targets.ctx.db
    dialog = open_for(qtbot, targets, "Northwind Analytics")
    dialog.applications_view.selectRow(0)
    cv = tmp_path / "CV 2026.pdf"
    cv.write_bytes(b"%PDF-1.4")
    dialog.attach(cv)  # what the file chooser hands over
    assert dialog.files.rowCount() == 1 and dialog.files.index(0, 1).data() == "CV 2026.pdf"
    app = dialog.selected_application()
    assert app is not None and app.company == "Northwind Analytics"
    folder = attachments_dir(db) / str(app.id)
    assert [p.read_bytes() for p in folder.iterdir()] == [b"%PDF-1.4"]
    qtbot.mouseClick(dialog.remove_application_button, Qt.MouseButton.LeftButton)
    assert app.id not in {a.id for a in list_applications(db)} and not folder.exists()
    targets.ctx.undo_stack.undo()
    (back,) = [a for a in list_applications(db) if a.id == app.id]
    assert back.files == app.files and folder.exists()


def test_applications_export_as_csv(qtbot: QtBot, targets: TargetsView, tmp_path: Path) -> None:
    target = tmp_path / "applications.csv"
    targets.write_applications(target)
    with target.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert len(rows) == 4  # the header and the three sample applications, oldest first
    assert ["Northwind Analytics", "Analytics Engineer", "Interviewing"] in [r[:3] for r in rows]
    assert rows[1][:3] == ["Parallax Learning", "Product Analyst", "Rejected"]


def test_an_applications_dates_are_edited_after_adding_and_undone(
    qtbot: QtBot, targets: TargetsView, main_window: MainWindow
) -> None:
    dialog = open_for(qtbot, targets, "Northwind Analytics")
    dialog.applications_view.selectRow(0)
    (before,) = list_applications(main_window.ctx.db, company_id=dialog.company_id)

    def fill(form: QDialog) -> None:
        deadline = form.findChild(QCheckBox, "hasDeadline")
        day = form.findChild(QDateEdit, "applicationDeadline")
        interview = form.findChild(QDateEdit, "applicationInterviewOn")
        assert deadline is not None and day is not None and interview is not None
        assert not deadline.isChecked() and interview.isEnabled()  # the sample's interview
        qtbot.mouseClick(deadline, Qt.MouseButton.LeftButton)
        day.setDate(QDate(2026, 4, 30))
        interview.setDate(QDate(2026, 3, 13))

    when_form_opens(qtbot, fill)
    qtbot.mouseClick(dialog.dates_button, Qt.MouseButton.LeftButton)
    (after,) = list_applications(main_window.ctx.db, company_id=dialog.company_id)
    assert (after.applied_on, after.deadline, after.interview_on) == (
        before.applied_on,
        date(2026, 4, 30),
        date(2026, 3, 13),
    )
    qtbot.waitUntil(lambda: dialog.applications.index(0, 4).data() == date_text(date(2026, 3, 13)))
    main_window.undo_action.trigger()
    (undone,) = list_applications(main_window.ctx.db, company_id=dialog.company_id)
    assert (undone.deadline, undone.interview_on) == (None, before.interview_on)


def test_an_opening_is_edited_after_adding_and_undone(
    qtbot: QtBot, targets: TargetsView, main_window: MainWindow
) -> None:
    dialog = open_for(qtbot, targets, "Northwind Analytics")
    dialog.openings_view.selectRow(0)
    first = list_openings(main_window.ctx.db, dialog.company_id)[0]

    def fill(form: QDialog) -> None:
        title = form.findChild(QLineEdit, "openingTitle")
        assert title is not None and title.text() == first.title
        title.clear()
        qtbot.keyClicks(title, "Senior Analytics Engineer")

    when_form_opens(qtbot, fill)
    qtbot.mouseClick(dialog.edit_opening_button, Qt.MouseButton.LeftButton)
    edited = list_openings(main_window.ctx.db, dialog.company_id)[0]
    assert (edited.title, edited.url, edited.seen_on) == (
        "Senior Analytics Engineer",
        first.url,
        first.seen_on,
    )
    main_window.undo_action.trigger()
    assert list_openings(main_window.ctx.db, dialog.company_id)[0].title == first.title
