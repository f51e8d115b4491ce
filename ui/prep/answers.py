"""The record-answers dialog: after a meeting, write what was said under each question."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from crm.prep.questions import MeetingQuestionRow, meeting_questions
from crm.prep.sheet import build_prep_sheet
from ui.common.dialogs import Dialog
from ui.common.fields import named
from ui.common.prompts import Keep, ask_to_keep, warn
from ui.common.undo import push
from ui.context import AppContext
from ui.dialog_keys import save_cancel_buttons
from ui.prep.commands import RecordAnswersCommand


class RecordAnswersDialog(Dialog):
    """One text box per question of the meeting, filled with what was recorded before."""

    def __init__(self, ctx: AppContext, meeting_id: int, parent: QWidget | None = None) -> None:
        title = build_prep_sheet(ctx.db, meeting_id=meeting_id).title
        super().__init__("recordAnswersDialog", f"Record answers: {title}", parent)
        self.ctx = ctx
        self.meeting_id = meeting_id
        self.rows: list[MeetingQuestionRow] = meeting_questions(ctx.db, meeting_id)
        self.title = title
        self.resize(720, 640)
        self.setSizeGripEnabled(True)

        intro = QLabel(
            "Write what they said while it is fresh: a few words are enough. "
            "Answers go into the contact's history, onto the next prep sheet for them "
            "or their company, and into Advice."
        )
        intro.setWordWrap(True)
        body = QWidget()
        column = QVBoxLayout(body)
        self.editors: dict[int, QPlainTextEdit] = {}
        for number, row in enumerate(self.rows, start=1):
            label = QLabel(f"{number}. {row.text}")
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
            font = label.font()
            font.setBold(True)
            label.setFont(font)
            editor = named(QPlainTextEdit(row.answer), f"answer{number}")
            editor.setAccessibleName(f"Answer to question {number}")
            editor.setTabChangesFocus(True)
            editor.setFixedHeight(editor.fontMetrics().lineSpacing() * 4)
            label.setBuddy(editor)
            column.addWidget(label)
            column.addWidget(editor)
            self.editors[row.id] = editor
        if not self.rows:
            empty = QLabel("This meeting has no questions yet. Choose some in Prepare… first.")
            empty.setWordWrap(True)
            column.addWidget(empty)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)

        buttons = save_cancel_buttons(self, self.save)
        buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(bool(self.rows))
        self.buttons = buttons
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)

    def answers(self) -> dict[int, str]:
        return {row_id: editor.toPlainText().strip() for row_id, editor in self.editors.items()}

    def changed(self) -> dict[int, str]:
        before = {row.id: row.answer for row in self.rows}
        return {k: v for k, v in self.answers().items() if v != before.get(k, "")}

    @Slot()
    def save(self) -> None:
        changed = self.changed()
        if changed:
            command = RecordAnswersCommand(self.ctx, self.meeting_id, self.title, changed)
            if not push(self.ctx, command, self._cannot_record):
                return
        self.accept()

    def _cannot_record(self, message: str) -> None:
        warn(self, "Could not record the answers", message)

    def reject(self) -> None:
        if self.changed():
            answer = ask_to_keep(self, "Keep these answers?", "Save what you wrote before closing?")
            if answer is Keep.CANCEL:
                return
            if answer is Keep.SAVE:
                self.save()
                return
        super().reject()


def open_record_answers(
    ctx: AppContext, parent: QWidget | None, meeting_id: int
) -> RecordAnswersDialog:
    """Open "Record answers" for a meeting (the calendar and agenda may call this too)."""
    dialog = RecordAnswersDialog(ctx, meeting_id, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
