"""Every icon of the app, made by qtawesome after the QApplication exists.

qtawesome and qtpy take about 0.2 s of CPU to import and set up, so the window's first
frame does without them: the few icons it paints were drawn by qtawesome beforehand and
ship as PNGs (`resources/icons/first_frame`, made by `scripts/make_first_frame_icons.py`;
a test holds them equal to what qtawesome draws now). Any other icon, size or mode is
drawn by qtawesome when first painted.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

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


# What the first frame paints: the Contacts entry of the navigation (selected), the
# search field's icon and the New contact button; at 1× and 2× device pixels.
FIRST_FRAME = ("contacts", "search", "add")
FIRST_FRAME_SIZES = (16, 20, 32, 40)
FIRST_FRAME_MODES = (QIcon.Mode.Normal, QIcon.Mode.Selected)
SHIPPED = ("icons", "first_frame")
LIGHT, DARK = "#374151", "#e5e7eb"


def shipped_name(name: str, dark: bool, key: tuple[int, int, int, int]) -> str:
    """The file name of a pre-drawn icon: name, palette, size in device pixels, mode, state."""
    width, height, mode, state = key
    return f"{name}-{'dark' if dark else 'light'}-{width}x{height}-{mode}-{state}.png"


@cache
def _shipped_files() -> frozenset[str]:
    folder = resources.files("resources").joinpath(*SHIPPED)
    return frozenset(p.name for p in folder.iterdir()) if folder.is_dir() else frozenset()


def _shipped(name: str, dark: bool, key: tuple[int, int, int, int]) -> QPixmap | None:
    file_name = shipped_name(name, dark, key)
    if file_name not in _shipped_files():
        return None
    pixmap = QPixmap(str(resources.files("resources").joinpath(*SHIPPED, file_name)))
    return None if pixmap.isNull() else pixmap


def _key(size: QSize, mode: QIcon.Mode, state: QIcon.State) -> tuple[int, int, int, int]:
    return (size.width(), size.height(), mode.value, state.value)


@cache
def drawn(name: str, dark: bool) -> Any:
    """qtawesome's icon for `name` (imported here, on the first icon not shipped)."""
    import qtawesome

    return qtawesome.icon(ICONS[name], color=DARK if dark else LIGHT)


class _KeptIconEngine(QIconEngine):
    """Draws each size, mode and state of an icon once and blits it from then on.

    qtawesome paints its glyph with Python on every paint of every icon; the navigation
    and the toolbars repaint theirs on each page switch (about 0.15 ms per icon).
    """

    def __init__(self, name: str, dark: bool, kept: dict[tuple[int, ...], QPixmap]) -> None:
        super().__init__()
        self._name = name
        self._dark = dark
        self._kept = kept  # shared with clones: they draw the same icon

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        """`size` in device pixels."""
        key = _key(size, mode, state)
        pixmap = self._kept.get(key)
        if pixmap is None:
            pixmap = _shipped(self._name, self._dark, key)
            if pixmap is None:
                pixmap = drawn(self._name, self._dark).pixmap(size, 1.0, mode, state)
            self._kept[key] = pixmap
        return pixmap

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        device = painter.device()
        ratio = device.devicePixelRatioF() if device is not None else 1.0
        painter.drawPixmap(rect, self.pixmap(rect.size() * ratio, mode, state))

    def clone(self) -> QIconEngine:
        return _KeptIconEngine(self._name, self._dark, self._kept)


@cache
def _icon(name: str, dark: bool) -> QIcon:
    return QIcon(_KeptIconEngine(name, dark, {}))


def icon(name: str) -> QIcon:
    """The icon for `name` (a key of ICONS), tinted for the current light or dark palette."""
    if name not in ICONS:
        raise KeyError(name)
    return _icon(name, is_dark())


def draw_first_frame_icons(folder: Path) -> list[Path]:
    """Draw the first frame's icons with qtawesome into `folder` (the shipped PNGs)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in FIRST_FRAME:
        for dark in (False, True):
            for size in FIRST_FRAME_SIZES:
                for mode in FIRST_FRAME_MODES:
                    state = QIcon.State.Off
                    key = _key(QSize(size, size), mode, state)
                    path = folder / shipped_name(name, dark, key)
                    drawn(name, dark).pixmap(QSize(size, size), 1.0, mode, state).save(str(path))
                    written.append(path)
    return written
