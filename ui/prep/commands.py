"""Undo commands of the prep sheet: save a prep, plan a meeting, record answers, edit the bank."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from crm.changes import Changes
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
from ui.common.undo import AddCommand, Command, RecordCommand, SetCommand
from ui.context import AppContext


def _short(text: str, limit: int = 40) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


class SavePrepCommand(RecordCommand[PrepState]):
    """Keep a meeting's goal and chosen questions."""

    def __init__(
        self,
        ctx: AppContext,
        meeting_id: int,
        title: str,
        goal: str,
        chosen: Sequence[ChosenQuestion],
    ) -> None:
        super().__init__(ctx.db, ctx.hub, f"Prepare “{_short(title)}”")
        self.meeting_id = meeting_id
        self.goal = goal
        self.chosen = list(chosen)

    def perform(self) -> tuple[PrepState, Changes]:
        return save_prep(self.db, self.meeting_id, self.goal, self.chosen)

    def revert(self, record: PrepState) -> Changes:
        return restore_prep(self.db, self.meeting_id, record)


class RecordAnswersCommand(Command):
    """Write what was said after a meeting (and its "answers" history entry)."""

    def __init__(
        self, ctx: AppContext, meeting_id: int, title: str, answers: Mapping[int, str]
    ) -> None:
        super().__init__(ctx.db, ctx.hub, f"Record answers from “{_short(title)}”")
        self.meeting_id = meeting_id
        self.answers = dict(answers)
        self.before: dict[int, str] = {}

    def do(self) -> Changes:
        self.before, changes = record_answers(self.db, self.meeting_id, self.answers)
        return changes

    def take_back(self) -> Changes:
        _, changes = record_answers(self.db, self.meeting_id, self.before)
        return changes


class AddQuestionCommand(AddCommand[QuestionRow]):
    def __init__(self, ctx: AppContext, text: str, category: str) -> None:
        super().__init__(ctx.db, ctx.hub, f"Add question “{_short(text)}”")
        self.new_text = text
        self.new_category = category

    def add(self) -> tuple[int, Changes]:
        return add_question(self.db, self.new_text, self.new_category)

    def remove(self, new_id: int) -> tuple[QuestionRow, Changes]:
        row = get_question(self.db, new_id)
        return row, delete_question(self.db, new_id)

    def restore(self, removed: QuestionRow) -> Changes:
        return restore_question(self.db, removed)


class EditQuestionCommand(Command):
    """Reword and/or recategorise a bank question."""

    def __init__(self, ctx: AppContext, row: QuestionRow, text: str, category: str) -> None:
        label = "Categorise" if text == row.text else "Edit"
        super().__init__(ctx.db, ctx.hub, f"{label} question “{_short(text)}”")
        self.question_id = row.id
        self.new_text = text
        self.new_category = category
        self.before = row

    def do(self) -> Changes:
        _, changes = edit_question(
            self.db, self.question_id, text=self.new_text, category=self.new_category
        )
        return changes

    def take_back(self) -> Changes:
        _, changes = edit_question(
            self.db, self.question_id, text=self.before.text, category=self.before.category
        )
        return changes


class RetireQuestionCommand(SetCommand[int, bool]):
    """Retire a bank question (or bring it back): it leaves the picker, past meetings keep it."""

    def __init__(self, ctx: AppContext, row: QuestionRow, retired: bool) -> None:
        text = f"{'Retire' if retired else 'Bring back'} question “{_short(row.text)}”"
        super().__init__(ctx.db, ctx.hub, text, set_retired, row.id, not retired, retired)
