"""Whether the GUI has somewhere to draw, checked before Qt starts (Qt aborts without one)."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

NO_DISPLAY = "no display found (DISPLAY/WAYLAND_DISPLAY is not set)"


def missing_display(environ: Mapping[str, str] | None = None, platform: str = "") -> str | None:
    """Why the GUI cannot start here, or None when it can.

    On Linux and the BSDs, Qt picks xcb or wayland; with neither DISPLAY nor
    WAYLAND_DISPLAY set it aborts with a core dump about its xcb plugin. A platform
    chosen explicitly (QT_QPA_PLATFORM=offscreen, vnc, eglfs…) is the user's call.
    """
    env = os.environ if environ is None else environ
    system = platform or sys.platform
    if system.startswith(("win", "darwin", "cygwin")):
        return None
    if env.get("QT_QPA_PLATFORM", "").strip():
        return None
    if env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return None
    return NO_DISPLAY
