"""The Find duplicates dialog: a list of likely pairs and the merge buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crm.contacts.duplicates import DuplicatePair, find_duplicates
from crm.wording import plural, plural_word
from ui.common.buttons import new_button
from ui.common.dialogs import Dialog
from ui.common.fields import named
from ui.common.rows_model import RowsModel
from ui.common.tables import rows_table, selected_row
from ui.common.undo import push
from ui.context import AppContext
from ui.duplicates.commands import MergeCommand
from ui.refresh import about_contacts, refresh_page


class DuplicatesModel(RowsModel[DuplicatePair]):
    HEADERS = ("Contact", "Company", "Possible duplicate", "Company", "Why")

    def row_data(self, p: DuplicatePair, column: int, role: int) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (p.first_name, p.first_company, p.second_name, p.second_company, p.reason)[column]


class DuplicatesDialog(Dialog):
    """Lists likely duplicates; merging keeps everything of both and is undoable."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("duplicatesDialog", "Find duplicates", parent)
        self.ctx = ctx
        self.model = DuplicatesModel(self)
        columns = range(self.model.columnCount())
        self.view = rows_table(
            QTableView(), "duplicatesView", self.model, grid=True, stretch=columns
        )
        self.info = QLabel()
        self.info.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        first = new_button("Merge into the first", lambda: self.merge(keep_first=True))
        second = new_button("Merge into the second", lambda: self.merge(keep_first=False))
        self.merge_button = named(first, "mergeFirst")
        self.merge_other = named(second, "mergeSecond")
        buttons.addButton(self.merge_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.merge_other, QDialogButtonBox.ButtonRole.ActionRole)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.view.doubleClicked.connect(lambda _index: self.merge(keep_first=True))
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(760, 420)
        self._refresher = refresh_page(self, ctx.hub, self.refresh, about_contacts, immediate=True)
        self.refresh()

    def refresh(self, *_changes: object) -> None:
        self.model.set_rows(find_duplicates(self.ctx.db))
        count = self.model.rowCount()
        self.info.setText(
            f"{plural(count, 'pair')} {plural_word(count, 'looks', 'look')} like the same person. "
            "Merging keeps every email, phone, "
            "tag, history entry, meeting and follow-up of both; Edit ▸ Undo separates them."
            if count
            else "No likely duplicates found."
        )
        if count:
            self.view.selectRow(0)
        self._update_buttons()

    def _selected(self) -> DuplicatePair | None:
        return selected_row(self.view, self.model)

    @Slot()
    def _update_buttons(self) -> None:
        enabled = self._selected() is not None
        self.merge_button.setEnabled(enabled)
        self.merge_other.setEnabled(enabled)

    def merge(self, *, keep_first: bool) -> None:
        pair = self._selected()
        if pair is None:
            return
        keep = (
            (pair.first_id, pair.first_name) if keep_first else (pair.second_id, pair.second_name)
        )
        other = (
            (pair.second_id, pair.second_name) if keep_first else (pair.first_id, pair.first_name)
        )
        push(
            self.ctx, MergeCommand(self.ctx.db, self.ctx.hub, keep[0], other[0], keep[1], other[1])
        )


def open_duplicates(ctx: AppContext, parent: QWidget | None = None) -> DuplicatesDialog:
    dialog = DuplicatesDialog(ctx, parent)
    dialog.open()
    return dialog
