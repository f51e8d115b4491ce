"""A scroll bar that repaints only when its handle moves: the board's and its columns'."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QAbstractSlider, QScrollBar, QStyle, QStyleOptionSlider, QWidget


class HandleScrollBar(QScrollBar):
    """A scroll bar that repaints only when its handle moves.

    Every card added to or removed from a column changes the range; in a long column that
    moves the handle by less than a pixel, yet a plain QScrollBar repaints its whole
    length each time (about 0.8 ms, a twentieth of a frame, per column per move).
    """

    def __init__(self, orientation: Qt.Orientation, parent: QWidget | None = None) -> None:
        super().__init__(orientation, parent)
        self._handle = QRect()
        self._painted: tuple[tuple[object, ...], QPixmap] | None = None

    def _handle_rect(self) -> QRect:
        option = QStyleOptionSlider()
        self.initStyleOption(option)
        return self.style().subControlRect(
            QStyle.ComplexControl.CC_ScrollBar,
            option,
            QStyle.SubControl.SC_ScrollBarSlider,
            self,
        )

    def sliderChange(self, change: QAbstractSlider.SliderChange) -> None:
        handle = self._handle_rect()
        orientation = change == QAbstractSlider.SliderChange.SliderOrientationChange
        if handle == self._handle and not orientation:
            return  # range, page step or value changed less than a pixel's worth
        self._handle = handle
        super().sliderChange(change)

    def paintEvent(self, event: QPaintEvent) -> None:
        # A column's scroll bar is repainted with its column (focus moves, every move);
        # at rest it looks the same each time, so its image is kept and blitted. Hovered
        # or pressed, the style paints it live (the hover state is private to Qt).
        if self.underMouse() or self.isSliderDown():
            super().paintEvent(event)
            return
        option = QStyleOptionSlider()
        self.initStyleOption(option)
        option.subControls = QStyle.SubControl.SC_All
        ratio = self.devicePixelRatioF()
        key = (
            self.size(),
            self._handle_rect(),
            self.value() == self.minimum(),
            self.value() == self.maximum(),
            self.palette().cacheKey(),
            int(option.state.value),
            ratio,
        )
        if self._painted is None or self._painted[0] != key:
            pixmap = QPixmap(self.size() * ratio)
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            self.style().drawComplexControl(
                QStyle.ComplexControl.CC_ScrollBar, option, painter, self
            )
            painter.end()
            self._painted = (key, pixmap)
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._painted[1])
        painter.end()
