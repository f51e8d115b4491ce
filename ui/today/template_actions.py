"""File ▸ Export / Import message templates: templates as plain text files, one per
template, to edit in any editor or share; an import is one undoable step."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from crm.changes import Changes
from crm.today.templates import (
    export_templates,
    import_templates,
    restore_templates,
    snapshot_templates,
)
from ui.common.undo import Command, push
from ui.context import AppContext


class ImportTemplatesCommand(Command):
    def __init__(self, ctx: AppContext, files: list[Path]) -> None:
        super().__init__(ctx.db, ctx.hub, f"Import {len(files)} message template(s)")
        self.files = files
        self.before = snapshot_templates(ctx.db)
        self.names: list[str] = []

    def do(self) -> Changes:
        self.names, changes = import_templates(self.db, self.files)
        return changes

    def take_back(self) -> Changes:
        return restore_templates(self.db, self.before)


def export_to_folder(ctx: AppContext, parent: QWidget) -> None:
    folder = QFileDialog.getExistingDirectory(
        parent, "Export message templates to", str(Path.home() / "Documents")
    )
    if folder:
        written = export_templates(ctx.db, Path(folder))
        QMessageBox.information(
            parent, "Message templates", f"Wrote {len(written)} templates to {folder}."
        )


def import_files(ctx: AppContext, parent: QWidget) -> ImportTemplatesCommand | None:
    names, _ = QFileDialog.getOpenFileNames(
        parent, "Import message templates", str(Path.home() / "Documents"), "Text (*.txt)"
    )
    if not names:
        return None
    command = ImportTemplatesCommand(ctx, [Path(n) for n in names])
    if not push(ctx, command, lambda error: None):
        QMessageBox.warning(parent, "Message templates", f"Nothing was imported. {command.error}")
    return command


def template_actions(ctx: AppContext, parent: QWidget) -> list[QAction]:
    export = QAction("Export message templates…", parent)
    export.triggered.connect(lambda: export_to_folder(ctx, parent))
    imported = QAction("Import message templates…", parent)
    imported.triggered.connect(lambda: import_files(ctx, parent))
    return [export, imported]
