"""Text is not cut off at the default window size where there is room for it."""

from __future__ import annotations

from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from tests.gui.windows import with_samples
from ui.calendar.page import CalendarPage
from ui.contacts.cells import LAST, NEXT, STAGE
from ui.main_window import MainWindow


def test_contacts_table_shows_stages_and_dates_whole(qtbot: QtBot, main_window: MainWindow) -> None:
    with_samples(main_window, qtbot, (1280, 800))
    view = main_window.findChild(QTableView, "contactsView")
    assert view is not None
    qtbot.waitUntil(lambda: view.model().rowCount() > 20)

    # "Keep in touch" and every date of the rows in view fit their column.
    def whole() -> bool:
        return all(view.columnWidth(c) >= view.sizeHintForColumn(c) for c in (STAGE, LAST, NEXT))

    qtbot.waitUntil(whole)


def test_the_agenda_grows_with_the_window(qtbot: QtBot, main_window: MainWindow) -> None:
    with_samples(main_window, qtbot, (1280, 800))
    page = main_window.show_page("calendar")
    assert isinstance(page, CalendarPage)
    qtbot.waitUntil(lambda: page.agenda.width() > 0)
    small = page.agenda.width()
    main_window.resize(1920, 1080)
    qtbot.waitUntil(lambda: page.agenda.width() > small + 100)
