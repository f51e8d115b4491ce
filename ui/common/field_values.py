"""A record's values shown in a detail panel's edit fields, and taken back out of them.

A refresh must not take the words from under the user's cursor: a field being typed in
keeps what is typed until it is committed, unless another record is shown (`force`).
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QSignalBlocker, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit


def show_line(edit: QLineEdit, value: str, *, force: bool) -> None:
    """Put `value` in `edit` (from its start: a long value shows its beginning)."""
    typing = edit.hasFocus() and edit.isModified()
    if edit.text() == value:
        edit.setModified(False)  # typed back to what is stored: nothing to save
    elif force or not typing:
        edit.setText(value)  # which also clears `modified`
        edit.setCursorPosition(0)
    # Otherwise the user is typing: the words and their `modified` stay, to be saved when
    # the field is left (clearing the flag here lost them at the next refresh).


def show_text(box: QPlainTextEdit, value: str, *, force: bool) -> None:
    """Put `value` in `box`; no textChanged, as the user did not type it."""
    if box.toPlainText() != value and (force or not box.hasFocus()):
        with QSignalBlocker(box):
            box.setPlainText(value)


def typed_lines(lines: Mapping[str, QLineEdit]) -> list[str]:
    """The fields typed in since they were last shown or committed."""
    return [field for field, edit in lines.items() if edit.isModified()]


def committed(edit: QLineEdit) -> str:
    """What was typed in `edit`, trimmed; the field is no longer 'being typed'."""
    edit.setModified(False)
    return edit.text().strip()


def open_typed_link(edit: QLineEdit) -> None:
    """Open the address typed in `edit` (a website, a LinkedIn profile) in the browser."""
    text = edit.text().strip()
    if text:
        QDesktopServices.openUrl(QUrl.fromUserInput(text))
