"""The stage's coloured dot beside its name in the contacts table."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QApplication


def stage_dot(color: str, ring: str | None = None) -> QIcon:
    """A round dot in the stage's colour (an icon, so painting needs no Python delegate).

    Qt quirk: a style draws an icon's Selected mode tinted with the highlight colour, which
    hides a dot of a similar colour on a selected row; the Selected pixmap is given here
    instead, the same dot ringed in the highlighted-text colour (`ring`, by default the
    palette's) so it stands out.
    """
    if ring is None:
        ring = QApplication.palette().color(QPalette.ColorRole.HighlightedText).name()
    return _stage_icon(color, ring)


@cache
def _stage_icon(color: str, ring: str) -> QIcon:
    icon = QIcon(_dot_pixmap(color, None))
    icon.addPixmap(_dot_pixmap(color, QColor(ring)), QIcon.Mode.Selected)
    return icon


def _dot_pixmap(color: str, ring: QColor | None) -> QPixmap:
    screen = QGuiApplication.primaryScreen()
    ratio = screen.devicePixelRatio() if screen else 1.0
    size = 10
    pixmap = QPixmap(int(size * ratio), int(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if ring is None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(color))
        painter.drawEllipse(1, 1, size - 2, size - 2)
    else:
        painter.setPen(QPen(ring, 1.2))
        painter.setBrush(QColor(color))
        painter.drawEllipse(QRectF(0.6, 0.6, size - 1.2, size - 1.2))
    painter.end()
    return pixmap
