"""Starting the GUI for `main.py`: one instance per data folder, clear errors, demo mode."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QLockFile
from PySide6.QtWidgets import QMessageBox

from crm.db import DatabaseError
from crm.paths import DataPaths
from ui.app import create_main_window, ensure_app


def acquire_lock(paths: DataPaths) -> QLockFile | None:
    """Lock the data folder; None when another Rapport already has it open."""
    lock = QLockFile(str(paths.lock_file))
    lock.setStaleLockTime(0)  # a lock is stale only when its process is gone
    if lock.tryLock(100):
        return lock
    lock.removeStaleLockFile()
    return lock if lock.tryLock(100) else None


def run_gui(paths: DataPaths, *, demo: bool = False) -> int:
    app = ensure_app()
    if demo:
        paths = DataPaths(Path(tempfile.mkdtemp(prefix="rapport-demo-")))
    paths.ensure()
    lock = acquire_lock(paths)
    if lock is None:
        message = (
            f"Rapport is already open on this data folder:\n{paths.root}\n\n"
            "Switch to the open window, or close it first."
        )
        print(f"rapport: {message.splitlines()[0]} {paths.root}", file=sys.stderr)
        QMessageBox.information(None, "Rapport is already running", message)
        return 1
    try:
        if demo:
            from crm.sample_data import load_sample_data

            from crm.schema import open_database

            opened = open_database(paths)
            load_sample_data(opened.database)
            opened.database.dispose()
        window = create_main_window(paths.root)
    except DatabaseError as exc:
        QMessageBox.critical(None, "Rapport cannot open its data", str(exc))
        raise
    window.show()
    try:
        return app.exec()
    finally:
        window.ctx.db.dispose()
        lock.unlock()
