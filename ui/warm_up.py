"""Preparing costly pages in idle time after start-up, so that their first show is quick."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from PySide6.QtCore import QObject, QTimer, Signal

# A page's preparation: a generator that does one slice of work per step.
Preparation = Callable[[], Iterator[None]]


class WarmUp(QObject):
    """Runs preparations one slice per turn of the event loop.

    Between slices the loop handles input and paints, so the window stays responsive
    while, say, the pipeline board is built behind the page the user is looking at.
    """

    finished = Signal()

    def __init__(self, preparations: list[Preparation], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._waiting = list(preparations)
        self._current: Iterator[None] | None = None
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self._step)
        self.done = False

    def start(self, delay_ms: int) -> None:
        self._timer.start(delay_ms)

    def _step(self) -> None:
        if self._current is None:
            if not self._waiting:
                self.done = True
                self.finished.emit()
                return
            self._current = self._waiting.pop(0)()
        if next(self._current, StopIteration) is StopIteration:
            self._current = None
        self._timer.start(0)
