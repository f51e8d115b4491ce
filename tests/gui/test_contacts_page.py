"""The Contacts page driven through its real widgets: create, delete, sort, log, undo, restart."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QPushButton, QTableView
from pytestqt.qtbot import QtBot

from crm.contacts.history import list_history
from crm.contacts.listing import list_contact_ids
from crm.contacts.service import get_contact
from crm.store.clock import Clock
from crm.store.paths import DataPaths
from tests.gui.contacts_page import first_row_focused, names_shown, page_of, people, show
from ui.app import create_main_window
from ui.main_window import MainWindow

__all__ = ["people"]  # a fixture, found by pytest here


def test_arrows_move_and_enter_opens_the_contact(
    qtbot: QtBot, main_window: MainWindow, people: dict[str, int]
) -> None:
    page = first_row_focused(qtbot, main_window)
    assert page.detail.contact_id == people["anna"]
    qtbot.keyClick(page.view, Qt.Key.Key_Down)
    assert page.detail.contact_id == people["annie"]
    assert page.detail.name_label.text() == "Annie Ng"
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert page.detail.lines["first_name"].hasFocus()


def test_clicking_a_header_sorts_through_the_database(
    qtbot: QtBot, main_window: MainWindow, people: dict[str, int]
) -> None:
    page = show(qtbot, main_window)
    header = page.view.horizontalHeader()
    company = QPoint(header.sectionViewportPosition(1) + 5, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=company)
    # Figma, Google, then the contact without a company.
    assert names_shown(main_window) == ["Annie Ng", "Anna Lee", "Ben Okafor"]
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=company)
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert names_shown(main_window) == ["Anna Lee", "Annie Ng", "Ben Okafor"]


def test_new_contact_typed_in_survives_a_restart(
    qtbot: QtBot, main_window: MainWindow, data_paths: DataPaths, clock: Clock
) -> None:
    page = show(qtbot, main_window)
    qtbot.keyClick(main_window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    first = page.detail.lines["first_name"]
    qtbot.waitUntil(first.hasFocus)
    qtbot.keyClicks(first, "Anna")
    qtbot.keyClick(first, Qt.Key.Key_Tab)
    qtbot.keyClicks(page.detail.lines["last_name"], "Lee")
    qtbot.keyClick(page.detail.lines["last_name"], Qt.Key.Key_Tab)
    qtbot.keyClicks(page.detail.lines["title"], "Staff Engineer")
    qtbot.keyClick(page.detail.lines["title"], Qt.Key.Key_Return)
    company = page.detail.company.line()
    company.setFocus()
    qtbot.keyClicks(company, "Acme Robotics")
    qtbot.keyClick(company, Qt.Key.Key_Return)
    assert names_shown(main_window) == ["Anna Lee"]
    assert main_window.ctx.undo_stack.undoText() == "Edit Anna Lee's company"
    main_window.close()
    main_window.ctx.db.dispose()

    again = create_main_window(data_paths.root, clock=clock)
    qtbot.addWidget(again)
    try:
        assert names_shown(again) == ["Anna Lee"]
        contact_id = list_contact_ids(again.ctx.db)[0]
        detail = get_contact(again.ctx.db, contact_id)
        assert (detail.title, detail.company) == ("Staff Engineer", "Acme Robotics")
    finally:
        again.ctx.db.dispose()


def test_delete_key_then_undo_restores_everything(
    qtbot: QtBot, main_window: MainWindow, people: dict[str, int]
) -> None:
    db = main_window.ctx.db
    before = get_contact(db, people["anna"])
    page = first_row_focused(qtbot, main_window)
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert names_shown(main_window) == ["Annie Ng", "Ben Okafor"]
    assert people["anna"] not in list_contact_ids(db)
    assert main_window.undo_action.text() == "&Undo Delete Anna Lee"
    assert page.detail.contact_id == people["annie"]  # the next row takes the selection

    qtbot.keyClick(page.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: names_shown(main_window) == ["Anna Lee", "Annie Ng", "Ben Okafor"])
    assert get_contact(db, people["anna"]) == before
    assert [h.summary for h in list_history(db, people["anna"])] == ["First call"]
    qtbot.keyClick(
        page.view,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert people["anna"] not in list_contact_ids(db)


def test_several_selected_rows_are_deleted_together(
    qtbot: QtBot, main_window: MainWindow, people: dict[str, int]
) -> None:
    page = first_row_focused(qtbot, main_window)
    qtbot.keyClick(page.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert names_shown(main_window) == ["Ben Okafor"]
    assert main_window.ctx.undo_stack.undoText() == "Delete 2 contacts"
    main_window.ctx.undo_stack.undo()
    qtbot.waitUntil(lambda: len(names_shown(main_window)) == 3)


def test_log_an_interaction_and_undo_it(
    qtbot: QtBot, main_window: MainWindow, people: dict[str, int]
) -> None:
    page = show(qtbot, main_window)
    page.select_contact(people["ben"])
    timeline = page.detail.timeline
    page.detail.tabs.setCurrentWidget(timeline)
    assert not timeline.log_button.isEnabled()
    timeline.kind.setCurrentIndex(timeline.kind.findData("call"))
    qtbot.keyClicks(timeline.summary, "Talked about the platform team")
    qtbot.keyClicks(timeline.body, "Suggested I meet their manager.")
    qtbot.mouseClick(timeline.log_button, Qt.MouseButton.LeftButton)
    history = list_history(main_window.ctx.db, people["ben"])
    assert [(h.kind, h.summary, h.body) for h in history] == [
        ("call", "Talked about the platform team", "Suggested I meet their manager.")
    ]
    assert history[0].occurred_at == main_window.ctx.db.now()
    assert timeline.model.rowCount() == 1
    assert timeline.summary.text() == ""
    row = page.model.row_of(people["ben"])
    # The table shows the date of the last interaction.
    qtbot.waitUntil(lambda: page.model.index(row, 4).data() == "today")
    main_window.ctx.undo_stack.undo()
    assert list_history(main_window.ctx.db, people["ben"]) == []
    assert timeline.model.rowCount() == 0


def test_open_contact_request_switches_page_and_selects(
    qtbot: QtBot, main_window: MainWindow, people: dict[str, int]
) -> None:
    page = show(qtbot, main_window)
    qtbot.keyClicks(page.search, "annie")
    main_window.show_page("companies")
    main_window.ctx.hub.openContactRequested.emit(people["ben"])
    assert main_window.current_page_id() == "contacts"
    assert page.detail.contact_id == people["ben"]
    assert page.search.text() == ""
    assert page.selected_ids() == [people["ben"]]


def test_welcome_panel_on_an_empty_file(qtbot: QtBot, main_window: MainWindow) -> None:
    page = show(qtbot, main_window)
    assert main_window.findChild(QTableView, "contactsView") is not None
    assert page.stack.currentWidget() is page.welcome
    add = page.welcome.findChild(QPushButton, "addContactButton")
    assert add is not None and add.isVisible()
    assert page.welcome.sample_button.isVisible() and page.welcome.import_button.isVisible()
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    assert page.stack.currentWidget() is page.splitter
    assert len(list_contact_ids(main_window.ctx.db)) == 1
    qtbot.waitUntil(page.detail.lines["first_name"].hasFocus)
    main_window.ctx.undo_stack.undo()
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.welcome)


def test_models_pass_the_model_tester(
    qtmodeltester: object, main_window: MainWindow, people: dict[str, int]
) -> None:
    page = page_of(main_window)
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]
    page.select_contact(people["anna"])
    qtmodeltester.check(page.detail.timeline.model)  # type: ignore[attr-defined]


def test_load_sample_data_from_the_welcome_panel(qtbot: QtBot, main_window: MainWindow) -> None:
    page = show(qtbot, main_window)
    qtbot.mouseClick(page.welcome.sample_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.splitter)
    assert page.model.rowCount() >= 30
    qtbot.waitUntil(lambda: page.count_label.text().endswith(" contacts"))


# A dialog on the offscreen platform: it cannot resize a window to its size hints.
@pytest.mark.qt_log_ignore("This plugin does not support")
def test_prepare_opens_the_prep_sheet_for_the_selected_contact(
    qtbot: QtBot, main_window: MainWindow, people: dict[str, int]
) -> None:
    from PySide6.QtGui import QAction

    from ui.prep.dialog import PrepDialog

    page = show(qtbot, main_window)
    page.select_contact(people["anna"])
    prepare = main_window.findChild(QAction, "prepareAction")
    schedule = main_window.findChild(QAction, "scheduleMeetingAction")
    assert prepare is not None and schedule is not None
    assert prepare.isEnabled() and schedule.isEnabled()
    assert prepare in main_window.menus["contacts"].actions()
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, PrepDialog)]
    assert len(dialogs) == 1 and dialogs[0].isVisible()
    dialogs[0].close()
