"""An inline editor that offers a cell's few allowed values in a drop-down list."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ui.common.indexes import Index


class ChoiceDelegate(QStyledItemDelegate):
    """Edits a cell whose model offers (label, value) pairs under `choices_role`."""

    def __init__(self, choices_role: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._role = choices_role

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        box = QComboBox(parent)
        for label, value in index.data(self._role) or []:
            box.addItem(label, value)
        # Choosing a value commits it at once: no Enter needed after a click.
        box.activated.connect(lambda _i: self.commitData.emit(box))
        box.activated.connect(lambda _i: self.closeEditor.emit(box))
        return box

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        at = editor.findData(index.data(Qt.ItemDataRole.EditRole))
        editor.setCurrentIndex(max(at, 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
