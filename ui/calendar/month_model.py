"""The month grid: six weeks of days around the month shown."""

from __future__ import annotations

from datetime import date, tzinfo

from PySide6.QtCore import QObject

from ui.calendar.models import CalendarGridModel
from ui.context import AppContext


class MonthModel(CalendarGridModel):
    """Six weeks around a month, starting on the locale's first day of the week."""

    def __init__(
        self, ctx: AppContext, tz: tzinfo, first_weekday: int, parent: QObject | None = None
    ) -> None:
        super().__init__(ctx, tz, first_weekday, parent)
        self.month = self.today().replace(day=1)
        self.show_month(self.month)

    def show_month(self, month: date) -> None:
        self.month = month.replace(day=1)
        self.set_first_day(self.week_start(self.month))
