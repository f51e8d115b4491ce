"""The reminder helper: a small process (started at login when the user turned reminders
on) that checks what is due every few minutes and shows a desktop notification; a click
opens Rapport. It reads a snapshot of the data file and never takes the app's lock."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from datetime import date, tzinfo
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, QTimer, Signal, Slot

from crm.store.clock import Clock, utc_now
from crm.store.localtime import local_zone
from crm.store.paths import DataPaths
from crm.today.reminders import items_due, reminder_text

CHECK_EVERY_MS = 10 * 60 * 1000
MAIN = Path(__file__).resolve().parents[2] / "main.py"
Notify = Callable[[str, str], object]


def rapport_command(paths: DataPaths, *extra: str) -> list[str]:
    """The command that starts Rapport (or one of its commands) on this data folder."""
    if getattr(sys, "frozen", False):
        base = [sys.executable]
    else:
        # On Windows pythonw.exe runs without a console window left open for the helper.
        python = Path(sys.executable)
        quiet = python.with_name("pythonw.exe")
        base = [str(quiet if os.name == "nt" and quiet.exists() else python), str(MAIN)]
    return [*base, "--data-dir", str(paths.root), *extra]


class ReminderHelper(QObject):
    clicked = Signal()  # a notification was clicked (emitted on the GUI thread)

    def __init__(
        self,
        paths: DataPaths,
        notify: Notify,
        *,
        clock: Clock = utc_now,
        tz: tzinfo | None = None,
    ) -> None:
        super().__init__()
        self.paths, self.notify, self.clock = paths, notify, clock
        self.tz = tz or local_zone()
        self._last: tuple[date, tuple[object, ...]] | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)
        self.clicked.connect(self.open_rapport)

    def start(self) -> None:
        self.check()
        self.timer.start()

    @Slot()
    def check(self) -> int:
        """Notify about what is due, unless the same was already shown today."""
        if not self.paths.database.exists():
            return 0
        today, items = items_due(self.paths.database, self.clock, self.tz)
        key = (today, tuple((i.kind, i.contact_id, i.follow_up_id, i.meeting_id) for i in items))
        if items and key != self._last:
            self.notify(*reminder_text(items))
        self._last = key
        return len(items)

    @Slot()
    def open_rapport(self) -> None:
        program, *args = rapport_command(self.paths)
        QProcess.startDetached(program, args)
