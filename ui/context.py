"""What every page is handed by the composition root: data, change hub, undo stack, status."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from PySide6.QtGui import QUndoStack

from crm.store.db import Database
from crm.store.paths import DataPaths
from ui.hub import Hub


class StatusMessage(Protocol):
    """Show a short message (in the main window's status bar) for `timeout_ms`."""

    def __call__(self, text: str, timeout_ms: int = 5000) -> None: ...


def _nowhere(text: str, timeout_ms: int = 5000) -> None:
    """Where status messages go before a window provides its status bar (tests, start-up)."""


@dataclass
class AppContext:
    paths: DataPaths
    db: Database
    hub: Hub
    undo_stack: QUndoStack
    show_status: StatusMessage = field(default=_nowhere)
