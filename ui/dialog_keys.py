"""Keys of dialogs with a picker: Enter in the picker chooses, Ctrl+Return saves from anywhere;
the Save and Cancel buttons of the dialogs that save."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QWidget

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class PickerField(QLineEdit):
    """The typing field of a picker: Return or Enter chooses what it offers, nothing more.

    Qt quirk: QLineEdit emits returnPressed and then ignores the key, so the key goes on
    to the dialog, which presses its default button: choosing an attendee also saved the
    meeting. While `chooses()` is true (by default: something is typed) the key stops here.
    """

    def __init__(
        self, parent: QWidget | None = None, *, chooses: Callable[[], bool] | None = None
    ) -> None:
        super().__init__(parent)
        self._chooses = chooses or (lambda: bool(self.text().strip()))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = not (event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier)
        choosing = event.key() in ENTER_KEYS and plain and self._chooses()
        super().keyPressEvent(event)
        if choosing:
            event.accept()


def save_with_ctrl_return(dialog: QDialog, save: Callable[[], object] | None = None) -> None:
    """Ctrl+Return (and Ctrl+Enter) saves `dialog` from any field, a picker or a text box.

    `save` defaults to the dialog's accept."""
    for keys in ("Ctrl+Return", "Ctrl+Enter"):
        shortcut = QShortcut(QKeySequence(keys), dialog)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(save or dialog.accept)


def save_cancel_buttons(
    dialog: QDialog, save: Callable[[], object] | None = None, *, ctrl_return: bool = False
) -> QDialogButtonBox:
    """Save (runs `save`, by default the dialog's accept) and Cancel (rejects) for `dialog`;
    with `ctrl_return`, Ctrl+Return saves too."""
    buttons = _with_cancel(dialog, QDialogButtonBox.StandardButton.Save, save or dialog.accept)
    if ctrl_return:
        save_with_ctrl_return(dialog, save)
    return buttons


def ok_cancel_buttons(dialog: QDialog) -> QDialogButtonBox:
    """OK (accepts `dialog`) and Cancel (rejects it)."""
    return _with_cancel(dialog, QDialogButtonBox.StandardButton.Ok, dialog.accept)


def _with_cancel(
    dialog: QDialog, first: QDialogButtonBox.StandardButton, run: Callable[[], object]
) -> QDialogButtonBox:
    buttons = QDialogButtonBox(first | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(run)
    buttons.rejected.connect(dialog.reject)
    return buttons
