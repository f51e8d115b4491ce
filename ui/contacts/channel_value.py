"""A channel value field's extras: a button to open it, a warning when it looks wrong."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, QUrl, Slot
from PySide6.QtGui import QAction, QDesktopServices, QPaintEvent
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
)

from crm.contacts.links import channel_url, looks_like_email, looks_like_phone
from ui.common.plain_text import as_tooltip
from ui.icons import icon

OPEN_WORDS = {"email": "Write to", "phone": "Call", "url": "Open", "social": "Open"}


def value_problem(kind: str, value: str) -> str | None:
    """Why `value` does not look like a `kind` (a warning; it is saved all the same)."""
    value = value.strip()
    if not value:
        return None
    if kind == "email" and not looks_like_email(value):
        return f"“{value}” does not look like an email address (name@example.com)."
    if kind == "phone" and not looks_like_phone(value):
        return f"“{value}” does not look like a phone number (digits, e.g. +1 555 0100)."
    return None


def open_url(url: str) -> None:
    """Open `url` with the desktop's handler (mail client, dialler, browser)."""
    QDesktopServices.openUrl(QUrl(url))


class ChannelValueActions:
    """An open button inside the field and a warning sign before it when the value looks wrong."""

    def __init__(self, line: QLineEdit, kind: Callable[[], str]) -> None:
        self._line = line
        self._kind = kind
        self.warning = QAction(icon("warning"), "", line)
        self.open = QAction(icon("open-link"), "", line)
        line.addAction(self.warning, QLineEdit.ActionPosition.LeadingPosition)
        line.addAction(self.open, QLineEdit.ActionPosition.TrailingPosition)
        self.open.triggered.connect(self._open)
        line.textChanged.connect(self._update_open)
        line.editingFinished.connect(self.check)
        self._update_open()
        self.check()

    def url(self) -> str | None:
        return channel_url(self._kind(), self._line.text())

    @Slot()
    def _update_open(self) -> None:
        url = self.url()
        self.open.setVisible(url is not None)
        verb = OPEN_WORDS.get(self._kind(), "Open")
        self.open.setText(f"{verb} {self._line.text().strip()}")
        self.open.setToolTip(as_tooltip(self.open.text()) or "")
        # An elided value is read in full from the tooltip.
        if not self.warning.isVisible():
            self._line.setToolTip(as_tooltip(self._line.text()) or "")

    @Slot()
    def check(self) -> None:
        """Show or hide the warning for what the field holds now."""
        problem = value_problem(self._kind(), self._line.text())
        self.warning.setVisible(problem is not None)
        self.warning.setToolTip(as_tooltip(problem or "") or "")
        self.warning.setText(problem or "")
        self._line.setToolTip(as_tooltip(problem or self._line.text()) or "")
        self._update_open()

    @Slot()
    def _open(self) -> None:
        url = self.url()
        if url is not None:
            open_url(url)


class IconCombo(QComboBox):
    """A combo that shows only its current item's icon (the list shows icons and words),
    leaving the channel's value the room it needs."""

    def sizeHint(self) -> QSize:
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        option.currentText = ""
        contents = self.iconSize() + QSize(4, 0)
        return (
            self.style()
            .sizeFromContents(QStyle.ContentsType.CT_ComboBox, option, contents, self)
            .expandedTo(QSize(0, super().sizeHint().height()))
        )

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        option.currentText = ""
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)
