"""Undo commands of the prep sheet: save a prep, plan a meeting, record answers, edit the bank."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtGui import QUndoCommand

from crm.prep.prep_state import PrepState, restore_prep, save_prep
from crm.prep.questions import (
    ChosenQuestion,
    QuestionRow,
    add_question,
    delete_question,
    edit_question,
    get_question,
    record_answers,
    restore_question,
    set_retired,
)
from ui.context import AppContext


def _short(text: str, limit: int = 40) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


class SavePrepCommand(QUndoCommand):
    """Keep a meeting's goal and chosen questions."""

    def __init__(
        self,
        ctx: AppContext,
        meeting_id: int,
        title: str,
        goal: str,
        chosen: Sequence[ChosenQuestion],
        parent: QUndoCommand | None = None,
    ) -> None:
        super().__init__(f"Prepare “{_short(title)}”", parent)
        self.ctx = ctx
        self.meeting_id = meeting_id
        self.goal = goal
        self.chosen = list(chosen)
        self.before: PrepState | None = None

    def redo(self) -> None:
        self.before, changes = save_prep(self.ctx.db, self.meeting_id, self.goal, self.chosen)
        self.ctx.hub.apply(changes)

    def undo(self) -> None:
        if self.before is not None:
            self.ctx.hub.apply(restore_prep(self.ctx.db, self.meeting_id, self.before))


class RecordAnswersCommand(QUndoCommand):
    """Write what was said after a meeting (and its "answers" history entry)."""

    def __init__(
        self, ctx: AppContext, meeting_id: int, title: str, answers: Mapping[int, str]
    ) -> None:
        super().__init__(f"Record answers from “{_short(title)}”")
        self.ctx = ctx
        self.meeting_id = meeting_id
        self.answers = dict(answers)
        self.before: dict[int, str] = {}

    def redo(self) -> None:
        self.before, changes = record_answers(self.ctx.db, self.meeting_id, self.answers)
        self.ctx.hub.apply(changes)

    def undo(self) -> None:
        _, changes = record_answers(self.ctx.db, self.meeting_id, self.before)
        self.ctx.hub.apply(changes)


class AddQuestionCommand(QUndoCommand):
    def __init__(self, ctx: AppContext, text: str, category: str) -> None:
        super().__init__(f"Add question “{_short(text)}”")
        self.ctx = ctx
        self.new_text = text
        self.new_category = category
        self.row: QuestionRow | None = None

    @property
    def question_id(self) -> int | None:
        return self.row.id if self.row else None

    def redo(self) -> None:
        if self.row is None:
            new_id, changes = add_question(self.ctx.db, self.new_text, self.new_category)
            self.row = get_question(self.ctx.db, new_id)
        else:
            changes = restore_question(self.ctx.db, self.row)
        self.ctx.hub.apply(changes)

    def undo(self) -> None:
        if self.row is not None:
            self.ctx.hub.apply(delete_question(self.ctx.db, self.row.id))


class EditQuestionCommand(QUndoCommand):
    """Reword and/or recategorise a bank question."""

    def __init__(self, ctx: AppContext, row: QuestionRow, text: str, category: str) -> None:
        label = "Categorise" if text == row.text else "Edit"
        super().__init__(f"{label} question “{_short(text)}”")
        self.ctx = ctx
        self.question_id = row.id
        self.new_text = text
        self.new_category = category
        self.before = row

    def redo(self) -> None:
        _, changes = edit_question(
            self.ctx.db, self.question_id, text=self.new_text, category=self.new_category
        )
        self.ctx.hub.apply(changes)

    def undo(self) -> None:
        _, changes = edit_question(
            self.ctx.db, self.question_id, text=self.before.text, category=self.before.category
        )
        self.ctx.hub.apply(changes)


class RetireQuestionCommand(QUndoCommand):
    """Retire a bank question (or bring it back): it leaves the picker, past meetings keep it."""

    def __init__(self, ctx: AppContext, row: QuestionRow, retired: bool) -> None:
        verb = "Retire" if retired else "Bring back"
        super().__init__(f"{verb} question “{_short(row.text)}”")
        self.ctx = ctx
        self.question_id = row.id
        self.retired = retired

    def redo(self) -> None:
        self.ctx.hub.apply(set_retired(self.ctx.db, self.question_id, self.retired))

    def undo(self) -> None:
        self.ctx.hub.apply(set_retired(self.ctx.db, self.question_id, not self.retired))
