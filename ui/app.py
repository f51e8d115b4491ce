"""The composition root of the GUI: builds data, hub, undo stack and window, then runs it."""

from __future__ import annotations

import sys
from importlib import import_module
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication

from crm.store.clock import Clock, utc_now
from crm.store.paths import DataPaths
from crm.store.schema import open_database
from ui.app_icon import app_icon
from ui.context import AppContext
from ui.hub import Hub
from ui.main_window import MainWindow
from ui.window_state import WindowState


def ensure_app() -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    return set_up_app(QApplication(sys.argv[:1]))


def set_up_app(app: QApplication) -> QApplication:
    """Rapport's names and icon on a new application object."""
    app.setApplicationName("Rapport")
    app.setOrganizationName("Rapport")
    app.setApplicationDisplayName("Rapport")
    app.setDesktopFileName("rapport")
    app.setWindowIcon(app_icon())
    return app


def settings_for(paths: DataPaths) -> QSettings:
    """UI state (geometry, splitters) lives beside the data, so each data folder has its own."""
    return QSettings(str(paths.root / "ui-state.ini"), QSettings.Format.IniFormat)


def create_main_window(
    data_dir: Path | str, *, clock: Clock = utc_now, first_page_only: bool = False
) -> MainWindow:
    """Build the window on `data_dir` without showing it (tests and main() use this).

    With `first_page_only`, only the Contacts page is built: the launcher shows the
    window at once and builds the others after its first frame (`install_other_pages`).
    """
    ensure_app()
    paths = DataPaths(Path(data_dir)).ensure()
    opened = open_database(paths, clock=clock)
    ctx = AppContext(paths=paths, db=opened.database, hub=Hub(), undo_stack=QUndoStack())
    window = MainWindow(ctx, WindowState(settings_for(paths)))
    _install_pages(window, ctx, FEATURES[:1])
    if not first_page_only:
        install_other_pages(window)
    if not window.window_state.restore_window(window):
        window.resize(1240, 780)
    return window


# Each feature installs its page and its menu actions; this order is the navigation's.
FEATURES = (
    "ui.contacts.actions",  # the Contacts page and its menu
    "ui.pipeline.page",
    "ui.calendar.page",
    "ui.companies.page",
    "ui.backups",
    "ui.prep.advice",
    "ui.importing.actions",
    "ui.sync",
    "ui.help.actions",
    "ui.today.page",  # first in the navigation (Ctrl+0); the window still opens on Contacts
    "ui.today.dashboard",  # second, after Today (Ctrl+9)
)


def finish_first_page(window: MainWindow) -> None:
    """Build what the Contacts page left for after the first frame (its detail panel);
    once only."""
    import_module("ui.contacts.actions").finish(window)


def install_other_pages(window: MainWindow) -> None:
    """Build the pages `create_main_window(first_page_only=True)` left out, in order."""
    finish_first_page(window)
    _install_pages(window, window.ctx, FEATURES[1:])
    window.add_quit_action()  # last in the File menu, after every page's actions


def _install_pages(window: MainWindow, ctx: AppContext, features: tuple[str, ...]) -> None:
    for module_name in features:
        import_module(module_name).install(window, ctx)
