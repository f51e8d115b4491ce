"""Contacts table columns sized to what they hold, as far as the table's width allows.

Stage and dates are short and read whole; names and companies get what their visible rows
need up to a share of the width; the title takes the rest (elided, read in full in its
tooltip). Where the width cannot hold every column whole, the dates' headers, then
companies and names give way (elided, read whole in their tooltips) rather than push
columns out of sight. Measured only on the rows in view, once after a resize or a new
list, so typing a search never pays for it (nor for the scroll bar that comes and goes
with the length of the list, once fitted to rows in sight).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QHeaderView, QTableView, QToolTip

from ui.contacts.cells import COMPANY, LAST, NAME, NEXT, REACH_OUT, STAGE, TITLE

# The most of the table's width a column may take: the rest is left to the title.
SHARES = {NAME: 0.26, COMPANY: 0.22, STAGE: 0.18, LAST: 0.15, NEXT: 0.15, REACH_OUT: 0.15}
TITLE_MIN = 80
# Where not every column fits, these give way in turn, down to these widths.
FLOORS = {COMPANY: 90, NAME: 110}
DATES = (LAST, NEXT, REACH_OUT)


class ColumnFitter(QObject):
    """Fits the columns of `view` when its width changes (and when asked)."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self._view = view
        self._width = -1  # the viewport's width when last fitted
        self._outer = -1  # the view's own width then, if it was fitted to rows in sight
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.fit)
        view.viewport().installEventFilter(self)
        self._header = view.horizontalHeader()
        self._header.viewport().installEventFilter(self)
        self._header.setTextElideMode(Qt.TextElideMode.ElideRight)

    def request(self) -> None:
        self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and watched is self._header.viewport():
            return self._header_tip(self._header, event)
        # A scroll bar shown or hidden as a search changes the list's length narrows the
        # viewport, not the view: the columns stay (the title takes up the change).
        if (
            event.type() == QEvent.Type.Resize
            and self._view.viewport().width() != self._width
            and self._view.width() != self._outer
        ):
            self.request()
        return False

    def _header_tip(self, header: QHeaderView, event: QEvent) -> bool:
        """A header too narrow for its title shows it whole in a tooltip."""
        assert isinstance(event, QHelpEvent)
        section = header.logicalIndexAt(event.pos())
        if section < 0 or header.sectionSize(section) >= header.sectionSizeHint(section):
            return False
        title = header.model().headerData(section, Qt.Orientation.Horizontal)
        QToolTip.showText(event.globalPos(), str(title), header)
        return True

    def fit(self) -> None:
        view = self._view
        width = view.viewport().width()
        self._width = width
        self._outer = -1
        if width <= 0 or view.model() is None or view.model().rowCount() == 0:
            return
        if view.isVisible():
            self._outer = view.width()
        header = view.horizontalHeader()
        wanted: dict[int, int] = {}
        floors = dict(FLOORS)
        for column, share in SHARES.items():
            content = max(view.sizeHintForColumn(column), header.sectionSizeHint(column))
            wanted[column] = min(content + 8, int(width * share))
            if column in DATES:  # the dates stay whole; their header may be elided
                floors[column] = view.sizeHintForColumn(column) + 8
        # If everything does not fit beside a readable title, the dates' headers give way
        # (their dates stay whole), then companies and names.
        excess = sum(wanted.values()) + TITLE_MIN - width
        for column in (*DATES, COMPANY, NAME):
            if excess > 0:
                give = max(0, min(excess, wanted[column] - floors[column]))
                wanted[column] -= give
                excess -= give
        for column, size in wanted.items():
            if column != TITLE:
                view.setColumnWidth(column, size)
