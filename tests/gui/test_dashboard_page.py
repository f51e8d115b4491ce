"""The Dashboard page: Ctrl+9 shows the painted view with the hand-computed numbers, and
Export PNG writes the image."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.unit.test_dashboard import build, hand_computed
from ui.main_window import MainWindow
from ui.today.dashboard import EXPORT_SIZE, DashboardPage
from ui.today.dashboard_paint import headlines


def test_ctrl_9_shows_the_numbers_of_the_history(
    main_window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    build(main_window.ctx.db)
    main_window.show()
    qtbot.waitExposed(main_window)
    main_window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main_window)
    qtbot.keyClick(main_window, Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: main_window.current_page_id() == "dashboard")
    view = main_window.findChild(QWidget, "dashboardView")
    page = main_window.page("dashboard")
    assert isinstance(page, DashboardPage) and view is page.view
    expected = hand_computed()
    qtbot.waitUntil(lambda: page.view.data is not None and page.view.data.contacted == 3)
    data = page.view.data
    assert data is not None
    assert (data.contacted, data.replied) == (expected.contacted, expected.replied)
    assert data.meetings_held == expected.meetings_held
    assert data.new_contacted == expected.new_contacted
    assert data.referrals == expected.referrals
    assert headlines(data) == [
        ("Reply rate", "33%", "1 of 3 answered"),
        ("Outreach to meeting", "4.0 days", "median, message to meeting"),
    ]
    target = tmp_path / "dashboard.png"
    assert page.export_to(target)
    image = QImage(str(target))
    assert image.size() == EXPORT_SIZE
    colours = {image.pixel(x, y) for x in range(0, 1200, 5) for y in range(0, 900, 5)}
    assert QColor("#7c3aed").rgb() in colours  # the Scheduled stage's bar in the funnel


def test_the_dashboard_follows_changes_while_shown(main_window: MainWindow, qtbot: QtBot) -> None:
    main_window.show()
    page = main_window.show_page("dashboard")
    assert isinstance(page, DashboardPage)
    assert page.view.data is not None and page.view.data.contacted == 0
    build(main_window.ctx.db)
    from crm.changes import EVERYTHING

    main_window.ctx.hub.apply(EVERYTHING)
    qtbot.waitUntil(lambda: page.view.data is not None and page.view.data.contacted == 3)
