"""Print preview, print and save as PDF for a prep sheet, with the standard Qt dialogs."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QWidget

from crm.prep.sheet import PrepSheet
from crm.store.paths import DataPaths
from ui.common.prompts import warn
from ui.file_dialogs import save_file_name
from ui.prep.render import default_page_layout, paint_on_device, write_pdf

SheetSource = Callable[[], PrepSheet]


def new_printer() -> QPrinter:
    """A printer starting on the locale's paper; the print dialog may change it."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(default_page_layout())
    printer.setDocName("Prep sheet")
    return printer


def print_preview(parent: QWidget, sheet: SheetSource) -> None:
    """Qt's print preview; it repaints through the same renderer as the PDF."""
    printer = new_printer()
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle("Print preview: prep sheet")
    dialog.paintRequested.connect(lambda device: paint_on_device(sheet(), device))
    dialog.exec()


def print_sheet(parent: QWidget, sheet: SheetSource) -> bool:
    """The system print dialog, then one page on the chosen printer and paper."""
    printer = new_printer()
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print prep sheet")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    try:
        paint_on_device(sheet(), printer)
    except OSError as exc:
        warn(parent, "Could not print", str(exc))
        return False
    return True


def suggested_pdf_name(sheet: PrepSheet) -> str:
    who = sheet.person.name if sheet.person else sheet.title
    day = sheet.meeting.start_at.date() if sheet.meeting else date.today()
    safe = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", f"Prep sheet - {who} - {day.isoformat()}")
    return " ".join(safe.split()) + ".pdf"


def save_pdf(parent: QWidget, paths: DataPaths, sheet: SheetSource) -> Path | None:
    """Ask where to save, write the PDF there and return its path (None if cancelled)."""
    current = sheet()
    path = save_file_name(
        parent,
        paths,
        "Save prep sheet as PDF",
        suggested_pdf_name(current),
        "PDF documents (*.pdf)",
    )
    if path is None:
        return None
    if path.suffix.lower() != ".pdf":
        path = path.with_name(path.name + ".pdf")
    try:
        write_pdf(current, path)
    except OSError as exc:
        warn(parent, "Could not save the PDF", f"{path.name}: {exc}")
        return None
    return path
