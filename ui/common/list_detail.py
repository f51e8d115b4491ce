"""The layout of a page that lists things on the left and shows the chosen one on the right
(Contacts, Companies): a bar above the list, and the two sides in a splitter."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QSplitter, QVBoxLayout, QWidget


def list_side(bar: Sequence[QWidget], view: QWidget) -> QWidget:
    """The list with its bar above; the bar's first widget (search, summary) takes the room
    the others leave."""
    side = QWidget()
    layout = QVBoxLayout(side)
    layout.setContentsMargins(10, 10, 4, 10)
    top = QHBoxLayout()
    for n, widget in enumerate(bar):
        top.addWidget(widget, 1 if n == 0 else 0)
    layout.addLayout(top)
    layout.addWidget(view, 1)
    return side


def sides(name: str, left: QWidget, right: QWidget, sizes: tuple[int, int]) -> QSplitter:
    """The list side and the detail side, neither of which may be squeezed away."""
    splitter = QSplitter(Qt.Orientation.Horizontal)
    splitter.setObjectName(name)
    splitter.setChildrenCollapsible(False)
    splitter.addWidget(left)
    splitter.addWidget(right)
    splitter.setSizes(list(sizes))
    return splitter
