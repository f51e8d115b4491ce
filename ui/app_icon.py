"""Rapport's own icon (window, taskbar, dock), read from resources/icons like any resource."""

from __future__ import annotations

from functools import cache
from importlib import resources

from PySide6.QtGui import QIcon

# The sizes packaging/make_icons.py renders; Qt picks the closest one for each use.
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


@cache
def app_icon() -> QIcon:
    """The application icon at every rendered size (needs a QGuiApplication)."""
    # Resources are plain files both from source and in the one-dir bundle. addFile only
    # reads each PNG's header now and decodes a size when it is first drawn, which keeps
    # ~6 ms of decoding off the start-up path.
    folder = resources.files("resources").joinpath("icons")
    icon = QIcon()
    for size in SIZES:
        icon.addFile(str(folder.joinpath(f"rapport-{size}.png")))
    return icon
