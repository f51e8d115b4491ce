"""The calendar: meetings, follow-ups, the agenda and iCalendar import/export."""
