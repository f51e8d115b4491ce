"""How a Today line looks: headings in bold, items on two lines with a bar of their kind's
colour; overdue ones in red. Colours for light and dark palettes."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from crm.today.day import FOLLOW_UP, GOAL, KEEP_IN_TOUCH, MEETING, NOT_NOW, NUDGE
from crm.today.jobs_day import DEADLINE, INTERVIEW
from ui.common.indexes import Index
from ui.common.two_lines import HEADER_ROLE, Look, draw_item_frame, draw_two_lines
from ui.icons import is_dark
from ui.today.model import KIND_ROLE, OVERDUE_ROLE

# kind: (light, dark)
KIND_COLORS = {
    FOLLOW_UP: ("#d97706", "#fbbf24"),
    MEETING: ("#3b82f6", "#60a5fa"),
    KEEP_IN_TOUCH: ("#0d9488", "#2dd4bf"),
    NUDGE: ("#7c3aed", "#a78bfa"),
    NOT_NOW: ("#6b7280", "#9ca3af"),
    DEADLINE: ("#db2777", "#f472b6"),
    INTERVIEW: ("#db2777", "#f472b6"),
    GOAL: ("#059669", "#34d399"),
}


class TodayDelegate(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        # One height for headings and items, so the view lays out a thousand lines without
        # asking each (uniform item sizes); a heading sits at the bottom of its row.
        line = option.fontMetrics.height()  # type: ignore[attr-defined]
        return QSize(200, 2 * line + 14)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        rect: QRect = option.rect  # type: ignore[attr-defined]
        palette: QPalette = option.palette  # type: ignore[attr-defined]
        dark = is_dark()
        painter.save()
        if index.data(HEADER_ROLE):
            font = QFont(option.font)  # type: ignore[attr-defined]
            font.setBold(True)
            painter.setFont(font)
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                rect.adjusted(10, 0, -8, -6),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                str(index.data()),
            )
            painter.restore()
            return
        draw_item_frame(self, painter, option, index)
        colors = KIND_COLORS.get(str(index.data(KIND_ROLE)), KIND_COLORS[FOLLOW_UP])
        painter.fillRect(
            QRect(rect.left() + 4, rect.top() + 6, 4, rect.height() - 12), QColor(colors[dark])
        )
        box = QRect(rect.left() + 18, rect.top() + 6, rect.width() - 26, 0)
        draw_two_lines(painter, option, index, box, Look(overdue=bool(index.data(OVERDUE_ROLE))))
        painter.restore()
