"""dev.sh installs the fonts names need: an emoji font beside the text fonts."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def system_packages() -> list[str]:
    text = (REPO / "dev.sh").read_text(encoding="utf-8")
    found = re.search(r"^SYSTEM_PACKAGES=\((.*?)\)", text, re.S | re.M)
    assert found is not None
    return found.group(1).split()


def test_the_app_packages_include_an_emoji_font() -> None:
    packages = system_packages()
    assert "fonts-noto-color-emoji" in packages
    assert "fonts-dejavu-core" in packages
