"""Input fields as forms build them: a stable object name (tests and automation find the
field by it), the name a screen reader says, and the hint shown while the field is empty."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

T = TypeVar("T", bound=QObject)
F = TypeVar("F", QLineEdit, QPlainTextEdit)


def named(widget: T, name: str, accessible_name: str = "") -> T:
    """`widget` with its objectName set (the stubs reject objectName= in constructors) and,
    when given, the name a screen reader says."""
    widget.setObjectName(name)
    if accessible_name and isinstance(widget, QWidget):
        widget.setAccessibleName(accessible_name)
    return widget


def line_edit(name: str, placeholder: str = "", *, accessible_name: str = "") -> QLineEdit:
    return _field(QLineEdit(), name, placeholder, accessible_name)


def text_box(name: str, placeholder: str = "", *, accessible_name: str = "") -> QPlainTextEdit:
    """A box for a few lines of free text; Tab moves on to the next field, as in a form."""
    box = _field(QPlainTextEdit(), name, placeholder, accessible_name)
    box.setTabChangesFocus(True)
    return box


def _field(field: F, name: str, placeholder: str, accessible_name: str) -> F:
    named(field, name, accessible_name)
    field.setPlaceholderText(placeholder)
    return field
