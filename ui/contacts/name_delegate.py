"""The name cell of the contacts table: the name, then what a search found, faded.

A contact listed because its notes or emails matched says so beside its name
("Marcus Brown   notes: …met Anna Lee at…"), so a search never lists someone without a
hint why. Only rows with such a hint cost any Python at paint time.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ui.common.indexes import Index
from ui.contacts.cells import HINT_ROLE

GAP = 10  # pixels between the name and the hint


def split(name: str, hint: str, width: int, metrics: QFontMetrics) -> int:
    """How much of a name cell `width` wide the name takes; the hint gets the rest.

    The name keeps its room and the hint takes what is left, elided; in a column too narrow
    for both, the name gives way (down to half) so that at least where the search found it
    shows ("notes: …"), read whole in the tooltip.
    """
    name_width = min(metrics.horizontalAdvance(name) + 2, width)
    least = metrics.horizontalAdvance(hint.split(":", 1)[0] + ": …")
    if width - name_width - GAP < least:
        name_width = max(width - GAP - least, width // 2)
    return name_width


class NameDelegate(QStyledItemDelegate):
    """Paints the name as usual and the search hint after it in the placeholder colour."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        hint = index.data(HINT_ROLE)
        if not hint:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        name = opt.text
        metrics = opt.fontMetrics
        style = opt.widget.style() if opt.widget is not None else None
        if style is None:
            super().paint(painter, option, index)
            return
        text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, opt.widget)
        # The same inner margin as the style's own item text, so names line up.
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, opt.widget) + 1
        text_rect = text_rect.adjusted(margin, 0, -margin, 0)
        name_width = split(name, hint, text_rect.width(), metrics)
        opt.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorGroup.Normal
        name_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setFont(opt.font)
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        name_rect = text_rect.adjusted(0, 0, -(text_rect.width() - name_width), 0)
        painter.setPen(opt.palette.color(group, name_role))
        painter.drawText(name_rect, align, metrics.elidedText(name, opt.textElideMode, name_width))
        room = text_rect.width() - name_width - GAP
        if room > metrics.horizontalAdvance("…") * 3:
            hint_rect = text_rect.adjusted(name_width + GAP, 0, 0, 0)
            faded = opt.palette.color(group, QPalette.ColorRole.PlaceholderText)
            if selected:
                faded = opt.palette.color(group, QPalette.ColorRole.HighlightedText)
                faded.setAlphaF(0.7)
            painter.setPen(faded)
            elided = metrics.elidedText(hint, Qt.TextElideMode.ElideRight, room)
            painter.drawText(hint_rect, align, elided)
        painter.restore()
