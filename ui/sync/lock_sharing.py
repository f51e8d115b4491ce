"""Sharing the interpreter lock with the window while a sync computes beside it.

The window's thread takes the interpreter lock once for each Python call a repaint makes
(a table's cells, a delegate's paint). While a sync plans or writes thousands of items on
its pool thread, each of those takes waits for the sync to hand the lock over, up to the
switch interval (5 ms by default): a table's two hundred cells froze the window for a
second. A short interval while a sync runs bounds each wait; the sync pays a few per cent
more switches.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

WHILE_SYNCING_S = 0.0002

_lock = threading.Lock()
_running = 0
_usual = sys.getswitchinterval()


@contextmanager
def window_first() -> Iterator[None]:
    """Run the body with the short switch interval (nested and concurrent uses count)."""
    global _running, _usual
    with _lock:
        if _running == 0:
            _usual = sys.getswitchinterval()
            sys.setswitchinterval(WHILE_SYNCING_S)
        _running += 1
    try:
        yield
    finally:
        with _lock:
            _running -= 1
            if _running == 0:
                sys.setswitchinterval(_usual)
