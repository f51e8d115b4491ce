"""Where the contact detail panel goes on the Contacts page, and its stand-in until built.

The panel (its editors, and the services and the ORM behind them) is built after the
window's first frame, or on first use; the first frame shows a stand-in that looks like
the panel with no contact chosen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from ui.context import AppContext

if TYPE_CHECKING:
    from ui.contacts.detail import ContactDetailPanel

EMPTY_TEXT = "Select a contact to see and edit their details."


def stand_in() -> QWidget:
    """The panel with no contact chosen: its margins and its centred, greyed line."""
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(10, 10, 10, 6)
    empty = QLabel(EMPTY_TEXT)
    empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
    empty.setWordWrap(True)
    empty.setEnabled(False)
    layout.addWidget(empty, 1)
    return holder


class DetailSlot:
    """Builds the detail panel once, in place of the stand-in, with its header actions."""

    def __init__(self, ctx: AppContext, on_shown: Callable[[int | None], None]) -> None:
        self.ctx = ctx
        self.stand_in = stand_in()
        self._on_shown = on_shown
        self._panel: ContactDetailPanel | None = None
        self._actions: list[QAction] = []

    def panel(self, splitter: QSplitter) -> ContactDetailPanel:
        if self._panel is None:
            from ui.contacts.detail import ContactDetailPanel

            panel = ContactDetailPanel(self.ctx)
            for action in self._actions:
                panel.add_header_action(action)
            panel.contactShown.connect(self._on_shown)
            # The panel takes the stand-in's room: nothing on screen moves when it comes.
            # A splitter not laid out yet (the window not shown) keeps the page's proportions.
            sizes = splitter.sizes() if splitter.isVisible() else None
            panel.setSizePolicy(self.stand_in.sizePolicy())  # its stretch in the splitter
            splitter.replaceWidget(splitter.indexOf(self.stand_in), panel)
            if sizes:
                splitter.setSizes(sizes)
            self.stand_in.deleteLater()
            self._panel = panel
        return self._panel

    def add_action(self, action: QAction) -> None:
        self._actions.append(action)
        if self._panel is not None:
            self._panel.add_header_action(action)

    def flush(self) -> None:
        if self._panel is not None:
            self._panel.flush()
