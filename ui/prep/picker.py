"""The question picker: the bank by category or search, and the meeting's list, drag to reorder."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crm.prep.questions import ChosenQuestion
from ui.common.buttons import new_button, side_by_side
from ui.common.fields import named
from ui.common.tables import rows_list, selected_rows
from ui.common.undo import push
from ui.context import AppContext
from ui.dialog_keys import PickerField
from ui.icons import icon
from ui.prep.commands import AddQuestionCommand
from ui.prep.models import (
    ALL_CATEGORIES,
    ChosenQuestionsModel,
    NumberedDelegate,
    QuestionBankModel,
    question_bank_view,
)
from ui.refresh import about_questions, refresh_page


class QuestionPicker(QWidget):
    """Pick questions from the bank (double-click or Add), type new ones, reorder by drag."""

    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.bank_model = QuestionBankModel(self)
        self.chosen_model = ChosenQuestionsModel(self)
        self.chosen_model.changed.connect(self._on_chosen_changed)

        self.category = named(QComboBox(), "questionCategory")
        self.category.setAccessibleName("Question category")
        self.search = named(PickerField(chooses=self._bank_has_current), "questionSearch")
        self.search.setPlaceholderText("Search the question bank")
        self.search.setClearButtonEnabled(True)
        extended = QAbstractItemView.SelectionMode.ExtendedSelection
        self.bank = named(question_bank_view(self.bank_model, extended), "questionBank")
        self.bank.setWordWrap(False)
        self.add_button = new_button(
            "Add to sheet",
            self.add_selected,
            tip="Add the selected questions (Enter)",
            icon_name="add-question",
        )

        self.chosen = rows_list("chosenQuestions", self.chosen_model, "Questions to ask")
        self.chosen.setItemDelegate(NumberedDelegate(self.chosen))
        self.chosen.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.chosen.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.chosen.setDragEnabled(True)
        self.chosen.setAcceptDrops(True)
        self.chosen.setDropIndicatorShown(True)
        self.chosen.setWordWrap(True)
        self.chosen.setAlternatingRowColors(True)
        self.up_button = QPushButton(icon("up"), "")
        self.up_button.setToolTip("Ask earlier (Alt+Up)")
        self.up_button.setAccessibleName("Move up")
        self.down_button = QPushButton(icon("down"), "")
        self.down_button.setToolTip("Ask later (Alt+Down)")
        self.down_button.setAccessibleName("Move down")
        self.remove_button = new_button(
            "Remove",
            self.remove_current,
            tip="Take the selected question off the sheet (Delete)",
            icon_name="delete",
        )

        self.new_question = named(PickerField(), "newQuestion")
        self.new_question.setPlaceholderText("Type a question of your own and press Enter")
        self.save_to_bank = named(QCheckBox("Also save it to the bank"), "saveToBank")

        self._build_layout()
        self._connect()
        self.reload_bank()

    def _build_layout(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        bank_label = QLabel("Question &bank")
        bank_label.setBuddy(self.bank)
        layout.addWidget(bank_label)
        filters = QHBoxLayout()
        filters.addWidget(self.category)
        filters.addWidget(self.search, 1)
        layout.addLayout(filters)
        layout.addWidget(self.bank, 3)
        layout.addLayout(side_by_side(None, self.add_button))
        chosen_label = QLabel("&Questions to ask (drag to reorder)")
        chosen_label.setBuddy(self.chosen)
        layout.addWidget(chosen_label)
        layout.addWidget(self.chosen, 3)
        layout.addLayout(side_by_side(self.up_button, self.down_button, None, self.remove_button))
        layout.addWidget(self.new_question)
        layout.addWidget(self.save_to_bank)

    def _connect(self) -> None:
        self.category.currentIndexChanged.connect(self.reload_bank)
        self.search.textChanged.connect(self.reload_bank)
        self.search.returnPressed.connect(self.add_selected)
        self.bank.doubleClicked.connect(self._add_index)
        self.bank.activated.connect(self._add_index)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(+1))
        self.new_question.returnPressed.connect(self.add_typed)
        # Hidden (its dialog closed), the picker stops following the bank.
        self._refresher = refresh_page(self, self.ctx.hub, self.reload_bank, about_questions)
        for keys, slot in (
            ("Alt+Up", lambda: self.move_current(-1)),
            ("Alt+Down", lambda: self.move_current(+1)),
            (QKeySequence.StandardKey.Delete, self.remove_current),
        ):
            action = QAction(self.chosen)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            self.chosen.addAction(action)

    # -- bank ----------------------------------------------------------------------------

    def reload_bank(self, *_changed: object) -> None:
        self.bank_model.load(self.ctx.db, self.category, self.search.text())
        if self.bank_model.rowCount() and not self.bank.currentIndex().isValid():
            self.bank.setCurrentIndex(self.bank_model.index(0, 0))

    def _bank_has_current(self) -> bool:
        return self.bank.currentIndex().isValid()

    @Slot()
    def add_selected(self) -> None:
        rows = selected_rows(self.bank)
        if not rows and self.bank.currentIndex().isValid():
            rows = [self.bank.currentIndex().row()]
        for row in rows:
            question = self.bank_model.row_at(row)
            self.chosen_model.append(ChosenQuestion(question.text, question.id))

    @Slot(QModelIndex)
    def _add_index(self, index: QModelIndex) -> None:
        if index.isValid():
            question = self.bank_model.row_at(index.row())
            self.chosen_model.append(ChosenQuestion(question.text, question.id))

    @Slot()
    def add_typed(self) -> None:
        text = " ".join(self.new_question.text().split())
        if not text:
            return
        question_id = None
        if self.save_to_bank.isChecked():
            category = self.category.currentText()
            command = AddQuestionCommand(
                self.ctx, text, "General" if category == ALL_CATEGORIES else category
            )
            push(self.ctx, command)
            question_id = command.new_id
        self.chosen_model.append(ChosenQuestion(text, question_id))
        self.new_question.clear()

    # -- chosen --------------------------------------------------------------------------

    def current_row(self) -> int:
        index = self.chosen.currentIndex()
        return index.row() if index.isValid() else -1

    @Slot()
    def move_current(self, step: int) -> None:
        row = self.current_row()
        target = row + step
        if row < 0 or not 0 <= target < self.chosen_model.rowCount():
            return
        self.chosen_model.move(row, target + 1 if step > 0 else target)
        self.chosen.selectionModel().setCurrentIndex(
            self.chosen_model.index(target, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect,
        )

    @Slot()
    def remove_current(self) -> None:
        row = self.current_row()
        self.chosen_model.remove(row)
        count = self.chosen_model.rowCount()
        if count:
            self.chosen.setCurrentIndex(self.chosen_model.index(min(row, count - 1), 0))

    @Slot()
    def _on_chosen_changed(self) -> None:
        has_rows = self.chosen_model.rowCount() > 0
        self.remove_button.setEnabled(has_rows)
        self.up_button.setEnabled(has_rows)
        self.down_button.setEnabled(has_rows)
        self.changed.emit()
