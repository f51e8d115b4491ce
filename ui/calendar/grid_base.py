"""What the month and week views share: selection, activation, dragging and dropping entries."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QEvent, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QDrag,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QHelpEvent,
    QMouseEvent,
)
from PySide6.QtWidgets import QApplication, QToolTip, QWidget

from crm.calendar.agenda import Entry
from ui.calendar.models import CalendarGridModel


class GridView(QWidget):
    """A painted calendar grid over a CalendarGridModel.

    Subclasses lay out cells and chips (`cell_at`, `entry_at`, `start_at`); this class turns
    mouse and drag events into selection, activation and model drops.
    """

    entryActivated = Signal(str, int)  # kind, id: double-click or Enter on an entry
    # A local datetime (double-click on empty space), or a date: that day's first free slot.
    newMeetingRequested = Signal(object)
    selectionChanged = Signal()
    menuRequested = Signal(QPoint)  # global position; the page builds the menu

    def __init__(self, model: CalendarGridModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.selected: tuple[str, int] | None = None
        self.current_day: date = model.today()
        self.drop_cell: tuple[int, int] | None = None
        self._press: tuple[QPoint, QModelIndex] | None = None
        self.setAcceptDrops(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        model.modelReset.connect(self._model_reset)

    # -- layout, defined by subclasses ---------------------------------------------------

    def cell_at(self, pos: QPoint) -> tuple[int, int] | None:
        return None

    def entry_at(self, pos: QPoint) -> QModelIndex:
        return QModelIndex()

    def start_at(self, pos: QPoint) -> datetime | date | None:
        """The local start a new meeting gets when created by double-clicking at `pos`
        (a date: the first free slot of that day)."""
        return None

    # -- selection -----------------------------------------------------------------------

    def selected_entry(self) -> Entry | None:
        if self.selected is None:
            return None
        return self.model.entry(self.model.entry_index(*self.selected))

    def select(self, kind: str | None, entry_id: int = 0) -> None:
        self.selected = (kind, entry_id) if kind else None
        self.selectionChanged.emit()
        self.update()

    def _model_reset(self) -> None:
        if self.selected is not None and not self.model.entry_index(*self.selected).isValid():
            self.selected = None
            self.selectionChanged.emit()
        self.update()

    def _select_at(self, pos: QPoint) -> QModelIndex:
        index = self.entry_at(pos)
        cell = self.cell_at(pos)
        if cell is not None:
            self.current_day = self.model.day_of(*cell)
        entry = self.model.entry(index)
        self.select(entry.kind if entry else None, entry.id if entry else 0)
        return index

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            index = self.entry_at(event.pos())
            tip = index.data(Qt.ItemDataRole.ToolTipRole) if index.isValid() else None
            if tip:  # escaped by the model: user text is never read as markup
                QToolTip.showText(event.globalPos(), str(tip), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    # -- mouse ---------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        pos = event.position().toPoint()
        index = self._select_at(pos)
        if event.button() == Qt.MouseButton.LeftButton and index.isValid():
            self._press = (pos, index)
        else:
            self._press = None
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is not None and event.buttons() & Qt.MouseButton.LeftButton:
            start, index = self._press
            distance = (event.position().toPoint() - start).manhattanLength()
            if distance >= QApplication.startDragDistance():
                self._press = None
                self.start_drag(index)
                return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._press = None
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        entry = self.model.entry(self._select_at(pos))
        if entry is not None:
            self.entryActivated.emit(entry.kind, entry.id)
            return
        start = self.start_at(pos)
        if start is not None:
            self.newMeetingRequested.emit(start)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        self._select_at(event.pos())
        self.menuRequested.emit(event.globalPos())

    # -- drag and drop -------------------------------------------------------------------

    def start_drag(self, index: QModelIndex) -> None:
        if not self.model.flags(index) & Qt.ItemFlag.ItemIsDragEnabled:
            return
        drag = QDrag(self)
        drag.setMimeData(self.model.mimeData([index]))
        drag.exec(Qt.DropAction.MoveAction)

    def _drop_target(self, event: QDropEvent | QDragMoveEvent) -> QModelIndex:
        cell = self.cell_at(event.position().toPoint())
        if cell is None:
            return QModelIndex()
        return self.model.index(*cell)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(self.model.mimeTypes()[0]):
            event.setDropAction(Qt.DropAction.MoveAction)
            event.accept()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        target = self._drop_target(event)
        action = Qt.DropAction.MoveAction
        if target.isValid() and self.model.canDropMimeData(
            event.mimeData(), action, -1, -1, target
        ):
            event.setDropAction(action)
            event.accept()
            self.drop_cell = (target.row(), target.column())
        else:
            event.ignore()
            self.drop_cell = None
        self.update()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self.drop_cell = None
        self.update()

    def dropEvent(self, event: QDropEvent) -> None:
        target = self._drop_target(event)
        self.drop_cell = None
        action = Qt.DropAction.MoveAction
        if target.isValid() and self.model.dropMimeData(event.mimeData(), action, -1, -1, target):
            event.setDropAction(action)
            event.accept()
        else:
            event.ignore()
        self.update()
