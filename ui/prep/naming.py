"""Stable object names for the prep widgets that tests and automation look up."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QObject

T = TypeVar("T", bound=QObject)


def named(widget: T, name: str) -> T:
    """`widget` with its objectName set (the stubs reject objectName= in constructors)."""
    widget.setObjectName(name)
    return widget
