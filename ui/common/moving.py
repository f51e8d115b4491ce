"""The drag-and-drop shape every model whose items move by drag shares: one private MIME type,
moves only (a drag never copies a contact, a meeting or a question), the payload as JSON, and
one drop path: check, unpack, then the model's `drop`."""

from __future__ import annotations

import json
from typing import Any, ClassVar

from PySide6.QtCore import QByteArray, QMimeData, Qt

from ui.common.indexes import Index


def packed(mime_type: str, payload: Any) -> QMimeData:
    """What a drag carries: `payload` (ids, rows) as JSON under the app's private type."""
    data = QMimeData()
    data.setData(mime_type, QByteArray(json.dumps(payload).encode()))
    return data


def unpacked(data: QMimeData, mime_type: str) -> Any:
    """The payload of `packed`; None when the drag carries none or one that is not JSON
    (another program can drop anything under any type)."""
    if not data.hasFormat(mime_type):
        return None
    try:
        return json.loads(bytes(data.data(mime_type).data()))
    except ValueError:
        return None


def id_list(payload: Any) -> list[int]:
    """The ids in a payload, in order; none when it is not a list of ids."""
    if not isinstance(payload, list):
        return []
    return [i for i in payload if isinstance(i, int) and not isinstance(i, bool)]


class MovesByDrag:
    """Mixed in before the Qt model base; the model names its MIME type in `MIME`, says
    where a drop may land (`drops_on`) and acts on the payload (`drop`)."""

    MIME: ClassVar[str]

    def mimeTypes(self) -> list[str]:
        return [self.MIME]

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        return (
            action == Qt.DropAction.MoveAction
            and data.hasFormat(self.MIME)
            and self.drops_on(parent)
        )

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        payload = unpacked(data, self.MIME)
        return payload is not None and self.drop(payload, row, parent)

    def drops_on(self, parent: Index) -> bool:
        """Whether a drop onto `parent` can land (an invalid index: onto empty space)."""
        return True

    def drop(self, payload: Any, row: int, parent: Index) -> bool:
        """Act on a dropped payload at `row` of `parent`; True when it moved something."""
        raise NotImplementedError
