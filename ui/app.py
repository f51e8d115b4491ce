"""The composition root of the GUI: builds data, hub, undo stack and window, then runs it."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication

from crm.clock import Clock, utc_now
from crm.paths import DataPaths
from crm.schema import open_database
from ui.app_icon import app_icon
from ui.context import AppContext
from ui.hub import Hub
from ui.main_window import MainWindow
from ui.window_state import WindowState


def ensure_app() -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Rapport")
    app.setOrganizationName("Rapport")
    app.setApplicationDisplayName("Rapport")
    app.setDesktopFileName("rapport")
    app.setWindowIcon(app_icon())
    return app


def settings_for(paths: DataPaths) -> QSettings:
    """UI state (geometry, splitters) lives beside the data, so each data folder has its own."""
    return QSettings(str(paths.root / "ui-state.ini"), QSettings.Format.IniFormat)


def create_main_window(data_dir: Path | str, *, clock: Clock = utc_now) -> MainWindow:
    """Build the whole window on `data_dir` without showing it (tests and main() use this)."""
    ensure_app()
    paths = DataPaths(Path(data_dir)).ensure()
    opened = open_database(paths, clock=clock)
    ctx = AppContext(paths=paths, db=opened.database, hub=Hub(), undo_stack=QUndoStack())
    window = MainWindow(ctx, WindowState(settings_for(paths)))
    _install_pages(window, ctx)
    if not window.window_state.restore_window(window):
        window.resize(1240, 780)
    return window


def _install_pages(window: MainWindow, ctx: AppContext) -> None:
    # Each feature installs its page and its menu actions; the order here is the
    # order of the navigation.
    from ui.contacts.page import install as install_contacts

    install_contacts(window, ctx)
    from ui.pipeline.page import install as install_pipeline

    install_pipeline(window, ctx)
    from ui.calendar.page import install as install_calendar

    install_calendar(window, ctx)
    from ui.companies.page import install as install_companies

    install_companies(window, ctx)
    from ui.backups import install as install_backups

    install_backups(window, ctx)
    from ui.prep.advice import install as install_advice

    install_advice(window, ctx)
    from ui.importing.actions import install as install_import_export

    install_import_export(window, ctx)
