"""How calendar entries look: colours for light and dark palettes, and painting one chip."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette

from crm.calendar.agenda import Entry
from ui.common.palette import MUTED, OVERDUE, is_dark


@dataclass(frozen=True)
class ChipColors:
    fill: QColor
    border: QColor
    text: QColor


_MEETING = {
    # status: (light fill, light border, light text, dark fill, dark border, dark text)
    "planned": ("#dbeafe", "#3b82f6", "#1e3a8a", "#1e3a5f", "#60a5fa", "#e0ecff"),
    "done": ("#dcfce7", "#22c55e", "#14532d", "#173d2a", "#4ade80", "#dcfce7"),
    "cancelled": ("#f3f4f6", "#9ca3af", "#6b7280", "#2b2f36", "#6b7280", "#9ca3af"),
}


def chip_colors(entry: Entry, palette: QPalette) -> ChipColors:
    dark = is_dark()
    if entry.is_meeting:
        values = _MEETING.get(entry.status, _MEETING["planned"])
        fill, border, text = values[3:] if dark else values[:3]
        return ChipColors(QColor(fill), QColor(border), QColor(text))
    if entry.status == "done":
        ink = QColor(MUTED[dark])
    elif entry.overdue:
        ink = QColor(OVERDUE[dark])
    else:
        ink = palette.color(QPalette.ColorRole.Text)
    return ChipColors(QColor(Qt.GlobalColor.transparent), ink, ink)


def follow_up_label(entry: Entry) -> str:
    mark = "✓" if entry.status == "done" else ("!" if entry.overdue else "•")
    return f"{mark} {entry.title} ({entry.people})" if entry.people else f"{mark} {entry.title}"


def chip_font(entry: Entry, base: QFont) -> QFont:
    """The font an entry's text is painted in (struck through when done or cancelled)."""
    font = QFont(base)
    # Cancelled meetings and done follow-ups are struck through; done meetings stay readable.
    font.setStrikeOut(
        entry.status == "cancelled" or (entry.status == "done" and not entry.is_meeting)
    )
    if entry.overdue:
        font.setBold(True)
    return font


def chip_text_width(entry: Entry, width: int) -> int:
    """The room a chip `width` wide leaves its text (a meeting has a coloured edge)."""
    return width - (9 if entry.is_meeting else 6)


def wrapped(text: str, metrics: QFontMetrics, width: int, most: int) -> list[str]:
    """`text` broken at spaces into at most `most` lines of `width`; what does not fit in
    them is elided at the end of the last ("…")."""
    words = text.split(" ")
    lines: list[str] = []
    while words and len(lines) < most - 1:
        line = words.pop(0)
        while words and metrics.horizontalAdvance(f"{line} {words[0]}") <= width:
            line = f"{line} {words.pop(0)}"
        if metrics.horizontalAdvance(line) > width:  # one word too long: it ends the chip
            words.insert(0, line)
            break
        lines.append(line)
    if words:
        lines.append(metrics.elidedText(" ".join(words), Qt.TextElideMode.ElideRight, width))
    return lines


def paint_chip(
    painter: QPainter,
    rect: QRect,
    entry: Entry,
    text: str,
    palette: QPalette,
    *,
    selected: bool = False,
    secondary: str = "",
    wrap: bool = False,
) -> None:
    """A meeting as a rounded coloured block, a follow-up as a line of text (`wrap`: on
    as many lines as the rect holds)."""
    colors = chip_colors(entry, palette)
    painter.save()
    if entry.is_meeting:
        painter.setPen(
            colors.border if not selected else palette.color(QPalette.ColorRole.Highlight)
        )
        painter.setBrush(colors.fill)
        painter.drawRoundedRect(QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)
        painter.fillRect(QRect(rect.left(), rect.top() + 1, 3, rect.height() - 2), colors.border)
    elif selected:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(
            palette.color(QPalette.ColorRole.Highlight).lighter(170 if not is_dark() else 60)
        )
        painter.drawRoundedRect(QRectF(rect), 3, 3)
    font = chip_font(entry, painter.font())
    painter.setFont(font)
    painter.setPen(colors.text)
    inner = rect.adjusted(6 if entry.is_meeting else 3, 1, -3, -1)
    metrics = painter.fontMetrics()
    line = metrics.height()
    first = QRect(inner.left(), inner.top(), inner.width(), min(line, inner.height()))
    flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    if wrap and inner.height() >= 2 * line:
        most = max(1, (inner.height() + 2) // line)
        for n, part in enumerate(wrapped(text, metrics, inner.width(), most)):
            painter.drawText(first.translated(0, n * line), flags, part)
        painter.restore()
        return
    painter.drawText(
        first, flags, metrics.elidedText(text, Qt.TextElideMode.ElideRight, inner.width())
    )
    if secondary and inner.height() >= 2 * line:
        font.setBold(False)
        font.setStrikeOut(False)
        font.setPointSizeF(max(7.0, font.pointSizeF() - 1))
        painter.setFont(font)
        second = QRect(inner.left(), inner.top() + line, inner.width(), inner.height() - line)
        metrics = painter.fontMetrics()
        elided = metrics.elidedText(secondary, Qt.TextElideMode.ElideRight, inner.width())
        painter.drawText(second, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, elided)
    painter.restore()
