"""What every page is handed by the composition root: data, change hub, undo stack."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QUndoStack

from crm.store.db import Database
from crm.store.paths import DataPaths
from ui.hub import Hub


@dataclass
class AppContext:
    paths: DataPaths
    db: Database
    hub: Hub
    undo_stack: QUndoStack
