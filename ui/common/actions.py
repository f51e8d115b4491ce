"""Building a QAction the way every page does: an icon, a text with its mnemonic, what it runs,
and the tooltip (or status tip, for menu entries) that says what it does."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from ui.icons import icon


def new_action(
    parent: QObject,
    icon_name: str,
    text: str,
    run: Callable[[], object],
    *,
    tip: str = "",
    status_tip: str = "",
    name: str = "",
) -> QAction:
    action = QAction(icon(icon_name), text, parent)
    if name:
        action.setObjectName(name)
    if tip:
        action.setToolTip(tip)
    if status_tip:
        action.setStatusTip(status_tip)
    action.triggered.connect(run)
    return action
