"""A name with an emoji shows the emoji in colour, not an empty box (dev.sh installs the font)."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


@pytest.mark.skipif(shutil.which("dpkg-query") is None, reason="dev.sh installs fonts on Debian")
def test_an_emoji_in_a_name_is_drawn_in_colour(qtbot: QtBot) -> None:
    label = QLabel("Anna 🌻")
    label.setStyleSheet("color: black; background: white; font-size: 24px;")
    qtbot.addWidget(label)
    label.adjustSize()
    image = label.grab().toImage()
    colours = {
        QColor(image.pixel(x, y)).hue()
        for x in range(image.width())
        for y in range(image.height())
        if QColor(image.pixel(x, y)).saturation() > 80
    }
    assert colours, "the sunflower was not drawn in colour: no emoji font"
