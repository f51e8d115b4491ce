"""How a card looks apart from its layout: colour mixing, tag-chip colours, short dates."""

from __future__ import annotations

import zlib

from PySide6.QtGui import QColor

OVERDUE_LIGHT, OVERDUE_DARK = QColor("#c81e1e"), QColor("#f87171")


def mix(a: QColor, b: QColor, amount: float) -> QColor:
    """`a` moved `amount` (0..1) of the way towards `b`."""
    return QColor(
        round(a.red() + (b.red() - a.red()) * amount),
        round(a.green() + (b.green() - a.green()) * amount),
        round(a.blue() + (b.blue() - a.blue()) * amount),
    )


def chip_colors(tag: str, dark: bool) -> tuple[QColor, QColor]:
    """(background, text) of a tag chip: a stable hue per tag name, readable in both themes."""
    hue = zlib.crc32(tag.lower().encode()) % 360
    if dark:
        return QColor.fromHsl(hue, 70, 62), QColor.fromHsl(hue, 160, 215)
    return QColor.fromHsl(hue, 150, 228), QColor.fromHsl(hue, 170, 62)
