"""At the default window size, a contact found through their notes says so beside the name."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from tests.gui.windows import contacts_page, with_samples
from ui.contacts.cells import HINT_ROLE, NAME
from ui.contacts.name_delegate import GAP, split
from ui.main_window import MainWindow


def hint_room(view: QTableView, row: int) -> int:
    """The width the name cell of `row` leaves its hint, as the delegate lays it out."""
    index = view.model().index(row, NAME)
    cell = view.visualRect(index).width() - 8  # the style's item margins
    return (
        cell - split(str(index.data()), str(index.data(HINT_ROLE)), cell, view.fontMetrics()) - GAP
    )


def test_the_hint_shows_beside_a_name_at_the_default_size(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    with_samples(main_window, qtbot)
    page = contacts_page(main_window)
    qtbot.waitUntil(lambda: page.model.rowCount() > 20)
    page.column_fitter.fit()  # the widths the window's own size gives

    page.search.setFocus()
    qtbot.keyClicks(page.search, "anna lee")
    model = page.model
    qtbot.waitUntil(lambda: model.rowCount() == 2)
    assert model.index(0, NAME).data() == "Anna Lee"
    assert model.index(1, NAME).data() == "Marcus Johnson"
    qtbot.waitUntil(lambda: bool(model.index(1, NAME).data(HINT_ROLE)))
    assert str(model.index(1, NAME).data(HINT_ROLE)).startswith("notes:")
    assert "found in notes" in str(model.index(1, NAME).data(Qt.ItemDataRole.ToolTipRole))
    # Every column stays in sight, and the hint has room beside the name.
    view = page.view
    assert (
        sum(view.columnWidth(c) for c in range(view.model().columnCount()))
        <= view.viewport().width()
    )
    assert hint_room(page.view, 1) >= page.view.fontMetrics().horizontalAdvance("notes:")


def test_with_the_name_order_held_a_contact_found_in_notes_still_says_so(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    """The name order held in memory answers names, companies and titles; the contacts
    found elsewhere come after them, with their hint, and the names found get none."""
    with_samples(main_window, qtbot)
    page = contacts_page(main_window)
    model = page.model
    order = model.first_page().name_order()
    qtbot.waitUntil(order.is_current, timeout=10_000)  # built while the window is idle

    page.search.setFocus()
    qtbot.keyClicks(page.search, "anna lee")
    qtbot.waitUntil(lambda: model.rowCount() == 2)
    assert order.is_current()  # the list came from it
    assert [model.index(r, NAME).data() for r in range(2)] == ["Anna Lee", "Marcus Johnson"]
    assert model.index(0, NAME).data(HINT_ROLE) is None
    assert str(model.index(1, NAME).data(HINT_ROLE)).startswith("notes:")
    assert page.count_label.text() == "2 found"
