"""The header of a stage column: name, colour and count; dragged to reorder the stages."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QDrag,
    QFont,
    QFontMetrics,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPixmap,
)
from PySide6.QtWidgets import QApplication, QWidget

from crm.pipeline.stages import StageRow
from ui.common.moving import packed
from ui.pipeline.card_style import mix

STAGE_MIME = "application/x-rapport-stage-id"
COLUMN_WIDTH = 272


class StageHeader(QWidget):
    """Stage name, colour and card count; drag it to reorder the stages."""

    editRequested = Signal()

    def __init__(self, stage: StageRow) -> None:
        super().__init__()
        self.stage = stage
        self.count = 0
        self._press: QPoint | None = None
        self._image: tuple[tuple[object, ...], QPixmap] | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.setToolTip("Drag to reorder stages · double-click to edit")
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def sizeHint(self) -> QSize:
        return QSize(COLUMN_WIDTH, QFontMetrics(self.font()).height() + 22)

    def set_count(self, count: int) -> None:
        if count != self.count:
            self.count = count
            self.update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._image = None
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        # Kept as an image: every show of the board and every focus change of a column
        # repaints the header, which looks the same until its count or stage changes.
        ratio = self.devicePixelRatioF()
        key = (self.size(), self.count, self.stage, self.palette().cacheKey(), ratio)
        if self._image is None or self._image[0] != key:
            image = QPixmap(self.size() * ratio)
            image.setDevicePixelRatio(ratio)
            # Opaque, on the column's colour, so the column need not paint behind it.
            image.fill(self.palette().color(QPalette.ColorRole.AlternateBase))
            painter = QPainter(image)
            self._paint_header(painter)
            painter.end()
            self._image = (key, image)
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._image[1])
        painter.end()

    def _paint_header(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        rect = self.rect().adjusted(8, 4, -8, -4)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(self.stage.color))
        painter.drawRoundedRect(rect.left(), rect.top(), rect.width(), 4, 2, 2)
        body = rect.adjusted(0, 6, 0, 0)
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.9))
        count = f"{self.count:,}"
        pill_w = QFontMetrics(small).horizontalAdvance(count) + 14
        pill_h = QFontMetrics(small).height() + 2
        pill = QRect(body.right() - pill_w, body.center().y() - pill_h // 2, pill_w, pill_h)
        painter.setBrush(mix(palette.color(QPalette.ColorRole.Window), text, 0.12))
        painter.drawRoundedRect(pill, pill_h / 2, pill_h / 2)
        painter.setFont(small)
        painter.setPen(text)
        painter.drawText(pill, int(Qt.AlignmentFlag.AlignCenter), count)
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        name = self.stage.name
        room = body.width() - pill_w - 8
        if self.stage.is_closed:
            marker = "  closed"
            room -= QFontMetrics(small).horizontalAdvance(marker)
        name = QFontMetrics(bold).elidedText(name, Qt.TextElideMode.ElideRight, room)
        name_rect = QRect(body.left(), body.top(), room, body.height())
        painter.drawText(name_rect, int(Qt.AlignmentFlag.AlignVCenter), name)
        if self.stage.is_closed:
            used = QFontMetrics(bold).horizontalAdvance(name)
            painter.setFont(small)
            painter.setPen(mix(text, palette.color(QPalette.ColorRole.Window), 0.45))
            marker_rect = QRect(body.left() + used, body.top(), body.width(), body.height())
            painter.drawText(marker_rect, int(Qt.AlignmentFlag.AlignVCenter), "  closed")

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._press = None
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self._press = None
        self.editRequested.emit()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is None:
            return
        distance = (event.position().toPoint() - self._press).manhattanLength()
        if distance < QApplication.startDragDistance():
            return
        self._press = None
        column = self.parentWidget()
        drag = QDrag(self)
        drag.setMimeData(packed(STAGE_MIME, [self.stage.id]))
        if column is not None:
            pixmap: QPixmap = column.grab()
            drag.setPixmap(pixmap.scaledToWidth(pixmap.width() // 2))
            drag.setHotSpot(QPoint(pixmap.width() // 4, 10))
        drag.exec(Qt.DropAction.MoveAction)
