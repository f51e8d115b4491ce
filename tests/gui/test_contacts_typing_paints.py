"""Typing a search repaints the contacts table once, and every cell paints what it holds."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QBrush, QFont, QIcon
from PySide6.QtWidgets import QApplication, QStyledItemDelegate, QStyleOptionViewItem, QWidget
from pytestqt.qtbot import QtBot

from crm.changes import EVERYTHING
from crm.contacts.service import ContactFields, create_contact
from crm.samples.data import load_sample_data
from tests.gui.contacts_page import add_people, show
from ui.contacts.cells import COLUMNS, TITLE
from ui.main_window import MainWindow


class Paints(QObject):
    """Counts the Paint events a widget receives."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def settle(qtbot: QtBot) -> None:
    for _ in range(5):  # zero timers and what they post
        QApplication.processEvents()
        qtbot.wait(20)


def test_a_keystroke_paints_the_table_once_and_keeps_the_column_widths(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    add_people(main_window, 300)
    page = show(qtbot, main_window)
    qtbot.keyClicks(page.search, "pers")  # a search: the name column makes room for hints
    settle(qtbot)
    table = Paints(page.view.viewport())
    # The title takes what room is left (and the scroll bar's when it goes); the rest stay.
    kept = [c for c in range(len(COLUMNS)) if c != TITLE]
    widths = [page.view.columnWidth(c) for c in kept]
    for key in "on0":  # each still lists more rows than fit: the scroll bar stays
        before = table.count
        qtbot.keyClicks(page.search, key)
        settle(qtbot)
        assert table.count - before == 1, key
    qtbot.keyClicks(page.search, "01")  # "person001": one row, the scroll bar goes
    settle(qtbot)
    assert page.model.rowCount() == 1
    assert not page.view.verticalScrollBar().isVisible()
    assert [page.view.columnWidth(c) for c in kept] == widths


def test_every_cell_paints_what_it_holds(qtbot: QtBot, main_window: MainWindow) -> None:
    db = main_window.ctx.db
    load_sample_data(db)
    create_contact(db, ContactFields(first_name="Aaron", last_name="Aardvark", archived=True))
    main_window.ctx.hub.apply(EVERYTHING)
    page = show(qtbot, main_window)
    page.set_show_archived(True)
    model = page.model
    # One delegate for every cell, as a view paints them: what one cell says must not
    # stay for the next.
    delegate = QStyledItemDelegate()
    seen = {"icon": 0, "bold": 0, "brush": 0}
    for row in range(min(model.rowCount(), 60)):
        for column in range(len(COLUMNS)):
            index = model.index(row, column)
            option = QStyleOptionViewItem()
            delegate.initStyleOption(option, index)
            assert option.text == index.data(Qt.ItemDataRole.DisplayRole)
            icon = index.data(Qt.ItemDataRole.DecorationRole)
            assert option.icon.isNull() == (icon is None), (row, column)
            if isinstance(icon, QIcon):
                seen["icon"] += 1
            font = index.data(Qt.ItemDataRole.FontRole)
            assert option.font.bold() == (isinstance(font, QFont) and font.bold()), (row, column)
            seen["bold"] += option.font.bold()
            brush = index.data(Qt.ItemDataRole.ForegroundRole)
            if isinstance(brush, QBrush):
                seen["brush"] += 1
                assert option.palette.text().color() == brush.color(), (row, column)
            else:
                assert option.palette.text().color() == page.view.palette().text().color()
    assert all(seen.values()), seen  # stage dots, an overdue follow-up, an archived row
