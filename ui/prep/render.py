"""A prep sheet as a QTextDocument fitted to one page, painted to a PDF, a printer or a widget."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import tzinfo
from functools import cache
from importlib.resources import files
from pathlib import Path

from jinja2 import Environment, Template
from PySide6.QtCore import QLocale, QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
)

from crm.prep.sheet import PrepSheet
from crm.store.localtime import local_zone
from crm.store.paths import make_private_file
from crm.wording import plural
from ui.prep.sheet_view import BUDGETS, Budget, template_context

# Qt quirk: rich-text CSS lengths are device pixels, so laying out on the printer would
# shrink every margin to nothing at 1200 dpi. The sheet is laid out on a fixed 96 dpi
# device (same result on every screen) and scaled onto the page.
LAYOUT_DPI = 96
PDF_DPI = 600
MARGINS_MM = QMarginsF(14, 12, 14, 12)
ACCENT = "#2563eb"  # the section headings' blue, as in the template
NOTES_GAP = 14  # layout pixels between the sheet and the ruled notes area
NOTES_MIN_HEIGHT = 60  # below this, the leftover space is too small to be worth ruling


@dataclass
class FittedSheet:
    """A laid-out sheet: the document, the page it was fitted to, and how it was cut."""

    document: QTextDocument
    page: QSizeF  # printable area in layout pixels
    budget: Budget
    scale: float  # < 1 only when even the tightest budget overflows the page

    @property
    def height(self) -> float:
        return self.document.size().height()


def default_page_layout(locale: QLocale | None = None) -> QPageLayout:
    """Letter where the locale measures in inches, A4 elsewhere; portrait, sheet margins."""
    system = (locale or QLocale()).measurementSystem()
    imperial = system in (
        QLocale.MeasurementSystem.ImperialUSSystem,
        QLocale.MeasurementSystem.ImperialSystem,
    )
    size = QPageSize(QPageSize.PageSizeId.Letter if imperial else QPageSize.PageSizeId.A4)
    return QPageLayout(
        size, QPageLayout.Orientation.Portrait, MARGINS_MM, QPageLayout.Unit.Millimeter
    )


@cache
def _template() -> Template:
    source = files("resources").joinpath("prep_sheet.html.j2").read_text(encoding="utf-8")
    environment = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)
    environment.filters["plural"] = plural
    return environment.from_string(source)


def sheet_html(sheet: PrepSheet, budget: Budget = BUDGETS[0], tz: tzinfo | None = None) -> str:
    """The sheet as rich text, every user value escaped by the template's autoescape."""
    return _template().render(**template_context(sheet, budget, tz or local_zone()))


@cache
def _layout_device() -> QImage:
    image = QImage(1, 1, QImage.Format.Format_RGB32)
    dots_per_metre = round(LAYOUT_DPI / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    return image


def page_size_px(layout: QPageLayout) -> QSizeF:
    """The printable area of `layout` in layout pixels."""
    rect = layout.paintRect(QPageLayout.Unit.Inch)
    return QSizeF(rect.width() * LAYOUT_DPI, rect.height() * LAYOUT_DPI)


def _document(html: str, width: float) -> QTextDocument:
    document = QTextDocument()
    document.documentLayout().setPaintDevice(_layout_device())
    font = QFont()
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    document.setDefaultFont(font)
    document.setDocumentMargin(0)
    document.setHtml(html)
    document.setTextWidth(width)
    return document


def first_guess(sheet: PrepSheet) -> int:
    """The budget likely to fit: questions take most of the page, about three per step."""
    return min(len(BUDGETS) - 1, max(0, (len(sheet.questions) - 4) // 3))


def fit_sheet(
    sheet: PrepSheet, layout: QPageLayout | None = None, tz: tzinfo | None = None
) -> FittedSheet:
    """Lay the sheet out with the roomiest budget that fits one page.

    Heights only shrink from one budget to the next, so starting from a guess and
    walking towards the answer usually takes one or two layouts. If even the tightest
    overflows (dozens of questions), the page is scaled down rather than spilling onto
    a second page.
    """
    page = page_size_px(layout or default_page_layout())
    zone = tz or local_zone()
    tried: dict[int, FittedSheet] = {}

    def fits(index: int) -> bool:
        if index not in tried:
            document = _document(sheet_html(sheet, BUDGETS[index], zone), page.width())
            tried[index] = FittedSheet(document, page, BUDGETS[index], 1.0)
        return tried[index].height <= page.height()

    index = first_guess(sheet)
    if fits(index):
        while index > 0 and fits(index - 1):
            index -= 1
        return tried[index]
    last = len(BUDGETS) - 1
    while index < last:
        index += 1
        if fits(index):
            return tried[index]
    tightest = tried[last]
    tightest.scale = page.height() / tightest.height
    # Keep the width filled: lay out wider so that, once scaled, it spans the page.
    tightest.document.setTextWidth(page.width() / tightest.scale)
    tightest.scale = min(tightest.scale, page.height() / tightest.height)
    return tightest


def paint_sheet(fitted: FittedSheet, painter: QPainter, target: QRectF) -> None:
    """Paint the sheet into `target` (the page's printable area in painter coordinates)."""
    factor = target.width() / fitted.page.width() * fitted.scale
    painter.save()
    painter.translate(target.topLeft())
    painter.scale(factor, factor)
    clip = QRectF(0, 0, fitted.page.width() / fitted.scale, fitted.page.height() / fitted.scale)
    fitted.document.drawContents(painter, clip)
    _paint_notes_area(fitted, painter)
    painter.restore()


def _paint_notes_area(fitted: FittedSheet, painter: QPainter) -> None:
    """Rule the room left under the sheet for notes taken during the meeting."""
    top = fitted.height + NOTES_GAP
    line = round(fitted.budget.pt * 2.1)
    if fitted.scale < 1 or fitted.page.height() - top < NOTES_MIN_HEIGHT:
        return
    font = QFont(painter.font())
    font.setFamilies(["DejaVu Sans", "Segoe UI", "Helvetica Neue", "Arial"])
    # Pixels, not points: the painter is scaled to layout pixels, whatever the device dpi.
    font.setPixelSize(round((fitted.budget.pt - 1.5) * LAYOUT_DPI / 72))
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor(ACCENT))
    heading = painter.fontMetrics().height()
    painter.drawText(QPointF(0, top + painter.fontMetrics().ascent()), "NOTES")
    painter.setPen(QPen(QColor("#bfdbfe"), 1))
    painter.drawLine(QPointF(0, top + heading + 2), QPointF(fitted.page.width(), top + heading + 2))
    painter.setPen(QPen(QColor("#cbd5e1"), 1, Qt.PenStyle.DotLine))
    y = top + heading + 2 + line
    while y < fitted.page.height() - 2:
        painter.drawLine(QPointF(0, y), QPointF(fitted.page.width(), y))
        y += line


def paint_on_device(sheet: PrepSheet, device: QPagedPaintDevice, tz: tzinfo | None = None) -> None:
    """Fit the sheet to the device's page layout and paint it as one page."""
    layout = device.pageLayout()
    fitted = fit_sheet(sheet, layout, tz)
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("Could not start printing.")
    try:
        # The painter's origin is the top-left of the printable area on QPdfWriter/QPrinter.
        area = layout.paintRectPixels(device.logicalDpiX())
        paint_sheet(fitted, painter, QRectF(0, 0, area.width(), area.height()))
    finally:
        painter.end()


def write_pdf(
    sheet: PrepSheet, path: Path | str, layout: QPageLayout | None = None, tz: tzinfo | None = None
) -> None:
    """Save the sheet as a one-page PDF at `path`, readable by its owner only."""
    # Qt creates the file with the umask's mode; made first, it keeps ours.
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    make_private_file(Path(path))
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_DPI)
    writer.setPageLayout(layout or default_page_layout())
    writer.setTitle(f"Prep sheet: {sheet.title}")
    writer.setCreator("Rapport")
    paint_on_device(sheet, writer, tz)
    if not Path(path).exists():
        raise OSError(f"Could not write {path}.")
