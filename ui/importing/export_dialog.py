"""File ▸ Export…: contacts as vCard or CSV, everything as JSON, written whole or not at all."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QWidget,
)

from crm.calendar.ics import export_ics
from crm.errors import ExportError, IcsError
from crm.exporting import export_csv, export_json, export_vcards
from crm.wording import plural
from ui.common.dialogs import Dialog
from ui.common.prompts import warn
from ui.context import AppContext
from ui.dialog_keys import save_cancel_buttons
from ui.file_dialogs import save_file_name

# key: (menu text, file suffix, file dialog filter)
CHOICES = {
    "vcard4": ("Contacts as vCard 4.0", ".vcf", "vCard (*.vcf)"),
    "vcard3": ("Contacts as vCard 3.0 (older address books)", ".vcf", "vCard (*.vcf)"),
    "csv": ("Contacts as CSV (Google Contacts layout)", ".csv", "CSV (*.csv)"),
    "json": ("Everything as JSON (backup or moving elsewhere)", ".json", "JSON (*.json)"),
    "ics": ("Meetings as iCalendar", ".ics", "iCalendar (*.ics)"),
}


def write_export(ctx: AppContext, kind: str, path: Path, ids: Sequence[int] | None) -> str:
    """Write one export; returns the sentence for the status bar."""
    if kind in ("vcard4", "vcard3"):
        count = export_vcards(ctx.db, path, ids, "4.0" if kind == "vcard4" else "3.0")
        return f"Exported {plural(count, 'contact')} to {path.name}."
    if kind == "csv":
        return f"Exported {plural(export_csv(ctx.db, path, ids), 'contact')} to {path.name}."
    if kind == "json":
        return (
            f"Exported everything ({plural(export_json(ctx.db, path), 'contact')}) to {path.name}."
        )
    return f"Exported {plural(export_ics(ctx.db, path), 'meeting')} to {path.name}."


class ExportDialog(Dialog):
    """Choose what to export; the file name is asked next."""

    def __init__(
        self, ctx: AppContext, selected: Sequence[int], parent: QWidget | None = None
    ) -> None:
        super().__init__("exportDialog", "Export", parent)
        self.ctx = ctx
        self.selected = list(selected)
        self.kind = QComboBox()
        self.kind.setObjectName("exportKind")
        for key, (text, _suffix, _filter) in CHOICES.items():
            self.kind.addItem(text, key)
        self.only_selected = QCheckBox(only_selected_text(len(self.selected)))
        self.only_selected.setObjectName("exportSelected")
        self.only_selected.setEnabled(bool(self.selected))
        self.only_selected.setChecked(len(self.selected) > 1)
        self.formula_note = QLabel(
            "Cells that start with = + - or @ get a leading ' so that spreadsheets"
            " never run them as formulas."
        )
        self.formula_note.setObjectName("exportFormulaNote")
        self.formula_note.setTextFormat(Qt.TextFormat.PlainText)
        self.formula_note.setWordWrap(True)
        self.kind.currentIndexChanged.connect(self._update)
        buttons = save_cancel_buttons(self, self.choose_file)
        layout = QFormLayout(self)
        layout.addRow("Export:", self.kind)
        layout.addRow("", self.only_selected)
        layout.addRow("", self.formula_note)
        layout.addRow(buttons)
        self._update()

    def _update(self) -> None:
        contacts = str(self.kind.currentData()) in ("vcard4", "vcard3", "csv")
        self.only_selected.setVisible(contacts)
        self.formula_note.setVisible(str(self.kind.currentData()) == "csv")

    def choose_file(self) -> None:
        kind = str(self.kind.currentData())
        _text, suffix, file_filter = CHOICES[kind]
        path = save_file_name(self, self.ctx.paths, "Export", f"rapport{suffix}", file_filter)
        if path is not None:
            self.export_to(kind, path)

    def export_to(self, kind: str, path: Path) -> bool:
        ids = self.selected if self.only_selected.isChecked() and self.selected else None
        try:
            message = write_export(self.ctx, kind, path, ids)
        except (ExportError, IcsError, OSError) as exc:
            warn(self, "Export failed", str(exc))
            return False
        self.ctx.show_status(message)
        self.accept()
        return True


def only_selected_text(count: int) -> str:
    """ "Only the selected contact", "Only the 3 selected contacts"."""
    if count == 1:
        return "Only the selected contact"
    return f"Only the {count:,} selected contacts"
