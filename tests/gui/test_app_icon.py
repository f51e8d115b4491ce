"""The application icon: shown by the window, and its committed PNG, ICO and ICNS files intact."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from PySide6.QtCore import QSize
from PySide6.QtGui import QImageReader

from tests.conftest import REPO
from ui.app_icon import SIZES, app_icon
from ui.main_window import MainWindow

ICONS = REPO / "resources" / "icons"


def make_icons() -> ModuleType:
    path = REPO / "packaging" / "make_icons.py"
    spec = importlib.util.spec_from_file_location("make_icons", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def frame_sizes(path: Path) -> list[QSize]:
    reader = QImageReader(str(path))
    sizes = []
    for index in range(reader.imageCount()):
        reader.jumpToImage(index)
        image = reader.read()
        assert not image.isNull(), f"{path.name} frame {index}: {reader.errorString()}"
        sizes.append(image.size())
    return sizes


def test_main_window_shows_the_rapport_icon(main_window: MainWindow) -> None:
    icon = main_window.windowIcon()
    assert icon.cacheKey() == app_icon().cacheKey()
    assert [s.width() for s in icon.availableSizes()] == list(SIZES)
    # The tile's teal corner, not an icon font glyph on a transparent background.
    pixel = icon.pixmap(QSize(64, 64)).toImage().pixelColor(14, 14)
    assert pixel.alpha() == 255 and pixel.green() > pixel.red()


def test_png_sizes_are_what_their_names_say() -> None:
    for size in SIZES:
        assert frame_sizes(ICONS / f"rapport-{size}.png") == [QSize(size, size)]


def test_ico_holds_the_committed_pngs() -> None:
    module = make_icons()
    ico = ICONS / "rapport.ico"
    pngs = {size: (ICONS / f"rapport-{size}.png").read_bytes() for size in module.ICO_SIZES}
    assert ico.read_bytes() == module.ico_bytes(pngs)
    assert frame_sizes(ico) == [QSize(s, s) for s in module.ICO_SIZES]


def test_icns_starts_with_its_length_and_decodes() -> None:
    icns = (ICONS / "rapport.icns").read_bytes()
    assert icns[:4] == b"icns"
    assert int.from_bytes(icns[4:8], "big") == len(icns)
    sizes = {size.width() for size in frame_sizes(ICONS / "rapport.icns")}
    assert {16, 32, 64, 128, 256, 512, 1024} <= sizes
