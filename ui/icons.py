"""Every icon of the app, made by qtawesome after the QApplication exists."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QIcon, QIconEngine, QPainter, QPixmap

from ui.common.palette import is_dark

# Names are the app's own; values are qtawesome icon names, so a swap happens in one place.
ICONS = {
    "contacts": "fa5s.address-book",
    "pipeline": "fa5s.columns",
    "calendar": "fa5s.calendar-alt",
    "companies": "fa5s.building",
    "advice": "fa5s.lightbulb",
    "add": "fa5s.user-plus",
    "delete": "fa5s.trash-alt",
    "undo": "fa5s.undo",
    "redo": "fa5s.redo",
    "search": "fa5s.search",
    "import": "fa5s.file-import",
    "export": "fa5s.file-export",
    "backup": "fa5s.save",
    "restore": "fa5s.history",
    "note": "fa5s.sticky-note",
    "email": "fa5s.envelope",
    "call": "fa5s.phone",
    "message": "fa5s.comment",
    "meeting": "fa5s.handshake",
    "stage": "fa5s.exchange-alt",
    "answers": "fa5s.clipboard-check",
    "import-entry": "fa5s.file-import",
    "follow-up": "fa5s.bell",
    "print": "fa5s.print",
    "pdf": "fa5s.file-pdf",
    "prepare": "fa5s.clipboard-list",
    "add-question": "fa5s.plus",
    "up": "fa5s.arrow-up",
    "down": "fa5s.arrow-down",
    "retire": "fa5s.archive",
    "edit": "fa5s.pen",
    "merge": "fa5s.compress-arrows-alt",
    "rename": "fa5s.i-cursor",
    "link": "fa5s.link",
    "open-link": "fa5s.external-link-alt",
    "warning": "fa5s.exclamation-triangle",
    "linkedin": "fa5b.linkedin",
    "sample": "fa5s.magic",
    "tag": "fa5s.tag",
    "duplicates": "fa5s.clone",
    "app": "fa5s.handshake",
    "quit": "fa5s.sign-out-alt",
    "help": "fa5s.question-circle",
    "keyboard": "fa5s.keyboard",
    "folder": "fa5s.folder-open",
    "about": "fa5s.info-circle",
    "new-company": "fa5s.plus",
    "archive": "fa5s.archive",
    "sync": "fa5s.sync-alt",
    "today": "fa5s.sun",
    "dashboard": "fa5s.chart-bar",
    "followup": "fa5s.bell-slash",  # a follow-up that closed itself, in the history
}


class _KeptIconEngine(QIconEngine):
    """Draws each size, mode and state of an icon once and blits it from then on.

    qtawesome paints its glyph with Python on every paint of every icon; the navigation
    and the toolbars repaint theirs on each page switch (about 0.15 ms per icon).
    """

    def __init__(self, source: QIcon, kept: dict[tuple[int, ...], QPixmap]) -> None:
        super().__init__()
        self._source = source
        self._kept = kept  # shared with clones: they draw the same icon

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        """`size` in device pixels."""
        key = (size.width(), size.height(), mode.value, state.value)
        pixmap = self._kept.get(key)
        if pixmap is None:
            pixmap = self._source.pixmap(size, 1.0, mode, state)
            self._kept[key] = pixmap
        return pixmap

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        device = painter.device()
        ratio = device.devicePixelRatioF() if device is not None else 1.0
        painter.drawPixmap(rect, self.pixmap(rect.size() * ratio, mode, state))

    def clone(self) -> QIconEngine:
        return _KeptIconEngine(self._source, self._kept)


@cache
def _icon(qta_name: str, dark: bool) -> QIcon:
    import qtawesome  # imported late: it costs ~140 ms and is not needed before first paint

    color = "#e5e7eb" if dark else "#374151"
    return QIcon(_KeptIconEngine(qtawesome.icon(qta_name, color=color), {}))


def icon(name: str) -> QIcon:
    """The icon for `name` (a key of ICONS), tinted for the current light or dark palette."""
    return _icon(ICONS[name], is_dark())
