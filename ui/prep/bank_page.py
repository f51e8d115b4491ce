"""The question bank editor: add, reword, categorise, retire and bring back questions."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QVBoxLayout,
    QWidget,
)

from crm.prep.questions import QuestionRow, list_categories
from ui.common.buttons import new_button, side_by_side
from ui.common.dialogs import Dialog
from ui.common.fields import line_edit, named, text_box
from ui.common.undo import push
from ui.context import AppContext
from ui.dialog_keys import ok_cancel_buttons
from ui.prep.commands import AddQuestionCommand, EditQuestionCommand, RetireQuestionCommand
from ui.prep.models import (
    ALL_CATEGORIES,
    QuestionBankModel,
    question_bank_view,
)
from ui.refresh import about_questions, refresh_page


class QuestionEditor(Dialog):
    """Write a question and pick (or type) its category."""

    def __init__(
        self, parent: QWidget, categories: list[str], row: QuestionRow | None = None
    ) -> None:
        super().__init__("questionEditor", "Edit question" if row else "New question", parent)
        self.text = text_box("questionText")
        self.text.setPlainText(row.text if row else "")
        self.category = named(QComboBox(), "questionCategoryEdit")
        self.category.setEditable(True)
        self.category.addItems(categories)
        self.category.setCurrentText(row.category if row else "General")
        form = QFormLayout(self)
        form.addRow("&Question", self.text)
        form.addRow("&Category", self.category)
        buttons = ok_cancel_buttons(self)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        form.addRow(buttons)
        self.text.textChanged.connect(self._update_ok)
        self._update_ok()
        self.resize(520, 220)

    def _update_ok(self) -> None:
        self.ok.setEnabled(bool(self.text.toPlainText().strip()))

    def values(self) -> tuple[str, str]:
        text = " ".join(self.text.toPlainText().split())
        return text, " ".join(self.category.currentText().split()) or "General"


class QuestionBankPage(QWidget):
    """The whole bank, retired questions included on request."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = QuestionBankModel(self)
        self.category = named(QComboBox(), "bankCategory", "Category")
        self.search = line_edit("bankSearch", "Search questions")
        self.search.setClearButtonEnabled(True)
        self.show_retired = named(QCheckBox("Show retired"), "bankShowRetired")
        single = QAbstractItemView.SelectionMode.SingleSelection
        self.table = named(question_bank_view(self.model, single), "bankTable")
        self.add_button = new_button("&New question…", self.add, icon_name="add-question")
        self.edit_button = new_button("&Edit…", self.edit, icon_name="edit")
        self.retire_button = new_button("&Retire", self.toggle_retired, icon_name="retire")

        # The search field takes the room the others leave (it expands; they do not).
        filters = side_by_side(self.category, self.search, self.show_retired)
        buttons = side_by_side(self.add_button, self.edit_button, self.retire_button, None)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        self.category.currentIndexChanged.connect(self.reload)
        self.search.textChanged.connect(self.reload)
        self.show_retired.toggled.connect(self.reload)
        self.table.doubleClicked.connect(self.edit)
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)
        # At once while shown: an added question is selected right after the command.
        self._refresher = refresh_page(self, ctx.hub, self.reload, about_questions, immediate=True)
        self.reload()

    def current(self) -> QuestionRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def reload(self, *_changed: object) -> None:
        keep = self.current()
        self.model.load(
            self.ctx.db,
            self.category,
            self.search.text(),
            include_retired=self.show_retired.isChecked(),
        )
        row = self.model.row_of(keep.id) if keep else -1
        if row < 0 and self.model.rowCount():
            row = 0
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, 0))
        self._update_buttons()

    @Slot()
    def _update_buttons(self) -> None:
        row = self.current()
        self.edit_button.setEnabled(row is not None)
        self.retire_button.setEnabled(row is not None)
        self.retire_button.setText("Bring &back" if row and row.retired else "&Retire")

    def _categories(self) -> list[str]:
        return list_categories(self.ctx.db) or ["General"]

    @Slot()
    def add(self) -> None:
        editor = QuestionEditor(self, self._categories())
        category = self.category.currentText()
        if category != ALL_CATEGORIES:
            editor.category.setCurrentText(category)
        if editor.exec() == QDialog.DialogCode.Accepted:
            text, category = editor.values()
            command = AddQuestionCommand(self.ctx, text, category)
            push(self.ctx, command)
            self._refresher.run()  # the new row, even before the page is shown
            if command.new_id is not None:
                self._select(command.new_id)

    @Slot()
    def edit(self) -> None:
        row = self.current()
        if row is None:
            return
        editor = QuestionEditor(self, self._categories(), row)
        if editor.exec() == QDialog.DialogCode.Accepted:
            text, category = editor.values()
            if (text, category) != (row.text, row.category):
                push(self.ctx, EditQuestionCommand(self.ctx, row, text, category))
                self._refresher.run()
                self._select(row.id)

    @Slot()
    def toggle_retired(self) -> None:
        row = self.current()
        if row is not None:
            push(self.ctx, RetireQuestionCommand(self.ctx, row, not row.retired))

    def _select(self, question_id: int) -> None:
        row = self.model.row_of(question_id)
        if row < 0 and self.category.currentIndex() != 0:
            self.category.setCurrentIndex(0)  # it moved to another category: show all
            row = self.model.row_of(question_id)
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, 0))
            self.table.scrollTo(self.model.index(row, 0))
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
