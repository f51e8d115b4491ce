"""Entry points other pages call: schedule, edit or hold a meeting, add a follow-up."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta, tzinfo

from PySide6.QtWidgets import QDialog, QWidget

from crm.calendar.meetings import DEFAULT_MINUTES, SCHEDULED, get_meeting
from crm.calendar.slots import next_free_start
from crm.contacts.service import get_contact
from crm.errors import NotFoundError
from crm.store.localtime import local_today, local_zone
from ui.calendar.commands import (
    AddFollowUpCommand,
    EditMeetingCommand,
    MarkDoneCommand,
    MoveAttendeesCommand,
)
from ui.calendar.followup_dialog import FollowUpDialog
from ui.calendar.meeting_dialog import DoneDialog, MeetingDialog
from ui.common.commands import ScheduleMeetingCommand
from ui.common.prompts import warn
from ui.common.undo import Command, macro, push
from ui.context import AppContext
from ui.today.early_done import confirm_early_done


def _push(ctx: AppContext, parent: QWidget | None, command: Command) -> bool:
    """Push a command the user asked for in a dialog: a first failure gets a message box."""

    def report(text: str) -> None:
        warn(parent, "Rapport", text)

    return push(ctx, command, report)


def _people(ctx: AppContext, contact_ids: Sequence[int]) -> list[tuple[int, str]]:
    people = []
    for contact_id in contact_ids:
        try:
            people.append((contact_id, get_contact(ctx.db, contact_id).name))
        except NotFoundError:
            continue
    return people


def default_start(ctx: AppContext, tz: tzinfo, day: date | None = None) -> datetime:
    """The first free half hour from 10:00 on `day`, or from tomorrow (local wall-clock time)."""
    return next_free_start(ctx.db, tz, DEFAULT_MINUTES, day=day)


def schedule_meeting(
    ctx: AppContext,
    parent: QWidget | None,
    *,
    contact_ids: Sequence[int] = (),
    start: datetime | None = None,
    tz: tzinfo | None = None,
) -> int | None:
    """Ask for a new meeting (with `contact_ids` as attendees, starting at the local time
    `start`), save it as one undoable step; returns its id, or None if cancelled."""
    zone = tz or local_zone()
    dialog = MeetingDialog(
        ctx.db,
        zone,
        parent,
        people=_people(ctx, contact_ids),
        start=start or default_start(ctx, zone),
    )
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    command = ScheduleMeetingCommand(
        ctx.db, ctx.hub, dialog.fields(), move_ids=dialog.move_ids(), tz=zone
    )
    return command.meeting_id if _push(ctx, parent, command) else None


def edit_meeting(
    ctx: AppContext, parent: QWidget | None, meeting_id: int, *, tz: tzinfo | None = None
) -> bool:
    """Open a meeting in its dialog; saving is one undoable edit."""
    zone = tz or local_zone()
    try:
        meeting = get_meeting(ctx.db, meeting_id)
    except NotFoundError as exc:
        warn(parent, "Rapport", str(exc))
        return False
    dialog = MeetingDialog(ctx.db, zone, parent, meeting=meeting)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    after = dialog.fields()
    if after == meeting.fields:
        return False
    moves = dialog.move_ids()
    # Editing and the offered move to Scheduled are one step for Edit ▸ Undo.
    with macro(ctx, f"Edit {after.title.strip()}"):
        edit = EditMeetingCommand(ctx.db, ctx.hub, meeting_id, meeting.fields, after)
        pushed = _push(ctx, parent, edit)
        if pushed and moves:
            _push(ctx, parent, MoveAttendeesCommand(ctx.db, ctx.hub, moves, SCHEDULED, zone))
    return pushed


def mark_meeting_done(
    ctx: AppContext, parent: QWidget | None, meeting_id: int, *, tz: tzinfo | None = None
) -> bool:
    """Ask for the meeting's notes and the move to Met, then mark it done (one undo step)."""
    try:
        meeting = get_meeting(ctx.db, meeting_id)
    except NotFoundError as exc:
        warn(parent, "Rapport", str(exc))
        return False
    if meeting.status == "done":
        return False
    if not confirm_early_done(parent, meeting, ctx.db.now(), tz or local_zone()):
        return False
    dialog = DoneDialog(ctx.db, meeting, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    command = MarkDoneCommand(
        ctx.db,
        ctx.hub,
        meeting_id,
        meeting.title,
        dialog.notes.toPlainText(),
        move_ids=dialog.move_ids(),
        tz=tz or local_zone(),
    )
    if not _push(ctx, parent, command):
        return False
    if dialog.record_box.isChecked() and dialog.record_box.isVisibleTo(dialog):
        from ui.prep.answers import open_record_answers  # prep loads Jinja: only on demand

        open_record_answers(ctx, parent, meeting_id)
    return True


def add_follow_up(
    ctx: AppContext,
    parent: QWidget | None,
    *,
    contact_id: int | None = None,
    due: date | None = None,
    tz: tzinfo | None = None,
) -> int | None:
    """Ask for a follow-up (contact, what, due date; default due tomorrow); returns its id."""
    zone = tz or local_zone()
    people = _people(ctx, [contact_id]) if contact_id is not None else []
    dialog = FollowUpDialog(
        ctx.db,
        due or local_today(ctx.db.now(), zone) + timedelta(days=1),
        parent,
        contact=people[0] if people else None,
    )
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    chosen = dialog.contact_id()
    assert chosen is not None  # the dialog does not accept without one
    command = AddFollowUpCommand(
        ctx.db, ctx.hub, chosen, dialog.contact_name(), dialog.title_text(), dialog.due_date()
    )
    return command.new_id if _push(ctx, parent, command) else None
