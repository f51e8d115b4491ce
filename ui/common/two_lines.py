"""How a line of a list of things to do is painted (the calendar's agenda, Today): the
style draws the selection, focus and check box; a title and a muted second line are drawn
here, the title bold and red when overdue, grey when done or cancelled."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ui.common.indexes import Index
from ui.common.palette import MUTED, OVERDUE, is_dark

# What the models of such lists tell besides the title (DisplayRole): a section heading
# row, and the second line of an item.
HEADER_ROLE = Qt.ItemDataRole.UserRole + 10
SECONDARY_ROLE = Qt.ItemDataRole.UserRole + 11
_ALIGN = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True)
class Look:
    """How an item's text is drawn: bold and red when overdue, grey when done or cancelled
    (muted), struck out when it will not happen or no longer needs doing."""

    overdue: bool
    muted: bool = False
    struck: bool = False


def draw_item_frame(
    delegate: QStyledItemDelegate, painter: QPainter, option: QStyleOptionViewItem, index: Index
) -> QStyleOptionViewItem:
    """Let the style draw what it owns of the item (selection, focus, check box) but its
    text; returns the option it drew with."""
    opt = QStyleOptionViewItem(option)
    delegate.initStyleOption(opt, index)
    opt.text = ""  # type: ignore[attr-defined]
    style = opt.widget.style() if opt.widget else None  # type: ignore[attr-defined]
    if style is not None:
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)  # type: ignore[attr-defined]
    return opt


def draw_two_lines(
    painter: QPainter, option: QStyleOptionViewItem, index: Index, box: QRect, look: Look
) -> None:
    """The item's title on the first line of `box` (its top left and width), its
    secondary text below."""
    overdue = look.overdue
    palette: QPalette = option.palette  # type: ignore[attr-defined]
    selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
    ink = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
    if overdue and not selected:
        ink = QColor(OVERDUE[is_dark()])
    elif look.muted and not selected:
        ink = QColor(MUTED[is_dark()])
    title_font = QFont(option.font)  # type: ignore[attr-defined]
    title_font.setBold(overdue)
    title_font.setStrikeOut(look.struck)
    painter.save()
    line = painter.fontMetrics().height()
    width = box.width()
    painter.setFont(title_font)
    painter.setPen(ink)
    title = painter.fontMetrics().elidedText(str(index.data()), Qt.TextElideMode.ElideRight, width)
    painter.drawText(QRect(box.left(), box.top(), width, line), _ALIGN, title)
    painter.setFont(option.font)  # type: ignore[attr-defined]
    if not selected:
        painter.setPen(ink if overdue else palette.color(QPalette.ColorRole.PlaceholderText))
    detail = str(index.data(SECONDARY_ROLE) or "")
    detail = painter.fontMetrics().elidedText(detail, Qt.TextElideMode.ElideRight, width)
    painter.drawText(QRect(box.left(), box.top() + line, width, line), _ALIGN, detail)
    painter.restore()
