"""File ▸ Import: ask for a file; contacts go to the import preview, calendars in as meetings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from crm.errors import ImportRefused
from crm.importing.textfile import read_text
from crm.wording import plural
from ui.common.prompts import inform, warn
from ui.common.undo import push
from ui.context import AppContext
from ui.file_dialogs import open_file_name
from ui.importing.dialog import FILE_FILTER, ImportDialog


def start_import(
    ctx: AppContext, parent: QWidget | None = None, path: Path | None = None
) -> ImportDialog | None:
    """Ask for a file (unless given), read it and open the import preview."""
    if path is None:
        path = open_file_name(parent, ctx.paths, "Import contacts", FILE_FILTER)
        if path is None:
            return None
    if path.suffix.lower() == ".ics":
        _import_calendar(ctx, parent, path)
        return None
    try:
        text = read_text(path)
        from crm.importing import detect_format

        fmt = detect_format(text)
    except ImportRefused as exc:
        warn(parent, "Cannot import", f"{path.name}: {exc}")
        return None
    dialog = ImportDialog(ctx, path, text, parent)
    dialog.load(fmt)
    dialog.open()
    return dialog


def _import_calendar(ctx: AppContext, parent: QWidget | None, path: Path) -> None:
    """The events of an .ics file become meetings in one undoable step, as Calendar ▸ Import."""
    from crm.store.localtime import local_zone
    from ui.common.commands import ImportIcsCommand

    def refuse(message: str) -> None:
        warn(parent, "Cannot import", f"{path.name}: {message}")

    command = ImportIcsCommand(ctx.db, ctx.hub, path, local_zone())
    if not push(ctx, command, refuse):
        return
    summary = command.summary
    assert summary is not None
    inform(
        parent,
        "Calendar imported",
        f"{plural(summary.created, 'meeting')} added, {summary.already_present} already present.",
    )
