"""The drag-and-drop shape every model whose items move by drag shares: one private MIME type,
moves only (a drag never copies a contact, a meeting or a question)."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import Qt


class MovesByDrag:
    """Mixed in before the Qt model base; the model names its MIME type in `MIME`."""

    MIME: ClassVar[str]

    def mimeTypes(self) -> list[str]:
        return [self.MIME]

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction
