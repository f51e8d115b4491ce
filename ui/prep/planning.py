"""Planning a meeting from the prep sheet: the meeting and its preparation as one undo step."""

from __future__ import annotations

from collections.abc import Sequence

from crm.calendar.meetings import MeetingFields
from crm.prep.questions import ChosenQuestion
from crm.store.localtime import local_zone
from ui.common.commands import ScheduleMeetingCommand
from ui.common.undo import macro, push
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
    schedule = ScheduleMeetingCommand(
        ctx.db, ctx.hub, fields, move_ids=(contact_id,), tz=local_zone()
    )
    with macro(ctx, f"Plan and prepare {fields.title}"):
        # The caller tells a failure, once the macro is closed.
        if push(ctx, schedule, lambda _message: None) and schedule.meeting_id is not None:
            push(ctx, SavePrepCommand(ctx, schedule.meeting_id, fields.title, goal, chosen))
    return schedule.meeting_id if not schedule.error else None, schedule.error
