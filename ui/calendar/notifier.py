"""Desktop reminders: a tray message before each meeting and once a day for due follow-ups."""

from __future__ import annotations

from datetime import datetime, tzinfo

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QSpinBox,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from crm.calendar.agenda import (
    follow_ups_to_announce,
    meetings_starting_soon,
    reminder_minutes,
    set_reminder_minutes,
)
from crm.store.localtime import to_local
from ui.common.dialogs import Dialog
from ui.common.plain_text import notification_body
from ui.context import AppContext
from ui.dialog_keys import save_cancel_buttons
from ui.icons import icon

CHECK_EVERY_MS = 30_000
FIRST_CHECK_MS = 4_000  # after the window has painted: start-up stays fast


class Notifier(QObject):
    """A QTimer asks the services what is due; messages go to the system tray if there is one,
    otherwise to the status bar (never a warning when no tray exists, e.g. offscreen)."""

    notified = Signal(str, str)  # title, text: every reminder, wherever it was shown
    openRequested = Signal()  # the user clicked a reminder

    def __init__(self, ctx: AppContext, tz: tzinfo, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.tz = ctx, tz
        self._announced: set[tuple[int, datetime]] = set()
        self._tray: QSystemTrayIcon | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        self.timer.start()
        QTimer.singleShot(FIRST_CHECK_MS, self, self.check)

    def stop(self) -> None:
        self.timer.stop()
        if self._tray is not None:
            self._tray.hide()

    @Slot()
    def check(self) -> None:
        db = self.ctx.db
        minutes = reminder_minutes(db)
        if minutes > 0:
            for meeting in meetings_starting_soon(db, db.now(), minutes):
                key = (meeting.id, meeting.start_at)
                if key in self._announced:
                    continue
                self._announced.add(key)
                start = to_local(meeting.start_at, self.tz)
                people = ", ".join(a.name for a in meeting.attendees)
                where = f" · {meeting.location}" if meeting.location else ""
                text = f"{start:%H:%M}" + (f" with {people}" if people else "") + where
                self.notify(meeting.title, text)
        due = follow_ups_to_announce(db, self.tz)
        if due:
            title = "1 follow-up due" if len(due) == 1 else f"{len(due)} follow-ups due"
            lines = [f"{f.title} ({f.contact_name})" for f in due[:4]]
            if len(due) > 4:
                lines.append(f"and {len(due) - 4} more")
            self.notify(title, "\n".join(lines))

    def notify(self, title: str, text: str) -> None:
        tray = self._tray_icon()
        if tray is not None:
            body = notification_body(text)
            tray.showMessage(title, body, QSystemTrayIcon.MessageIcon.Information, 15_000)
        else:
            self.ctx.show_status(f"{title}: {text.splitlines()[0]}", 30_000)
        self.notified.emit(title, text)

    def _tray_icon(self) -> QSystemTrayIcon | None:
        if self._tray is not None:
            return self._tray
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return None
        self._tray = QSystemTrayIcon(icon("app"), self)
        self._tray.setToolTip("Rapport")
        self._tray.messageClicked.connect(self.openRequested)
        self._tray.activated.connect(lambda _reason: self.openRequested.emit())
        self._tray.show()
        return self._tray


class ReminderSettingsDialog(Dialog):
    """The one preference of reminders: how long before a meeting (0 turns them off)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("reminderSettings", "Reminders", parent)
        self.ctx = ctx
        self.minutes = QSpinBox()
        self.minutes.setObjectName("reminderMinutes")
        self.minutes.setRange(0, 24 * 60)
        self.minutes.setSingleStep(5)
        self.minutes.setSuffix(" min before")
        self.minutes.setSpecialValueText("Off")
        self.minutes.setValue(reminder_minutes(ctx.db))
        explain = QLabel(
            "A desktop notification appears this long before each planned meeting, "
            "and once a day when follow-ups are due, while Rapport is open."
        )
        explain.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Meeting &reminder:", self.minutes)
        buttons = save_cancel_buttons(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(explain)
        layout.addWidget(buttons)

    def accept(self) -> None:
        set_reminder_minutes(self.ctx.db, self.minutes.value())
        super().accept()
