"""Push buttons as pages and dialogs build them: a text with its mnemonic, what a click
runs and what the button does in a tooltip; and a row of them, pushed to one side."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from ui.icons import icon


def new_button(
    text: str, run: Callable[[], object], *, tip: str = "", icon_name: str = ""
) -> QPushButton:
    button = QPushButton(icon(icon_name), text) if icon_name else QPushButton(text)
    if tip:
        button.setToolTip(tip)
    button.clicked.connect(run)
    return button


def side_by_side(*items: QWidget | None) -> QHBoxLayout:
    """The widgets in a row; a None is the stretch that pushes what follows to the right."""
    row = QHBoxLayout()
    for item in items:
        if item is None:
            row.addStretch(1)
        else:
            row.addWidget(item)
    return row
