"""A warning under a meeting's time when it overlaps another planned meeting."""

from __future__ import annotations

import html
from datetime import datetime, tzinfo

from PySide6.QtWidgets import QLabel, QWidget

from crm.calendar.slots import clashes
from crm.store.db import Database
from crm.store.localtime import to_local
from crm.wording import plural


class ClashNote(QLabel):
    """Names the meetings a proposed time overlaps; hidden when there are none."""

    def __init__(
        self, db: Database, tz: tzinfo, exclude_id: int | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._db, self._tz, self._exclude = db, tz, exclude_id
        self.setObjectName("meetingClash")
        self.setWordWrap(True)
        self.setStyleSheet("color: #b45309;")
        self.setVisible(False)

    def check(self, start: datetime, end: datetime) -> None:
        """Show what [start, end) (naive UTC) overlaps."""
        found = clashes(self._db, start, end, exclude_id=self._exclude)
        if not found:
            self.setVisible(False)
            self.setText("")
            return
        first = found[0]
        local_start, local_end = (
            to_local(first.start_at, self._tz),
            to_local(first.end_at, self._tz),
        )
        when = f"{local_start:%a %d %b, %H:%M}–{local_end:%H:%M}"
        text = f"Clashes with “{first.title}” ({when})"
        if len(found) > 1:
            text += f" and {plural(len(found) - 1, 'other meeting')}"
        self.setText(html.escape(text) + ".")
        self.setToolTip(text)
        self.setVisible(True)
