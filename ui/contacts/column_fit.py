"""Contacts table columns sized to what they hold, as far as the table's width allows.

Stage and dates are short and read whole; names and companies get what their visible rows
need up to a share of the width; the title takes the rest (elided, read in full in its
tooltip). Measured only on the rows in view, once after a resize or a new list, so typing a
search never pays for it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QTableView

from ui.contacts.model import COMPANY, LAST, NAME, NEXT, STAGE, TITLE

# The most of the table's width a column may take: the rest is left to the title.
SHARES = {NAME: 0.26, COMPANY: 0.22, STAGE: 0.18, LAST: 0.15, NEXT: 0.15}
TITLE_MIN = 110


class ColumnFitter(QObject):
    """Fits the columns of `view` when its width changes (and when asked)."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self._view = view
        self._width = -1
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.fit)
        view.viewport().installEventFilter(self)

    def request(self) -> None:
        self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self._view.viewport().width() != self._width:
            self.request()
        return False

    def fit(self) -> None:
        view = self._view
        width = view.viewport().width()
        self._width = width
        if width <= 0 or view.model() is None or view.model().rowCount() == 0:
            return
        header = view.horizontalHeader()
        wanted: dict[int, int] = {}
        for column, share in SHARES.items():
            content = max(view.sizeHintForColumn(column), header.sectionSizeHint(column))
            wanted[column] = min(content + 8, int(width * share))
        # If everything does not fit beside a readable title, names and companies give way.
        spare = width - sum(wanted.values()) - TITLE_MIN
        for column in (COMPANY, NAME):
            if spare < 0:
                give = min(-spare, wanted[column] - header.sectionSizeHint(column))
                wanted[column] -= max(give, 0)
                spare += max(give, 0)
        for column, size in wanted.items():
            if column != TITLE:
                view.setColumnWidth(column, size)
