"""The Targets view: ranked list, inline scores, reorder by drag and buttons, undo, find people."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QComboBox, QTableView
from pytestqt.qtbot import QtBot

from crm.changes import EVERYTHING
from crm.contacts.service import ContactFields, create_contact
from crm.store.db import Database
from crm.targets.targets import list_targets
from tests.gui.desktop import opened_urls
from tests.gui.windows import targets_view
from ui.companies.page import CompaniesPage
from ui.companies.targets_model import MOTIVATION, POSTING, TargetsModel
from ui.companies.targets_view import TargetsView
from ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def targets(qtbot: QtBot, main_window: MainWindow) -> TargetsView:
    return targets_view(main_window, qtbot)


def names(db: Database) -> list[str]:
    return [t.name for t in list_targets(db)]


def cell_centre(view: QTableView, row: int, column: int) -> object:
    return view.visualRect(view.model().index(row, column)).center()


def test_the_model_keeps_qts_contracts(qtmodeltester: object, targets: TargetsView) -> None:
    assert targets.model.rowCount() == 10
    qtmodeltester.check(targets.model)  # type: ignore[attr-defined]


def test_the_ranked_list_is_found_by_its_object_name(targets: TargetsView) -> None:
    table = targets.window().findChild(QTableView, "targetsView")
    assert table is targets.view
    shown = [table.model().index(r, 1).data() for r in range(3)]
    assert shown == ["Northwind Analytics", "Lumen Health", "Greenleaf Energy"]


def test_motivation_is_edited_in_place_and_undone(qtbot: QtBot, targets: TargetsView) -> None:
    db = targets.ctx.db
    view = targets.view
    row = names(db).index("Kestrel Robotics")
    assert list_targets(db)[row].motivation == 1
    where = cell_centre(view, row, MOTIVATION)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.waitUntil(lambda: view.findChild(QComboBox) is not None)
    editor = view.findChild(QComboBox)
    assert editor is not None and editor.isVisible()
    qtbot.keyClick(editor, Qt.Key.Key_End)  # the last choice: three stars
    qtbot.waitUntil(lambda: list_targets(db)[names(db).index("Kestrel Robotics")].motivation == 3)
    shown = view.model().index(names(db).index("Kestrel Robotics"), MOTIVATION)
    qtbot.waitUntil(lambda: shown.data() == "★★★")
    targets.ctx.undo_stack.undo()
    assert list_targets(db)[names(db).index("Kestrel Robotics")].motivation == 1


def test_posting_is_chosen_with_the_keyboard(qtbot: QtBot, targets: TargetsView) -> None:
    db = targets.ctx.db
    view = targets.view
    view.setFocus()
    view.setCurrentIndex(view.model().index(2, POSTING))  # Greenleaf: unknown
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = view.findChild(QComboBox)
    assert editor is not None
    editor.setCurrentIndex(editor.findData("yes"))
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: list_targets(db)[2].posting == "yes")


def test_a_dragged_row_changes_rank_and_undo_puts_it_back(targets: TargetsView) -> None:
    db = targets.ctx.db
    model: TargetsModel = targets.model
    before = names(db)
    # What the view does on a drop: the dragged row's data dropped above row 1.
    data = model.mimeData([model.index(4, 0)])
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, 1, 0, model.index(-1, -1))
    after = names(db)
    assert after == [before[0], before[4], *before[1:4], *before[5:]]
    assert [model.index(r, 1).data() for r in range(model.rowCount())] == after
    assert model.index(1, 0).data() == "2"
    targets.ctx.undo_stack.undo()
    assert names(db) == before
    targets.ctx.undo_stack.redo()
    assert names(db) == after


def test_move_down_button(qtbot: QtBot, targets: TargetsView) -> None:
    db = targets.ctx.db
    before = names(db)
    targets.view.selectRow(0)
    qtbot.mouseClick(targets.buttons["Move down"], Qt.MouseButton.LeftButton)
    assert names(db) == [before[1], before[0], *before[2:]]
    chosen = targets.selected()
    assert chosen is not None and chosen.name == before[0]


def test_a_company_with_nobody_there_offers_a_people_search_and_a_new_contact(
    qtbot: QtBot, targets: TargetsView
) -> None:
    db = targets.ctx.db
    row = names(db).index("Meridian Transit Lab")
    targets.view.selectRow(0)
    assert not targets.buttons["Find people here"].isEnabled()  # Northwind: people known
    targets.view.selectRow(row)
    with opened_urls("https") as browser:
        qtbot.mouseClick(targets.buttons["Find people here"], Qt.MouseButton.LeftButton)
    (url,) = browser.urls
    assert url.host() == "www.linkedin.com" and "/search/results/people" in url.path()
    assert url.query(QUrl.ComponentFormattingOption.FullyDecoded) == "keywords=Meridian Transit Lab"
    opened: list[int] = []
    targets.ctx.hub.openContactRequested.connect(opened.append)
    qtbot.mouseClick(targets.buttons["Add contact"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: list_targets(db)[row].contact_count == 1)
    assert len(opened) == 1


def test_add_to_targets_from_the_companies_list_then_remove(
    qtbot: QtBot, targets: TargetsView
) -> None:
    db = targets.ctx.db
    create_contact(db, ContactFields("Vera", "Kim", company="Zephyr Labs"))
    targets.ctx.hub.apply(EVERYTHING)
    page = targets.window().findChild(CompaniesPage)
    assert page is not None
    page.tabs.setCurrentIndex(0)  # type: ignore[attr-defined]
    page.reload()
    page.select_companies([next(c.id for c in page.model_rows() if c.name == "Zephyr Labs")])
    page.mark_target_action.trigger()  # type: ignore[attr-defined]
    assert names(db)[-1] == "Zephyr Labs"
    chosen = targets.selected()
    assert targets.isVisible() and chosen is not None and chosen.name == "Zephyr Labs"
    qtbot.mouseClick(targets.buttons["Remove from targets"], Qt.MouseButton.LeftButton)
    assert "Zephyr Labs" not in names(db)
    targets.ctx.undo_stack.undo()
    assert names(db)[-1] == "Zephyr Labs"
