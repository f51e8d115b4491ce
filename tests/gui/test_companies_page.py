"""The Companies page: list with contacts, rename with F2, merge "Google" and "google", undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit, QMessageBox, QRadioButton
from pytestqt.qtbot import QtBot

from crm.changes import EVERYTHING
from crm.companies.service import list_companies
from crm.contacts.service import ContactFields, create_contact, get_contact
from crm.store.models import Company
from tests.gui.conftest import MessageBoxes
from tests.gui.windows import focus
from ui.companies.merge_dialog import MergeDialog
from ui.companies.page import CompaniesPage
from ui.contacts.page import ContactsPage
from ui.main_window import MainWindow

# Dialogs on the offscreen platform: it cannot resize a window to its size hints.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def page(qtbot: QtBot, main_window: MainWindow) -> CompaniesPage:
    db = main_window.ctx.db
    create_contact(db, ContactFields(first_name="Anna", last_name="Lee", company="Google"))
    with db.session() as session:
        # "google inc" typed twice in different cases, e.g. from two imports.
        session.add(Company(name="Google Inc", created_at=db.now(), updated_at=db.now()))
    create_contact(db, ContactFields(first_name="Ben", last_name="Okafor", company="Google Inc"))
    create_contact(db, ContactFields(first_name="Cleo", last_name="Ng", company="google inc"))
    create_contact(db, ContactFields(first_name="Dan", last_name="Ruiz", company="Figma"))
    main_window.ctx.hub.apply(EVERYTHING)
    focus(main_window, qtbot)
    qtbot.keyClick(main_window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    found = main_window.page("companies")
    assert isinstance(found, CompaniesPage)
    assert main_window.current_page_id() == "companies"
    return found


def shown(page: CompaniesPage) -> list[tuple[str, int]]:
    model = page.model
    return [(model.index(r, 0).data(), model.index(r, 1).data()) for r in range(model.rowCount())]


def select_rows(page: CompaniesPage, *rows: int) -> None:
    page.view.clearSelection()
    for row in rows:
        page.view.selectionModel().select(
            page.model.index(row, 0),
            page.view.selectionModel().SelectionFlag.Select
            | page.view.selectionModel().SelectionFlag.Rows,
        )
    page.view.selectionModel().setCurrentIndex(
        page.model.index(rows[0], 0), page.view.selectionModel().SelectionFlag.NoUpdate
    )


def test_lists_companies_with_their_contacts(page: CompaniesPage) -> None:
    assert shown(page) == [("Figma", 1), ("Google", 1), ("Google Inc", 2)]
    page.view.selectRow(2)
    contacts = page.contacts_model
    assert [contacts.index(r, 0).data() for r in range(contacts.rowCount())] == [
        "Cleo Ng",
        "Ben Okafor",
    ]
    assert page.contacts_title.text() == "People: 2 contacts"
    assert page.detail.lines["name"].text() == "Google Inc"


def test_double_click_opens_the_contact(
    qtbot: QtBot, main_window: MainWindow, page: CompaniesPage
) -> None:
    page.view.selectRow(1)
    view = page.contacts_view
    rect = view.visualRect(page.contacts_model.index(0, 0))
    # Qt quirk: QTest's double click alone does not emit doubleClicked; a click comes first.
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert main_window.current_page_id() == "contacts"
    contacts = main_window.page("contacts")
    assert isinstance(contacts, ContactsPage)
    assert contacts.detail.name_label.text() == "Anna Lee"


def test_rename_with_f2_and_undo(
    qtbot: QtBot, main_window: MainWindow, page: CompaniesPage
) -> None:
    page.view.setFocus()
    page.view.selectRow(0)
    qtbot.keyClick(page.view, Qt.Key.Key_F2)
    editor = page.view.findChild(QLineEdit)
    assert editor is not None
    qtbot.waitUntil(editor.isVisible)
    editor.selectAll()
    qtbot.keyClicks(editor, "Figma Design")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shown(page)[0] == ("Figma Design", 1))
    db = main_window.ctx.db
    assert [c.name for c in list_companies(db)] == ["Figma Design", "Google", "Google Inc"]
    assert main_window.ctx.undo_stack.undoText() == "Rename Figma to Figma Design"
    main_window.ctx.undo_stack.undo()
    qtbot.waitUntil(lambda: shown(page)[0] == ("Figma", 1))


def test_rename_to_an_existing_name_offers_the_merge(
    qtbot: QtBot, main_window: MainWindow, page: CompaniesPage, message_boxes: MessageBoxes
) -> None:
    message_boxes.answer = QMessageBox.StandardButton.Yes
    page.model.setData(page.model.index(2, 0), "Google")
    asked = message_boxes.texts()
    assert asked and "Google" in asked[0]
    qtbot.waitUntil(lambda: shown(page) == [("Figma", 1), ("Google", 3)])
    main_window.ctx.undo_stack.undo()
    qtbot.waitUntil(lambda: shown(page) == [("Figma", 1), ("Google", 1), ("Google Inc", 2)])


def test_merge_two_companies_keeping_one_name_then_undo(
    qtbot: QtBot, main_window: MainWindow, page: CompaniesPage
) -> None:
    select_rows(page, 1, 2)
    assert page.merge_action.isEnabled() and not page.rename_action.isEnabled()

    def choose_in_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, MergeDialog)
        buttons = dialog.findChildren(QRadioButton)
        # The spelling with most contacts is offered first; keep "Google" instead.
        assert buttons[1].isChecked()
        buttons[0].click()
        box = dialog.findChild(QDialogButtonBox)
        assert box is not None
        ok = box.button(QDialogButtonBox.StandardButton.Ok)
        assert ok is not None and ok.text() == "Merge"
        ok.click()

    QTimer.singleShot(0, choose_in_dialog)
    qtbot.mouseClick(page.merge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shown(page) == [("Figma", 1), ("Google", 3)])
    db = main_window.ctx.db
    assert main_window.ctx.undo_stack.undoText() == "Merge 2 companies into Google"
    contacts = main_window.page("contacts")
    assert isinstance(contacts, ContactsPage)
    for contact_id in contacts.model.ids():
        detail = get_contact(db, contact_id)
        assert detail.company in ("Google", "Figma")
    main_window.ctx.undo_stack.undo()
    qtbot.waitUntil(lambda: shown(page) == [("Figma", 1), ("Google", 1), ("Google Inc", 2)])


def test_models_pass_the_model_tester(qtmodeltester: object, page: CompaniesPage) -> None:
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]
    page.view.selectRow(2)
    qtmodeltester.check(page.contacts_model)  # type: ignore[attr-defined]
