"""Every column of the contacts table stays in sight; what must give way elides, with a tooltip."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QTableView, QToolTip
from pytestqt.qtbot import QtBot

from tests.gui.windows import with_samples
from ui.contacts.cells import COLUMNS, LAST, NEXT, REACH_OUT, STAGE
from ui.main_window import MainWindow

# The offscreen platform cannot raise a tooltip window.
pytestmark = pytest.mark.qt_log_ignore("does not support raise")


def table(qtbot: QtBot, window: MainWindow, width: int, height: int) -> QTableView:
    with_samples(window, qtbot, (width, height))
    view = window.findChild(QTableView, "contactsView")
    assert view is not None
    qtbot.waitUntil(lambda: view.model().rowCount() > 20)
    qtbot.wait(30)
    return view


def widths(view: QTableView) -> list[int]:
    return [view.columnWidth(c) for c in range(len(COLUMNS))]


@pytest.mark.parametrize("size", [(1240, 780), (1280, 800)])
def test_at_the_default_size_every_column_is_in_sight_with_its_dates_whole(
    qtbot: QtBot, main_window: MainWindow, size: tuple[int, int]
) -> None:
    view = table(qtbot, main_window, *size)
    qtbot.waitUntil(lambda: sum(widths(view)) <= view.viewport().width())
    qtbot.waitUntil(lambda: not view.horizontalScrollBar().isVisible())
    for column in (STAGE, LAST, NEXT, REACH_OUT):
        assert view.columnWidth(column) >= view.sizeHintForColumn(column)
    # A header too narrow for its title shows it whole in a tooltip.
    header = view.horizontalHeader()
    narrow = next(
        c for c in (LAST, NEXT, REACH_OUT) if header.sectionSize(c) < header.sectionSizeHint(c)
    )
    at = QPoint(header.sectionViewportPosition(narrow) + 10, header.height() // 2)
    event = QHelpEvent(QEvent.Type.ToolTip, at, header.viewport().mapToGlobal(at))
    QApplication.sendEvent(header.viewport(), event)
    qtbot.waitUntil(QToolTip.isVisible)
    assert QToolTip.text() == COLUMNS[narrow][0]
    QToolTip.hideText()


def test_in_a_wide_window_every_column_and_header_shows_whole(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    view = table(qtbot, main_window, 1920, 1080)
    header = view.horizontalHeader()

    def whole() -> bool:
        return all(
            view.columnWidth(c) >= max(view.sizeHintForColumn(c), header.sectionSizeHint(c))
            for c in range(len(COLUMNS))
        )

    qtbot.waitUntil(whole)
    assert header.model().headerData(REACH_OUT, Qt.Orientation.Horizontal) == "Due to reach out"
