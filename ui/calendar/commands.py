"""Undoable calendar actions: schedule, edit, move, hold, cancel and delete meetings; follow-ups."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import Any

from PySide6.QtGui import QUndoCommand

from crm.calendar.attendee_moves import move_attendees, undo_move
from crm.calendar.followups import (
    add_follow_up,
    delete_follow_up,
    restore_follow_up,
    set_follow_up_due,
    set_follow_ups_done,
)
from crm.calendar.holding import DoneRecord, mark_done, undo_done
from crm.calendar.ics import IcsImportSummary, import_ics
from crm.calendar.meetings import (
    MeetingFields,
    reschedule_meeting,
    set_meeting_status,
    update_meeting,
)
from crm.calendar.scheduling import (
    MeetingSnapshot,
    create_meeting,
    delete_meeting,
    delete_meetings,
    restore_meeting,
    restore_meetings,
    schedule_again,
    unschedule_meeting,
)
from crm.changes import Changes
from crm.errors import IcsError, NotFoundError
from crm.pipeline.card_moves import MoveResult
from crm.store.db import Database
from ui.hub import Hub


class CalendarCommand(QUndoCommand):
    """A command whose first redo may fail (record deleted elsewhere, bad input).

    Then it marks itself obsolete, so QUndoStack drops it, and keeps the message in
    `error` for the caller to show.
    """

    # Each subclass defines what it does and how it takes it back.
    do: Callable[[], Changes]
    take_back: Callable[[], Changes]

    def __init__(self, db: Database, hub: Hub, text: str) -> None:
        super().__init__(text)
        self.db = db
        self.hub = hub
        self.error = ""
        self._done_once = False

    def redo(self) -> None:
        try:
            changes = self.do() if not self._done_once else self.redo_again()
        except (NotFoundError, ValueError, LookupError, IcsError) as exc:
            if self._done_once:
                raise
            self.error = str(exc)
            self.setObsolete(True)
            return
        self._done_once = True
        self.hub.apply(changes)

    def undo(self) -> None:
        self.hub.apply(self.take_back())

    def redo_again(self) -> Changes:
        return self.do()


class ScheduleMeetingCommand(CalendarCommand):
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

    def redo_again(self) -> Changes:
        assert self._snapshot is not None
        self._move, changes = schedule_again(self.db, self._snapshot, self.move_ids, self.tz)
        return changes

    def take_back(self) -> Changes:
        assert self.meeting_id is not None
        self._snapshot, changes = unschedule_meeting(self.db, self.meeting_id, self._move)
        return changes


class MoveAttendeesCommand(CalendarCommand):
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


class EditMeetingCommand(CalendarCommand):
    def __init__(
        self, db: Database, hub: Hub, meeting_id: int, before: MeetingFields, after: MeetingFields
    ) -> None:
        super().__init__(db, hub, f"Edit {after.title.strip()}")
        self.meeting_id, self.before, self.after = meeting_id, before, after

    def do(self) -> Changes:
        return update_meeting(self.db, self.meeting_id, self.after)

    def take_back(self) -> Changes:
        return update_meeting(self.db, self.meeting_id, self.before)


class RescheduleCommand(CalendarCommand):
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
        super().__init__(db, hub, f"{verb} {title}")
        self.meeting_id, self.before, self.after = meeting_id, before, after

    def do(self) -> Changes:
        return reschedule_meeting(self.db, self.meeting_id, *self.after)

    def take_back(self) -> Changes:
        return reschedule_meeting(self.db, self.meeting_id, *self.before)


class MarkDoneCommand(CalendarCommand):
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
        self.record: DoneRecord | None = None

    def do(self) -> Changes:
        self.record, changes = mark_done(
            self.db, self.meeting_id, self.notes, move_ids=self.move_ids, tz=self.tz
        )
        return changes

    def take_back(self) -> Changes:
        assert self.record is not None
        return undo_done(self.db, self.record)


class MeetingStatusCommand(CalendarCommand):
    """Cancel a meeting (it stays on the calendar, struck through) or plan it again."""

    def __init__(self, db: Database, hub: Hub, meeting_id: int, title: str, cancel: bool) -> None:
        super().__init__(db, hub, f"{'Cancel' if cancel else 'Plan again'} {title}")
        self.meeting_id = meeting_id
        self.new, self.old = ("cancelled", "planned") if cancel else ("planned", "cancelled")

    def do(self) -> Changes:
        return set_meeting_status(self.db, self.meeting_id, self.new)

    def take_back(self) -> Changes:
        return set_meeting_status(self.db, self.meeting_id, self.old)


class DeleteMeetingCommand(CalendarCommand):
    def __init__(self, db: Database, hub: Hub, meeting_id: int, title: str) -> None:
        super().__init__(db, hub, f"Delete {title}")
        self.meeting_id = meeting_id
        self._snapshot: MeetingSnapshot | None = None

    def do(self) -> Changes:
        self._snapshot, changes = delete_meeting(self.db, self.meeting_id)
        return changes

    def take_back(self) -> Changes:
        assert self._snapshot is not None
        return restore_meeting(self.db, self._snapshot)


class ImportIcsCommand(CalendarCommand):
    """Add the events of an .ics file as meetings; undo removes exactly those meetings."""

    def __init__(self, db: Database, hub: Hub, path: Path, tz: tzinfo) -> None:
        super().__init__(db, hub, f"Import {path.name}")
        self.path, self.tz = path, tz
        self.summary: IcsImportSummary | None = None
        self._snapshots: tuple[MeetingSnapshot, ...] = ()

    def do(self) -> Changes:
        self.summary = import_ics(self.db, self.path, tz=self.tz)
        if not self.summary.created:
            self.setObsolete(True)  # nothing new: nothing to undo
        return self.summary.changes

    def redo_again(self) -> Changes:
        return restore_meetings(self.db, self._snapshots)

    def take_back(self) -> Changes:
        assert self.summary is not None
        self._snapshots, changes = delete_meetings(self.db, self.summary.meeting_ids)
        return changes


# -- follow-ups ---------------------------------------------------------------------------


class AddFollowUpCommand(CalendarCommand):
    def __init__(
        self, db: Database, hub: Hub, contact_id: int, name: str, title: str, due: date
    ) -> None:
        super().__init__(db, hub, f"Add follow-up for {name}")
        self.contact_id, self.title, self.due = contact_id, title, due
        self.follow_up_id: int | None = None
        self._row: dict[str, Any] | None = None

    def do(self) -> Changes:
        self.follow_up_id, changes = add_follow_up(self.db, self.contact_id, self.title, self.due)
        return changes

    def redo_again(self) -> Changes:
        assert self._row is not None
        return restore_follow_up(self.db, self._row)

    def take_back(self) -> Changes:
        assert self.follow_up_id is not None
        self._row, changes = delete_follow_up(self.db, self.follow_up_id)
        return changes


class FollowUpDoneCommand(CalendarCommand):
    def __init__(self, db: Database, hub: Hub, ids: Sequence[int], title: str, done: bool) -> None:
        super().__init__(db, hub, f"{'Tick off' if done else 'Reopen'} “{title}”")
        self.ids, self.done = list(ids), done

    def do(self) -> Changes:
        return set_follow_ups_done(self.db, self.ids, self.done)

    def take_back(self) -> Changes:
        return set_follow_ups_done(self.db, self.ids, not self.done)


class MoveFollowUpCommand(CalendarCommand):
    def __init__(
        self, db: Database, hub: Hub, follow_up_id: int, title: str, before: date, after: date
    ) -> None:
        super().__init__(db, hub, f"Move “{title}” to {after:%d %b}")
        self.follow_up_id, self.before, self.after = follow_up_id, before, after

    def do(self) -> Changes:
        return set_follow_up_due(self.db, self.follow_up_id, self.after)

    def take_back(self) -> Changes:
        return set_follow_up_due(self.db, self.follow_up_id, self.before)


class DeleteFollowUpCommand(CalendarCommand):
    def __init__(self, db: Database, hub: Hub, follow_up_id: int, title: str) -> None:
        super().__init__(db, hub, f"Delete follow-up “{title}”")
        self.follow_up_id = follow_up_id
        self._row: dict[str, Any] | None = None

    def do(self) -> Changes:
        self._row, changes = delete_follow_up(self.db, self.follow_up_id)
        return changes

    def take_back(self) -> Changes:
        assert self._row is not None
        return restore_follow_up(self.db, self._row)


def push_command(stack: Any, command: CalendarCommand, report: Callable[[str], None]) -> bool:
    """Push `command`; if its first run failed, tell the user why. True when it took effect."""
    stack.push(command)
    if command.error:
        report(command.error)
        return False
    return True
