"""Undoable calendar actions: schedule, edit, move, hold, cancel and delete meetings; follow-ups."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, tzinfo
from functools import partial
from typing import Any

from crm.calendar.attendee_moves import move_attendees, undo_move
from crm.calendar.followups import (
    add_follow_up,
    delete_follow_up,
    restore_follow_up,
)
from crm.calendar.holding import DoneRecord, mark_done, undo_done
from crm.calendar.meetings import (
    MeetingFields,
    reschedule_meeting,
    set_meeting_status,
    update_meeting,
)
from crm.calendar.scheduling import (
    MeetingSnapshot,
    delete_meeting,
    restore_meeting,
)
from crm.changes import Changes
from crm.pipeline.card_moves import MoveResult
from crm.store.db import Database
from ui.common.commands import FollowUpDoneCommand as FollowUpDoneCommand
from ui.common.commands import MoveFollowUpCommand as MoveFollowUpCommand
from ui.common.undo import AddThroughCommand, Command, DeleteCommand, RecordCommand, SetCommand
from ui.hub import Hub


class MoveAttendeesCommand(Command):
    """Move attendees still behind `stage_name` there (the pipeline's move)."""

    def __init__(
        self, db: Database, hub: Hub, ids: Sequence[int], stage_name: str, tz: tzinfo
    ) -> None:
        super().__init__(db, hub, f"Move attendees to {stage_name}")
        self.ids, self.stage_name, self.tz = tuple(ids), stage_name, tz
        self._move: MoveResult | None = None

    def do(self) -> Changes:
        self._move, changes = move_attendees(self.db, self.ids, self.stage_name, self.tz)
        return changes

    def take_back(self) -> Changes:
        return undo_move(self.db, self._move)


class EditMeetingCommand(SetCommand[int, MeetingFields]):
    def __init__(
        self, db: Database, hub: Hub, meeting_id: int, before: MeetingFields, after: MeetingFields
    ) -> None:
        text = f"Edit {after.title.strip()}"
        super().__init__(db, hub, text, update_meeting, meeting_id, before, after)


def _reschedule(db: Database, meeting_id: int, times: tuple[datetime, datetime]) -> Changes:
    return reschedule_meeting(db, meeting_id, *times)


class RescheduleCommand(SetCommand[int, tuple[datetime, datetime]]):
    """Move a meeting (drag) or change its length (resize); times naive UTC."""

    def __init__(
        self,
        db: Database,
        hub: Hub,
        meeting_id: int,
        title: str,
        before: tuple[datetime, datetime],
        after: tuple[datetime, datetime],
    ) -> None:
        verb = "Change length of" if before[0] == after[0] else "Reschedule"
        super().__init__(db, hub, f"{verb} {title}", _reschedule, meeting_id, before, after)


class MarkDoneCommand(RecordCommand[DoneRecord]):
    """Mark a meeting held: history entries for the attendees, and the offered move to Met."""

    def __init__(
        self,
        db: Database,
        hub: Hub,
        meeting_id: int,
        title: str,
        notes: str,
        *,
        move_ids: Sequence[int] = (),
        tz: tzinfo,
    ) -> None:
        super().__init__(db, hub, f"Mark {title} done")
        self.meeting_id, self.notes, self.move_ids, self.tz = meeting_id, notes, move_ids, tz

    def perform(self) -> tuple[DoneRecord, Changes]:
        return mark_done(self.db, self.meeting_id, self.notes, move_ids=self.move_ids, tz=self.tz)

    def revert(self, record: DoneRecord) -> Changes:
        return undo_done(self.db, record)


class MeetingStatusCommand(SetCommand[int, str]):
    """Cancel a meeting (it stays on the calendar, struck through) or plan it again."""

    def __init__(self, db: Database, hub: Hub, meeting_id: int, title: str, cancel: bool) -> None:
        text = f"{'Cancel' if cancel else 'Plan again'} {title}"
        new, old = ("cancelled", "planned") if cancel else ("planned", "cancelled")
        super().__init__(db, hub, text, set_meeting_status, meeting_id, old, new)


class DeleteMeetingCommand(DeleteCommand[int, MeetingSnapshot]):
    def __init__(self, db: Database, hub: Hub, meeting_id: int, title: str) -> None:
        super().__init__(db, hub, f"Delete {title}", delete_meeting, meeting_id, restore_meeting)


# -- follow-ups ---------------------------------------------------------------------------


class AddFollowUpCommand(AddThroughCommand[dict[str, Any]]):
    def __init__(
        self, db: Database, hub: Hub, contact_id: int, name: str, title: str, due: date
    ) -> None:
        add = partial(add_follow_up, db, contact_id, title, due)
        text = f"Add follow-up for {name}"
        super().__init__(db, hub, text, add, delete_follow_up, restore_follow_up)


class DeleteFollowUpCommand(DeleteCommand[int, dict[str, Any]]):
    def __init__(self, db: Database, hub: Hub, follow_up_id: int, title: str) -> None:
        text = f"Delete follow-up “{title}”"
        super().__init__(db, hub, text, delete_follow_up, follow_up_id, restore_follow_up)
