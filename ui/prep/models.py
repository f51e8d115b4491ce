"""Item models of the prep dialog: the question bank and the questions chosen, drag to reorder."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QMimeData,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)

from crm.prep.questions import ChosenQuestion, QuestionRow, list_categories, list_questions
from crm.store.db import Database
from ui.common.indexes import Index
from ui.common.moving import MovesByDrag, id_list, packed
from ui.common.plain_text import as_tooltip
from ui.common.rows_model import RowsModel
from ui.common.tables import rows_table

MIME_TYPE = "application/x-rapport-question-rows"
QUESTION_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class QuestionBankModel(RowsModel[QuestionRow]):
    """Bank questions as rows: the question, its category (and "retired" when shown)."""

    HEADERS = ("Question", "Category")

    def row_at(self, row: int) -> QuestionRow:
        return self._rows[row]

    def load(
        self, db: Database, categories: QComboBox, search: str, *, include_retired: bool = False
    ) -> None:
        """The bank's questions in the category chosen in `categories` (its choices follow
        the bank) that match `search`."""
        chosen = refresh_categories(categories, list_categories(db))
        questions = list_questions(
            db, category=chosen, search=search, include_retired=include_retired
        )
        self.set_rows(questions)

    def row_of(self, question_id: int) -> int:
        return self.row_where(lambda question: question.id == question_id)

    def row_data(self, row: QuestionRow, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = row.text if column == 0 else row.category
            if column == 1 and row.retired:
                text = f"{row.category} (retired)"
            return as_tooltip(text) if role == Qt.ItemDataRole.ToolTipRole else text
        if role == QUESTION_ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ForegroundRole and row.retired:
            from PySide6.QtGui import QPalette

            return QPalette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        return None


class ChosenQuestionsModel(MovesByDrag, RowsModel[ChosenQuestion]):
    """The questions picked for one meeting, in the order they will be asked.

    Rows move by drag and drop inside the list (a private MIME type carrying row numbers)
    or by `move`; `changed` fires after every edit so the preview can follow.
    """

    MIME = MIME_TYPE

    changed = Signal()

    def items(self) -> list[ChosenQuestion]:
        return list(self._rows)

    def texts(self) -> list[str]:
        return [item.text for item in self._rows]

    def set_items(self, items: Sequence[ChosenQuestion]) -> None:
        self.set_rows(items)
        self.changed.emit()

    def contains(self, item: ChosenQuestion) -> bool:
        key = " ".join(item.text.lower().split())
        return any(
            (item.question_id is not None and c.question_id == item.question_id)
            or " ".join(c.text.lower().split()) == key
            for c in self._rows
        )

    def append(self, item: ChosenQuestion) -> bool:
        """Add `item` at the end unless it is already chosen; True when added."""
        if not item.text.strip() or self.contains(item):
            return False
        self.append_row(item)
        self.changed.emit()
        return True

    def remove(self, row: int) -> None:
        if self.remove_row(row):
            self.changed.emit()

    def move(self, source: int, destination: int) -> bool:
        """Move the row at `source` so it lands at `destination` (an index before the move)."""
        count = len(self._rows)
        if not (0 <= source < count and 0 <= destination <= count):
            return False
        if destination in (source, source + 1):
            return False
        if not self.beginMoveRows(QModelIndex(), source, source, QModelIndex(), destination):
            return False
        item = self._rows.pop(source)
        self._rows.insert(destination - 1 if destination > source else destination, item)
        self.endMoveRows()
        self.changed.emit()
        return True

    # -- Qt model ------------------------------------------------------------------------

    def row_data(self, item: ChosenQuestion, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return item.text  # the view numbers the rows (NumberedDelegate)
        if role == Qt.ItemDataRole.ToolTipRole:
            return as_tooltip(item.text)
        if role == QUESTION_ID_ROLE:
            return item.question_id
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsDropEnabled
        if not index.isValid():
            return base
        return (
            base
            | Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
        ) & ~Qt.ItemFlag.ItemIsDropEnabled

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        return packed(MIME_TYPE, sorted({i.row() for i in indexes if i.isValid()}))

    def drop(self, payload: Any, row: int, parent: Index) -> bool:
        rows = id_list(payload)
        if len(rows) != 1:
            return False
        destination = row if row >= 0 else (parent.row() if parent.isValid() else len(self._rows))
        self.move(rows[0], destination)
        # Qt quirk: returning True for a MoveAction makes the view remove the source rows
        # itself; the move is already done, so report False to keep it from doing so.
        return False


class NumberedDelegate(QStyledItemDelegate):
    """Shows each row with its number ("2. What is a typical day?").

    The number belongs to the view: kept out of the model's data, a move or a removal
    changes no other row's data.
    """

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        option.text = f"{index.row() + 1}. {option.text}"  # type: ignore[attr-defined]


ALL_CATEGORIES = "All categories"


def refresh_categories(combo: QComboBox, categories: list[str]) -> str:
    """Put "All categories" and `categories` in the bank's filter, keeping what is chosen;
    returns the category to list ("" for all of them)."""
    wanted = combo.currentText()
    items = [ALL_CATEGORIES, *categories]
    if [combo.itemText(i) for i in range(combo.count())] != items:
        combo.blockSignals(True)
        combo.clear()
        combo.addItems(items)
        combo.setCurrentIndex(max(0, combo.findText(wanted)))
        combo.blockSignals(False)
    chosen = combo.currentText()
    return "" if chosen == ALL_CATEGORIES else chosen


def question_bank_view(
    model: QuestionBankModel, selection: QAbstractItemView.SelectionMode
) -> QTableView:
    """The question bank as a read-only table of whole rows: the question stretched, its
    category fitted (the Advice page's bank and the prep sheet's picker show it alike)."""
    return rows_table(
        QTableView(),
        "",
        model,
        accessible_name="Question bank",
        selection=selection,
        grid=True,
        stretch=(0,),
        fit=(1,),
    )
