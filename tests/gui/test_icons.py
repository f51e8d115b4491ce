"""The app's icons: drawn once per size and looking exactly as qtawesome draws them."""

from __future__ import annotations

from pathlib import Path

import qtawesome
from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon, QImage, QPainter, QPixmap
from pytestqt.qtbot import QtBot

from ui.icons import (
    DARK,
    FIRST_FRAME,
    FIRST_FRAME_MODES,
    FIRST_FRAME_SIZES,
    ICONS,
    LIGHT,
    SHIPPED,
    _icon,
    icon,
    shipped_name,
)

SHIPPED_FOLDER = Path(__file__).resolve().parents[2] / "resources" / Path(*SHIPPED)


def as_image(pixmap: QPixmap) -> QImage:
    return pixmap.toImage().convertToFormat(QImage.Format.Format_ARGB32)


def painted(source: QIcon, size: int, ratio: float, mode: QIcon.Mode) -> QImage:
    """What a widget gets when the icon paints itself into a square of `size`."""
    target = QPixmap(round(size * ratio), round(size * ratio))
    target.setDevicePixelRatio(ratio)
    target.fill()
    painter = QPainter(target)
    source.paint(painter, 0, 0, size, size, mode=mode)
    painter.end()
    return as_image(target)


def test_icons_look_like_qtawesome_in_every_mode_size_and_ratio(qtbot: QtBot) -> None:
    original = qtawesome.icon(ICONS["pipeline"], color="#374151")
    kept = icon("pipeline")
    for size in (16, 20, 32):
        for mode in (QIcon.Mode.Normal, QIcon.Mode.Disabled):
            assert painted(kept, size, 1.0, mode) == painted(original, size, 1.0, mode)
            # On a high-density screen the glyph is drawn at the device's resolution.
            sharp = original.pixmap(QSize(size * 2, size * 2), 1.0, mode)
            sharp_image = as_image(sharp)
            on_white = QImage(sharp_image.size(), QImage.Format.Format_ARGB32)
            on_white.fill(0xFFFFFFFF)
            painter = QPainter(on_white)
            painter.drawImage(0, 0, sharp_image)
            painter.end()
            doubled = painted(kept, size, 2.0, mode)
            doubled.setDevicePixelRatio(1.0)
            assert doubled == on_white
        asked = QSize(size, size)
        assert as_image(kept.pixmap(asked)) == as_image(original.pixmap(asked))
    normal = painted(kept, 20, 1.0, QIcon.Mode.Normal)
    assert painted(kept, 20, 1.0, QIcon.Mode.Disabled) != normal
    assert painted(icon("calendar"), 20, 1.0, QIcon.Mode.Normal) != normal


def test_the_first_frames_shipped_icons_are_what_qtawesome_draws_now(qtbot: QtBot) -> None:
    """The window paints these from PNGs without importing qtawesome; they must not drift
    (scripts/make_first_frame_icons.py draws them again)."""
    for name in FIRST_FRAME:
        for dark, color in ((False, LIGHT), (True, DARK)):
            original = qtawesome.icon(ICONS[name], color=color)
            kept = _icon(name, dark)
            for size in FIRST_FRAME_SIZES:
                for mode in FIRST_FRAME_MODES:
                    asked = QSize(size, size)
                    shipped = QPixmap(
                        str(SHIPPED_FOLDER / shipped_name(name, dark, (size, size, mode.value, 1)))
                    )
                    assert not shipped.isNull()
                    drawn = as_image(original.pixmap(asked, 1.0, mode))
                    assert as_image(shipped) == drawn
                    assert as_image(kept.pixmap(asked, mode)) == drawn
