"""Menu actions of import, export and duplicate finding, installed into the main window."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence

from ui.context import AppContext
from ui.icons import icon
from ui.main_window import MainWindow


def selected_contact_ids(window: MainWindow) -> list[int]:
    """The contacts selected on the Contacts page, when that page is there."""
    try:
        page = window.page("contacts")
    except KeyError:
        return []
    selected = getattr(page, "selected_ids", None)
    return list(selected()) if callable(selected) else []


def install(window: MainWindow, ctx: AppContext) -> None:
    """File ▸ Import…/Export… and Contacts ▸ Find duplicates…."""
    importing = QAction(icon("import"), "&Import…", window)
    importing.setShortcut(QKeySequence("Ctrl+Shift+I"))
    importing.setStatusTip("Import contacts from vCard, LinkedIn, Google, Outlook or CSV")
    exporting = QAction(icon("export"), "&Export…", window)
    exporting.setShortcut(QKeySequence("Ctrl+Shift+E"))
    exporting.setStatusTip("Export contacts as vCard or CSV, or everything as JSON")
    duplicates = QAction(icon("duplicates"), "Find &duplicates…", window)
    duplicates.setStatusTip("List contacts that look like the same person and merge them")

    def open_import() -> None:
        from ui.importing.start import start_import

        start_import(ctx, window)

    def open_export() -> None:
        from ui.importing.export_dialog import ExportDialog

        ExportDialog(ctx, selected_contact_ids(window), window).open()

    def open_duplicates() -> None:
        from ui.duplicates.dialog import open_duplicates as show

        show(ctx, window)

    importing.triggered.connect(open_import)
    exporting.triggered.connect(open_export)
    duplicates.triggered.connect(open_duplicates)
    file_menu = window.menus["file"]
    first = file_menu.actions()[0] if file_menu.actions() else None
    file_menu.insertAction(first, importing)  # type: ignore[arg-type]
    file_menu.insertAction(first, exporting)  # type: ignore[arg-type]
    if first is not None and not first.isSeparator():
        file_menu.insertSeparator(first)
    window.menus["contacts"].addSeparator()
    window.menus["contacts"].addAction(duplicates)
    window.import_action = importing  # type: ignore[attr-defined]
    window.export_action = exporting  # type: ignore[attr-defined]
    window.duplicates_action = duplicates  # type: ignore[attr-defined]
