"""Marking a meeting done before it happened asks first: "The meeting with Aiko is on
10 Dec. Mark it done now?" (held meetings bring thank-you notes and reset keep-in-touch)."""

from __future__ import annotations

from datetime import datetime, tzinfo

from PySide6.QtWidgets import QMessageBox, QWidget

from crm.calendar.meetings import MeetingRow
from crm.store.localtime import to_local


def confirm_early_done(
    parent: QWidget | None, meeting: MeetingRow, now: datetime, tz: tzinfo
) -> bool:
    """True when the meeting has started, or the user confirms marking it done early."""
    if meeting.start_at <= now:
        return True
    names = ", ".join(a.name.split()[0] for a in meeting.attendees if a.name) or "them"
    day = to_local(meeting.start_at, tz)
    box = QMessageBox(parent)
    box.setObjectName("earlyDoneQuestion")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Mark done early?")
    box.setText(f"The meeting with {names} is on {day.day} {day:%b}. Mark it done now?")
    box.setInformativeText("It will count as held today, not on the planned day.")
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes
