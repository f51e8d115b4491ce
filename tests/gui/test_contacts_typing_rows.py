"""Typing on shows each contact's row as it is: rows kept from the last list are the
same as rows read afresh, and a change made between two keys shows at the next."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from crm.changes import EVERYTHING
from crm.contacts import name_order
from crm.samples.data import generate_contacts, load_sample_data
from tests.gui.contacts_page import show
from ui.contacts.cells import COLUMNS, TITLE
from ui.contacts.model import ContactTableModel
from ui.contacts.page import ContactsPage
from ui.main_window import MainWindow

ROLES = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.DecorationRole,
    Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.FontRole,
    Qt.ItemDataRole.ToolTipRole,
)


def shown(model: ContactTableModel) -> list[list[object]]:
    """Every cell's text, tooltip and style as the table paints it (icons by their key)."""
    cells = []
    for row in range(model.rowCount()):
        values: list[object] = []
        for column in range(len(COLUMNS)):
            for role in ROLES:
                value = model.index(row, column).data(role)
                values.append(value.cacheKey() if hasattr(value, "cacheKey") else value)
        cells.append(values)
    return cells


def fresh(page: ContactsPage) -> list[list[object]]:
    """The same search in a new model: every row read now."""
    model = ContactTableModel(page.ctx.db)
    model.query, model.sort_key = page.model.query, page.model.sort_key
    model.reload()
    return shown(model)


def typed_page(qtbot: QtBot, main_window: MainWindow) -> ContactsPage:
    load_sample_data(main_window.ctx.db)
    main_window.ctx.hub.apply(EVERYTHING)
    page = show(qtbot, main_window)
    order = page.model.first_page().name_order()
    qtbot.waitUntil(order.is_current, timeout=10_000)  # names found in memory: rows kept
    page.search.setFocus()
    return page


def test_rows_kept_while_typing_show_what_rows_read_afresh_show(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    page = typed_page(qtbot, main_window)
    for key in "anna lee":  # names, then a contact found in the notes (a hint)
        qtbot.keyClicks(page.search, key)
        QApplication.processEvents()
        assert shown(page.model) == fresh(page), page.search.text()
    for _ in range(len("anna lee")):
        qtbot.keyClick(page.search, Qt.Key.Key_Backspace)
        QApplication.processEvents()
        assert shown(page.model) == fresh(page), page.search.text()


def test_a_change_between_two_keys_shows_at_the_next(qtbot: QtBot, main_window: MainWindow) -> None:
    page = typed_page(qtbot, main_window)
    qtbot.keyClicks(page.search, "an")
    QApplication.processEvents()
    first = page.model.contact_id(0)
    assert page.model.index(0, TITLE).data() != "Chief Listener"
    with main_window.ctx.db.connection() as conn:
        conn.execute("UPDATE contacts SET title = 'Chief Listener' WHERE id = ?", (first,))
    main_window.ctx.hub.apply(EVERYTHING)  # as the app tells its pages after a change
    qtbot.keyClicks(page.search, "n")
    qtbot.waitUntil(lambda: page.model.row_of(first, load_all=False) >= 0)
    row = page.model.row_of(first, load_all=False)
    assert page.model.index(row, TITLE).data() == "Chief Listener"


def test_a_change_while_the_name_order_is_built_builds_it_again(
    qtbot: QtBot, main_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Enough steps that the build outlasts the pause before the next one would start.
    monkeypatch.setattr(name_order, "SLICE", 2)
    generate_contacts(main_window.ctx.db, 2_000, 1)
    main_window.ctx.hub.apply(EVERYTHING)
    page = show(qtbot, main_window)
    order = page.model.first_page().name_order()

    def some_read() -> bool:
        return page.name_order.building and len(order.head() or ()) > 0

    qtbot.waitUntil(some_read, timeout=10_000)
    with main_window.ctx.db.connection() as conn:
        renamed = conn.execute("SELECT max(id) FROM contacts").fetchone()[0]
        conn.execute("UPDATE contacts SET last_name = 'Aaberg' WHERE id = ?", (renamed,))
    main_window.ctx.hub.apply(EVERYTHING)  # as the app tells its pages after a change
    # The build under way read the data as it was: it starts again and ends current.
    qtbot.waitUntil(order.is_current, timeout=10_000)
    qtbot.keyClicks(page.search, "aab")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.model.contact_id(0) == renamed
