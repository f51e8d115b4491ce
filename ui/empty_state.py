"""What a page shows while it has nothing to show: what it is for, and what to do first."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from ui.context import AppContext
from ui.icons import icon
from ui.main_window import MainWindow

TEXT_WIDTH = 460


class EmptyState(QWidget):
    """A title, a short explanation and one or more buttons, centred on the page."""

    def __init__(self, name: str, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        heading = QLabel(title)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = QLabel(text)
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setFixedWidth(TEXT_WIDTH)
        # Qt quirk: a wrapped label centred in a box layout gets one line's height unless told.
        self.text.setMinimumHeight(self.text.heightForWidth(TEXT_WIDTH))
        self._layout = QVBoxLayout(self)
        self._layout.addStretch(2)
        self._layout.addWidget(heading)
        self._layout.addSpacing(8)
        self._layout.addWidget(self.text, 0, Qt.AlignmentFlag.AlignHCenter)
        self._layout.addSpacing(16)
        self._buttons = 0
        self._layout.addStretch(3)

    def add_button(
        self, icon_name: str, text: str, slot: Callable[[], object], name: str
    ) -> QPushButton:
        """A button under the text (the first is the default one)."""
        button = QPushButton(icon(icon_name), text)
        button.setObjectName(name)
        button.setMinimumSize(QSize(220, 34))
        button.setIconSize(QSize(16, 16))
        button.setDefault(self._buttons == 0)
        button.clicked.connect(lambda: slot())
        # Before the closing stretch: buttons stack under the text in the order added.
        self._layout.insertWidget(5 + self._buttons, button, 0, Qt.AlignmentFlag.AlignHCenter)
        self._buttons += 1
        return button


def new_contact_from(window: MainWindow) -> None:
    """Go to the Contacts page and start a new contact there."""
    page = window.show_page("contacts")
    new_contact = getattr(page, "new_contact", None)
    if callable(new_contact):
        new_contact()


def import_from(window: MainWindow, ctx: AppContext) -> None:
    from ui.importing.start import start_import  # the importers load on first use

    start_import(ctx, window)
