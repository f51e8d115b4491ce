"""Keeps the contacts search's in-memory name order current, building it while idle.

`crm.contacts.name_order.NameOrder` lets a broad search find its first page without
SQLite, but only while it matches the data file. After each new list (a search, or a
reload after data changed) and a short pause in typing, it is read again in slices, one
per turn of the event loop, so typing and painting go on between them; what is read so
far already answers broad searches (`NameOrder.head`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

from PySide6.QtCore import QObject, QTimer, Slot

from ui.contacts.model import ContactTableModel

# After the last new list. A step of the build reads name_order.SLICE rows (about 12 ms at
# 100,000 contacts), so it may run between two keys of a word; a key pressed meanwhile
# waits for that step alone.
IDLE_MS = 100


class NameOrderKeeper(QObject):
    def __init__(self, model: ContactTableModel) -> None:
        super().__init__(model)
        self._model = model
        self._steps: Iterator[None] | None = None
        self.enabled = True  # False: never built (bench.search_typing types without it)
        self._idle = QTimer(self, singleShot=True, interval=IDLE_MS)
        self._idle.timeout.connect(self._begin)
        self._next = QTimer(self, singleShot=True, interval=0)
        self._next.timeout.connect(self._step)
        model.listed.connect(self._idle.start)

    @property
    def building(self) -> bool:
        return self._steps is not None

    @Slot()
    def _begin(self) -> None:
        if not self.enabled:
            return
        order = self._model.first_page().name_order()
        if order.is_current() or (self._steps is not None and order.head() is not None):
            return
        # Not built, or data changed since (a build under way included): read it again.
        # Its head answers broad searches as soon as its first slices are read.
        self._steps = order.build()
        self._next.start()

    @Slot()
    def _step(self) -> None:
        if self._steps is None:
            return
        try:
            more = next(self._steps, StopIteration) is not StopIteration
        except sqlite3.ProgrammingError:
            # The connection was closed under the build (the data file was restored, or
            # the window closed): nothing to keep; the next list starts a new one.
            more = False
        if more:
            self._next.start()
        else:
            self._steps = None
