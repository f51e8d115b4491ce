"""File ▸ Sync Conflicts…: the two values side by side, keep mine or keep theirs (undoable)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Slot
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crm.changes import Changes
from crm.sync.conflicts import ConflictRow, Settled, list_conflicts, settle, unsettle
from ui.common.dialogs import Dialog
from ui.common.indexes import Index
from ui.common.tables import rows_table
from ui.common.undo import RecordCommand, push
from ui.context import AppContext
from ui.refresh import about_contacts, refresh_page

HEADERS = ("Contact", "Field", "Here (mine)", "On the server (theirs)")


class ConflictsModel(QAbstractTableModel):
    def __init__(self, rows: list[ConflictRow]) -> None:
        super().__init__()
        self.rows = rows

    def reset(self, rows: list[ConflictRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        row = self.rows[index.row()]
        value = (row.contact_name, row.field_title, row.mine, row.theirs)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return value.replace("&", "&amp;").replace("<", "&lt;") or None
        return value.replace("\n", " ⏎ ")

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None


class SettleConflictCommand(RecordCommand[Settled]):
    """Keep one side's value; undo brings the other value and the open conflict back."""

    def __init__(self, ctx: AppContext, conflict: ConflictRow, keep_theirs: bool) -> None:
        side = "theirs" if keep_theirs else "mine"
        text = f"Keep {side}: {conflict.field_title} of {conflict.contact_name}"
        super().__init__(ctx.db, ctx.hub, text)
        self.conflict, self.keep_theirs = conflict, keep_theirs

    def perform(self) -> tuple[Settled, Changes]:
        return settle(self.db, self.conflict.id, self.keep_theirs)

    def revert(self, record: Settled) -> Changes:
        return unsettle(self.db, record)


class ConflictsDialog(Dialog):
    def __init__(self, ctx: AppContext, parent: QWidget) -> None:
        super().__init__("syncConflictsDialog", "Sync Conflicts", parent)
        self.ctx = ctx
        self.resize(760, 360)
        self.model = ConflictsModel(list_conflicts(ctx.db))
        self.table = rows_table(
            QTableView(), "syncConflicts", self.model, grid=True, widths={0: 150, 1: 100, 2: 220}
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.empty = QLabel("No conflicts: every field agrees on both sides.")
        self.mine = QPushButton("Keep Mine")
        self.theirs = QPushButton("Keep Theirs")
        self.mine.clicked.connect(lambda: self.keep(False))
        self.theirs.clicked.connect(lambda: self.keep(True))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.mine)
        row.addWidget(self.theirs)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("The same field was changed here and on the server:"))
        layout.addWidget(self.table)
        layout.addWidget(self.empty)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.refresher = refresh_page(
            self, ctx.hub, lambda _changes: self.reload(), about_contacts, immediate=True
        )
        self.reload()

    @Slot()
    def reload(self) -> None:
        self.model.reset(list_conflicts(self.ctx.db))
        has = bool(self.model.rows)
        self.empty.setVisible(not has)
        self.mine.setEnabled(has)
        self.theirs.setEnabled(has)
        if has:
            self.table.selectRow(0)

    def keep(self, theirs: bool) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        conflict = self.model.rows[index.row()]
        push(self.ctx, SettleConflictCommand(self.ctx, conflict, theirs))
