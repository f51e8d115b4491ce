"""Draw the icons the window's first frame paints, with qtawesome, into resources/icons.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/make_first_frame_icons.py

The window paints its first frame from these PNGs, so qtawesome is imported only after
it. Run this again after changing an icon of ui.icons.FIRST_FRAME (or its colours), or
after upgrading qtawesome; a test fails until the PNGs match what qtawesome draws.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ui.app import ensure_app
from ui.icons import SHIPPED, draw_first_frame_icons

REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    ensure_app()
    folder = REPO / "resources" / Path(*SHIPPED)
    shutil.rmtree(folder, ignore_errors=True)
    written = draw_first_frame_icons(folder)
    print(f"{len(written)} icons in {folder.relative_to(REPO)}")


if __name__ == "__main__":
    main()
