"""The main window brought up as a user has it: shown, focused, on a page."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ui.main_window import MainWindow
from ui.pipeline.page import PipelinePage


def focus(window: MainWindow, qtbot: QtBot) -> None:
    """Show `window` and wait until it is the active window, so key presses reach it."""
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def pipeline_page(window: MainWindow) -> PipelinePage:
    """The pipeline page, shown, with its board built."""
    page = window.show_page("pipeline")
    assert isinstance(page, PipelinePage)
    page.ensure_board()
    return page
