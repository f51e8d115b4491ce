"""A line edit that, while not being edited, shows a value too long for it elided ("…")."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QLineEdit, QStyle, QStyleOptionFrame, QWidget

# QLineEdit keeps its text this far from the frame's contents (qlineedit_p.h).
_MARGIN = 2


class ElidedLineEdit(QLineEdit):
    """Shows "marcus.johnson@northwind-analy…" instead of cutting the value off mid-letter.

    While focused it is a plain line edit (the whole text scrolls as usual); the tooltip,
    set by its owner, gives the whole value.
    """

    def elided(self) -> bool:
        """Whether the text is shown shortened now."""
        return not self.hasFocus() and self._shown_text() != self.text()

    def _text_rect(self) -> QRect:
        option = QStyleOptionFrame()
        self.initStyleOption(option)
        rect = self.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, self)
        margins = self.textMargins()
        rect = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        # The actions' icons (open, warning) are child widgets over the ends of the field.
        for child in self.children():
            if isinstance(child, QWidget) and child.isVisible() and not child.isWindow():
                geometry = child.geometry()
                if geometry.center().x() < rect.center().x():
                    rect.setLeft(max(rect.left(), geometry.right() + 1))
                else:
                    rect.setRight(min(rect.right(), geometry.left() - 1))
        return rect.adjusted(_MARGIN, 0, -_MARGIN, 0)

    def _shown_text(self) -> str:
        width = self._text_rect().width()
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, width)

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.elided():
            super().paintEvent(event)
            return
        painter = QPainter(self)
        option = QStyleOptionFrame()
        self.initStyleOption(option)
        self.style().drawPrimitive(QStyle.PrimitiveElement.PE_PanelLineEdit, option, painter, self)
        painter.setPen(self.palette().color(QPalette.ColorRole.Text))
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(self._text_rect(), align, self._shown_text())
        painter.end()
