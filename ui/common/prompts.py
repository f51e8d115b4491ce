"""Message boxes that show user text as plain text, and the "save / discard / cancel" ask."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

_Button = QMessageBox.StandardButton


class Keep(Enum):
    """The answer to "keep your changes?" when a dialog with edits is closed."""

    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def message_box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    buttons: _Button = _Button.Ok,
    default: _Button = _Button.NoButton,
) -> _Button:
    """Show a modal message box whose text is plain (the static helpers guess rich text)."""
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if default != _Button.NoButton:
        box.setDefaultButton(default)
    return _Button(box.exec())


def warn(parent: QWidget | None, title: str, text: str) -> None:
    message_box(parent, QMessageBox.Icon.Warning, title, text)


def inform(parent: QWidget | None, title: str, text: str) -> None:
    message_box(parent, QMessageBox.Icon.Information, title, text)


def fail(parent: QWidget | None, title: str, text: str) -> None:
    message_box(parent, QMessageBox.Icon.Critical, title, text)


def ask(parent: QWidget | None, title: str, text: str) -> bool:
    """A yes/no question (Yes is the default); True for Yes."""
    answer = message_box(
        parent, QMessageBox.Icon.Question, title, text, _Button.Yes | _Button.No, _Button.Yes
    )
    return answer == _Button.Yes


def ask_to_keep(parent: QWidget | None, title: str, question: str) -> Keep:
    """Save, Discard or Cancel (Save is the default) before closing a dialog with edits."""
    answer = message_box(
        parent,
        QMessageBox.Icon.Question,
        title,
        question,
        _Button.Save | _Button.Discard | _Button.Cancel,
        _Button.Save,
    )
    if answer == _Button.Save:
        return Keep.SAVE
    return Keep.DISCARD if answer == _Button.Discard else Keep.CANCEL
