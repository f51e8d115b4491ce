"""The main window brought up as a user has it: shown, focused, on a page."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from crm.changes import EVERYTHING
from crm.samples.data import load_sample_data
from ui.companies.page import CompaniesPage
from ui.companies.targets_view import TargetsView
from ui.contacts.page import ContactsPage
from ui.main_window import MainWindow
from ui.pipeline.page import PipelinePage

FIRST_RUN_SIZE = (1240, 780)  # the size the app opens a window at on a first run


def shown_at(window: QWidget, qtbot: QtBot, size: tuple[int, int] = FIRST_RUN_SIZE) -> None:
    """Show `window` at `size` and wait until it is on screen."""
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)


def with_samples(window: MainWindow, qtbot: QtBot, size: tuple[int, int] = FIRST_RUN_SIZE) -> None:
    """The window on the sample data, shown at `size`."""
    load_sample_data(window.ctx.db)
    window.ctx.hub.apply(EVERYTHING)
    shown_at(window, qtbot, size)


def focus(window: QWidget, qtbot: QtBot) -> None:
    """Show `window` and wait until it is the active window, so key presses reach it."""
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def contacts_page(window: MainWindow) -> ContactsPage:
    """The contacts page, shown."""
    page = window.show_page("contacts")
    assert isinstance(page, ContactsPage)
    return page


def pipeline_page(window: MainWindow) -> PipelinePage:
    """The pipeline page, shown, with its board built."""
    page = window.show_page("pipeline")
    assert isinstance(page, PipelinePage)
    page.ensure_board()
    return page


def targets_view(window: MainWindow, qtbot: QtBot) -> TargetsView:
    """The Companies page's target employers on the sample data, reached with Ctrl+4."""
    load_sample_data(window.ctx.db)
    window.ctx.hub.apply(EVERYTHING)
    focus(window, qtbot)
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    page = window.page("companies")
    assert isinstance(page, CompaniesPage)
    view = page.findChild(TargetsView)
    assert view is not None
    page.tabs.setCurrentWidget(view)  # type: ignore[attr-defined]
    qtbot.waitUntil(view.isVisible)
    return view


def retype(qtbot: QtBot, field: QWidget, text: str) -> None:
    """Replace a field's text as a user does: select all, type, press Return."""
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)
