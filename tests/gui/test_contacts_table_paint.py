"""How the contacts table paints: the stage dot stays visible on a selected row."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from crm.changes import EVERYTHING
from crm.contacts.service import ContactFields, create_contact, get_contact
from crm.pipeline.stages import list_stages
from ui.contacts.cells import STAGE
from ui.main_window import MainWindow


def _has_colour(image: QImage, x0: int, y0: int, width: int, height: int, color: QColor) -> bool:
    for y in range(y0, y0 + height):
        for x in range(x0, x0 + width):
            pixel = image.pixelColor(x, y)
            if (
                abs(pixel.red() - color.red())
                + abs(pixel.green() - color.green())
                + abs(pixel.blue() - color.blue())
                < 12
            ):
                return True
    return False


def test_stage_dot_keeps_its_colour_on_a_selected_row(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    db = main_window.ctx.db
    for first in ("Anna", "Ben"):
        create_contact(db, ContactFields(first_name=first, last_name="Lee"))
    main_window.ctx.hub.apply(EVERYTHING)
    stage_name = get_contact(db, 1).stage_name
    color = QColor(next(s.color for s in list_stages(db) if s.name == stage_name))
    main_window.resize(1280, 800)
    main_window.show()
    qtbot.waitExposed(main_window)
    view = main_window.findChild(QTableView, "contactsView")
    assert view is not None
    view.setFocus()
    qtbot.mouseClick(
        view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=view.visualRect(view.model().index(0, 1)).center(),
    )
    assert view.selectionModel().isRowSelected(0)
    image = view.viewport().grab().toImage()
    for row in (0, 1):  # selected and not
        cell = view.visualRect(view.model().index(row, STAGE))
        assert _has_colour(image, cell.x(), cell.y(), 24, cell.height(), color), row
