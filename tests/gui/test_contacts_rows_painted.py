"""The contacts table paints its plain rows in one pass (ui.contacts.row_painter): what the
user sees must be exactly what Qt's delegates paint, pixel for pixel, in every state a row
can be in, in light and in dark."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from crm.changes import EVERYTHING
from crm.contacts.service import ContactFields, create_contact
from tests.gui.windows import contacts_page, with_samples
from ui.contacts.cells import HINT_ROLE, NAME, NEXT
from ui.contacts.page import ContactsPage
from ui.contacts.table import ContactsTable
from ui.main_window import MainWindow


def painted(view: ContactsTable, at_once: bool) -> QImage:
    view.rows_painted_at_once = at_once
    try:
        return view.viewport().grab().toImage()
    finally:
        view.rows_painted_at_once = True


def assert_same_as_qt(view: ContactsTable) -> None:
    """Ours, painted twice (a text seen again is drawn from its kept layout), then Qt's."""
    first, again, qts = painted(view, True), painted(view, True), painted(view, False)
    assert first.size() == qts.size()
    assert first == qts, "the rows painted at once differ from Qt's own painting"
    assert again == qts, "the rows painted again at once differ from Qt's own painting"


def bold_red_cells(page: ContactsPage) -> int:
    model = page.model
    return sum(
        1
        for row in range(min(model.rowCount(), 25))
        if model.index(row, NEXT).data(Qt.ItemDataRole.FontRole) is not None
    )


@pytest.fixture
def page(qtbot: QtBot, main_window: MainWindow) -> ContactsPage:
    with_samples(main_window, qtbot)
    db = main_window.ctx.db
    archived = ContactFields(first_name="Aaron", last_name="Archived", archived=True)
    create_contact(db, archived)
    long = "Wilhelmina Konstantinopoulou-Featherstonehaugh of the Very Long Names"
    create_contact(db, ContactFields(first_name="Abe", last_name=long, title=long))
    # Colour emoji, a title written right to left, another script.
    arabic = "مهندسة برمجيات"
    create_contact(db, ContactFields(first_name="Zoë 🎉", last_name="Aaberg", title=arabic))
    create_contact(db, ContactFields(first_name="이서연", last_name="Ahn", title="Ingénieure"))
    page = contacts_page(main_window)
    page.set_show_archived(True)
    main_window.ctx.hub.apply(EVERYTHING)
    qtbot.waitUntil(lambda: page.model.rowCount() > 20)
    return page


def test_plain_rows_look_as_qt_paints_them(qtbot: QtBot, page: ContactsPage) -> None:
    """Striped rows, stage dots, an archived row muted, overdue dates bold and red, a long
    name elided, the empty area below: the same pixels either way."""
    view = page.view
    names = [page.model.index(r, NAME).data() for r in range(page.model.rowCount())]
    assert {"Aaron Archived", "Zoë 🎉 Aaberg", "이서연 Ahn"} <= set(names[:8])
    assert bold_red_cells(page) > 0  # overdue follow-ups among the first rows
    assert_same_as_qt(view)
    view.setFocus()
    view.selectRow(3)  # selected and current, with the focus: Qt's own path
    qtbot.waitUntil(view.hasFocus)
    assert_same_as_qt(view)
    view.clearFocus()
    assert_same_as_qt(view)
    font = view.font()
    font.setPointSizeF(font.pointSizeF() * 0.85)
    view.setFont(font)  # texts laid out in the old font are not used again
    assert_same_as_qt(view)


def test_search_hints_look_as_qt_paints_them(qtbot: QtBot, page: ContactsPage) -> None:
    page.search.setFocus()
    qtbot.keyClicks(page.search, "anna lee")
    model = page.model
    qtbot.waitUntil(lambda: any(model.index(r, NAME).data(HINT_ROLE) for r in range(2)))
    assert_same_as_qt(page.view)
    page.view.setColumnWidth(NAME, 120)  # too narrow for both: the name gives way
    assert_same_as_qt(page.view)


@pytest.fixture
def dark(qapp: QApplication) -> Iterator[None]:
    light = QApplication.palette()
    palette = QPalette(light)
    for role, color in (
        (QPalette.ColorRole.Base, "#1e1e1e"),
        (QPalette.ColorRole.AlternateBase, "#2a2a2a"),
        (QPalette.ColorRole.Text, "#e8e8e8"),
        (QPalette.ColorRole.Window, "#252525"),
        (QPalette.ColorRole.WindowText, "#e8e8e8"),
        (QPalette.ColorRole.PlaceholderText, "#8a8a8a"),
    ):
        palette.setColor(role, QColor(color))
    QApplication.setPalette(palette)
    yield
    QApplication.setPalette(light)


def test_dark_rows_look_as_qt_paints_them(qtbot: QtBot, dark: None, page: ContactsPage) -> None:
    assert page.view.palette().color(QPalette.ColorRole.Base) == QColor("#1e1e1e")
    assert_same_as_qt(page.view)
    page.search.setFocus()
    qtbot.keyClicks(page.search, "anna lee")
    qtbot.waitUntil(lambda: page.model.index(1, NAME).data(HINT_ROLE) is not None)
    assert_same_as_qt(page.view)
