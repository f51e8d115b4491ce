"""The week grid: half-hour slots of seven days; meetings drop to a slot, resize by their end."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from PySide6.QtCore import QObject, Qt

from crm.calendar.agenda import Entry
from crm.calendar.meetings import get_meeting
from crm.store.localtime import to_utc
from ui.calendar.commands import RescheduleCommand
from ui.calendar.models import DATE_ROLE, SLOT_MINUTES, CalendarGridModel
from ui.common.dates import long_date_text
from ui.context import AppContext


class WeekModel(CalendarGridModel):
    """One week; rows are half-hour slots, a meeting's child item sits in its starting slot."""

    def __init__(
        self, ctx: AppContext, tz: tzinfo, first_weekday: int, parent: QObject | None = None
    ) -> None:
        super().__init__(ctx, tz, first_weekday, parent)
        self.show_week(self.today())

    def show_week(self, day: date) -> None:
        self.set_first_day(self.week_start(day))

    def grid_rows(self) -> int:
        return 24 * 60 // SLOT_MINUTES

    def day_of(self, row: int, column: int) -> date:
        return self.first_day + timedelta(days=column)

    def last_day(self) -> date:
        return self.first_day + timedelta(days=6)

    def slot_time(self, row: int) -> time:
        minutes = row * SLOT_MINUTES
        return time(minutes // 60, minutes % 60)

    def cell_of(self, entry: Entry) -> tuple[int, int] | None:
        offset = (entry.day - self.first_day).days
        if not 0 <= offset < 7 or entry.start is None:
            return None  # follow-ups have no time: the view shows them above the slots
        return ((entry.start.hour * 60 + entry.start.minute) // SLOT_MINUTES, offset)

    def drop_start(self, row: int, column: int, current: datetime) -> datetime:
        return datetime.combine(self.day_of(row, column), self.slot_time(row))

    def cell_data(self, row: int, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{self.slot_time(row):%H:%M}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            day = self.day_of(row, column)
            return f"{long_date_text(day)}, {self.slot_time(row):%H:%M}"
        if role == DATE_ROLE:
            return self.day_of(row, column).isoformat()
        return None

    def meetings_of(self, column: int) -> list[Entry]:
        return [e for e in self.by_day.get(self.day_of(0, column), []) if e.is_meeting]

    def follow_ups_of(self, column: int) -> list[Entry]:
        return [e for e in self.by_day.get(self.day_of(0, column), []) if not e.is_meeting]

    def resize_command(self, meeting_id: int, new_end_local: datetime) -> RescheduleCommand | None:
        meeting = get_meeting(self.ctx.db, meeting_id)
        new_end = to_utc(new_end_local, self.tz)
        if new_end <= meeting.start_at or new_end == meeting.end_at:
            return None
        return RescheduleCommand(
            self.ctx.db,
            self.ctx.hub,
            meeting_id,
            meeting.title,
            (meeting.start_at, meeting.end_at),
            (meeting.start_at, new_end),
        )
