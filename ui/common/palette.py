"""Whether the colours in use are a dark theme, so painted parts pick readable colours."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication, QPalette

# (light, dark): what is overdue, and what is done or cancelled
OVERDUE = ("#b91c1c", "#f87171")
MUTED = ("#6b7280", "#9ca3af")


def is_dark(palette: QPalette | None = None) -> bool:
    """True when `palette` (by default the application's) has dark backgrounds."""
    colors = palette if palette is not None else QGuiApplication.palette()
    return colors.color(QPalette.ColorRole.Window).lightness() < 128
