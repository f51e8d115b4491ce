"""Planning a meeting from the prep sheet: the meeting and its preparation as one undo step."""

from __future__ import annotations

from collections.abc import Sequence

from crm.calendar.meetings import MeetingFields
from crm.prep.questions import ChosenQuestion
from crm.store.localtime import local_zone
from ui.calendar.commands import ScheduleMeetingCommand
from ui.common.undo import push
from ui.context import AppContext
from ui.prep.commands import SavePrepCommand


def plan_and_prepare(
    ctx: AppContext,
    contact_id: int,
    fields: MeetingFields,
    goal: str,
    chosen: Sequence[ChosenQuestion],
) -> tuple[int | None, str]:
    """Schedule the meeting (the contact moves on to Scheduled) and keep its prep.

    Returns the new meeting's id and "", or None and why it could not be planned; then
    nothing is left on the undo stack.
    """
    stack = ctx.undo_stack
    stack.beginMacro(f"Plan and prepare {fields.title}")
    schedule = ScheduleMeetingCommand(
        ctx.db, ctx.hub, fields, move_ids=(contact_id,), tz=local_zone()
    )
    # The caller tells a failure, once the macro is closed.
    planned = push(ctx, schedule, lambda _message: None) and schedule.meeting_id is not None
    if planned:
        assert schedule.meeting_id is not None
        push(ctx, SavePrepCommand(ctx, schedule.meeting_id, fields.title, goal, list(chosen)))
    stack.endMacro()
    if not planned:
        # Qt keeps an empty macro as a step; an obsolete step is dropped when undone.
        empty = stack.command(stack.index() - 1)
        if empty is not None and empty.childCount() == 0:
            empty.setObsolete(True)
            stack.undo()
        return None, schedule.error
    return schedule.meeting_id, ""
