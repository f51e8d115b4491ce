"""The undo commands more than one page pushes: scheduling a meeting, importing an .ics file,
ticking off or moving a follow-up, moving pipeline cards, adding a contact.

They live here so that a page never imports another page's modules.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from crm.calendar.followups import set_follow_up_due, set_follow_ups_done
from crm.calendar.meetings import MeetingFields
from crm.calendar.scheduling import (
    MeetingSnapshot,
    create_meeting,
    delete_meetings,
    restore_meetings,
    schedule_again,
    unschedule_meeting,
)
from crm.changes import Changes
from crm.contacts.service import (
    ContactFields,
    ContactSnapshot,
    create_contact,
    delete_contacts,
    restore_contacts,
)
from crm.pipeline.card_moves import MoveResult, move_contacts, undo_move
from crm.store.db import Database
from crm.targets.applications import StatusRecord, set_status, undo_status
from ui.common.dates import date_text
from ui.common.undo import AddCommand, Command, RecordCommand, Report, SetCommand
from ui.hub import Hub

if TYPE_CHECKING:
    from crm.calendar.ics import IcsImportSummary

# -- meetings -----------------------------------------------------------------------------


class ScheduleMeetingCommand(Command):
    """Schedule a meeting, moving the chosen attendees on to Scheduled in the same step."""

    def __init__(
        self,
        db: Database,
        hub: Hub,
        values: MeetingFields,
        *,
        move_ids: Sequence[int] = (),
        tz: tzinfo,
    ) -> None:
        super().__init__(db, hub, f"Schedule {values.title.strip()}")
        self.values, self.move_ids, self.tz = values, tuple(move_ids), tz
        self.meeting_id: int | None = None
        self._move: MoveResult | None = None
        self._snapshot: MeetingSnapshot | None = None

    def do(self) -> Changes:
        self.meeting_id, self._move, changes = create_meeting(
            self.db, self.values, move_ids=self.move_ids, tz=self.tz
        )
        return changes

    def do_again(self) -> Changes:
        assert self._snapshot is not None
        self._move, changes = schedule_again(self.db, self._snapshot, self.move_ids, self.tz)
        return changes

    def take_back(self) -> Changes:
        assert self.meeting_id is not None
        self._snapshot, changes = unschedule_meeting(self.db, self.meeting_id, self._move)
        return changes


class ImportIcsCommand(Command):
    """Add the events of an .ics file as meetings; undo removes exactly those meetings."""

    def __init__(self, db: Database, hub: Hub, path: Path, tz: tzinfo) -> None:
        super().__init__(db, hub, f"Import {path.name}")
        self.path, self.tz = path, tz
        self.summary: IcsImportSummary | None = None
        self._snapshots: tuple[MeetingSnapshot, ...] = ()

    def do(self) -> Changes:
        # The reader brings vCard and iCalendar libraries: loaded when a file is imported.
        from crm.calendar.ics import import_ics

        self.summary = import_ics(self.db, self.path, tz=self.tz)
        if not self.summary.created:
            self.setObsolete(True)  # nothing new: nothing to undo
        return self.summary.changes

    def do_again(self) -> Changes:
        return restore_meetings(self.db, self._snapshots)

    def take_back(self) -> Changes:
        assert self.summary is not None
        self._snapshots, changes = delete_meetings(self.db, self.summary.meeting_ids)
        return changes


# -- follow-ups ---------------------------------------------------------------------------


class FollowUpDoneCommand(SetCommand[Sequence[int], bool]):
    def __init__(self, db: Database, hub: Hub, ids: Sequence[int], title: str, done: bool) -> None:
        text = f"{'Tick off' if done else 'Reopen'} “{title}”"
        super().__init__(db, hub, text, set_follow_ups_done, list(ids), not done, done)


class MoveFollowUpCommand(SetCommand[int, date]):
    def __init__(
        self, db: Database, hub: Hub, follow_up_id: int, title: str, before: date, after: date
    ) -> None:
        text = f"Move “{title}” to {date_text(after)}"
        super().__init__(db, hub, text, set_follow_up_due, follow_up_id, before, after)


# -- contacts and their cards -------------------------------------------------------------


class NewContactCommand(AddCommand[ContactSnapshot]):
    """Add a contact; undo deletes it, redo puts the same one back (same id)."""

    def __init__(self, db: Database, hub: Hub, fields: ContactFields | None = None) -> None:
        super().__init__(db, hub, "New contact")
        self._fields = fields
        self._discarding = False

    def discard(self) -> None:
        """The contact was left empty: the next undo removes it and this step from history."""
        self._discarding = True

    def add(self) -> tuple[int, Changes]:
        return create_contact(self.db, self._fields)

    def remove(self, new_id: int) -> tuple[ContactSnapshot, Changes]:
        return delete_contacts(self.db, [new_id])

    def restore(self, removed: ContactSnapshot) -> Changes:
        return restore_contacts(self.db, removed)

    def undo(self) -> None:
        super().undo()
        if self._discarding:
            self.setObsolete(True)  # QUndoStack drops an obsolete command once undone


class MoveCardsCommand(RecordCommand[MoveResult]):
    """Move cards to a stage (or another place in theirs); undo puts everything back."""

    def __init__(
        self,
        db: Database,
        hub: Hub,
        ids: Sequence[int],
        stage_id: int,
        before: int | None,
        text: str,
        report: Report | None = None,
    ) -> None:
        super().__init__(db, hub, text, report)
        self.ids = list(ids)
        self.stage_id = stage_id
        self.before = before

    def perform(self) -> tuple[MoveResult, Changes]:
        return move_contacts(self.db, self.ids, self.stage_id, before=self.before)

    def revert(self, record: MoveResult) -> Changes:
        return undo_move(self.db, record)


class SetStatusCommand(RecordCommand[StatusRecord]):
    def __init__(
        self, db: Database, hub: Hub, application_id: int, title: str, status: str
    ) -> None:
        super().__init__(db, hub, f"Mark {title} as {status}")
        self._id, self._status = application_id, status

    def perform(self) -> tuple[StatusRecord, Changes]:
        return set_status(self.db, self._id, self._status)

    def revert(self, record: StatusRecord) -> Changes:
        return undo_status(self.db, record)
