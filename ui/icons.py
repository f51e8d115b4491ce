"""Every icon of the app, made by qtawesome after the QApplication exists."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QGuiApplication, QIcon, QPalette

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
    "linkedin": "fa5b.linkedin",
    "sample": "fa5s.magic",
    "tag": "fa5s.tag",
    "duplicates": "fa5s.clone",
    "app": "fa5s.handshake",
}


def is_dark() -> bool:
    palette = QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


@cache
def _icon(qta_name: str, dark: bool) -> QIcon:
    import qtawesome  # imported late: it costs ~140 ms and is not needed before first paint

    color = "#e5e7eb" if dark else "#374151"
    return qtawesome.icon(qta_name, color=color)


def icon(name: str) -> QIcon:
    """The icon for `name` (a key of ICONS), tinted for the current light or dark palette."""
    return _icon(ICONS[name], is_dark())
