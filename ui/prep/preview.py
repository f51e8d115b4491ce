"""The live preview of a prep sheet: the page drawn as it will print, scaled to the widget."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPageLayout, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from crm.prep.sheet import PrepSheet
from ui.prep.render import FittedSheet, default_page_layout, fit_sheet, paint_sheet

PAD = 14  # space around the page, in widget pixels


class SheetPreview(QWidget):
    """Shows one fitted sheet on a white page; `set_sheet` relays it out."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("prepSheetPreview")
        self.setAccessibleName("Prep sheet preview")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(QSize(300, 400))
        self.page_layout: QPageLayout = default_page_layout()
        self.sheet: PrepSheet | None = None
        self.fitted: FittedSheet | None = None

    def set_sheet(self, sheet: PrepSheet) -> None:
        self.sheet = sheet
        self.fitted = fit_sheet(sheet, self.page_layout)
        self.setToolTip(self._fit_note())
        self.update()

    def plain_text(self) -> str:
        """The text of the sheet as shown (what a screen reader or a test reads)."""
        return self.fitted.document.toPlainText() if self.fitted else ""

    def sizeHint(self) -> QSize:
        return QSize(520, 720)

    def _fit_note(self) -> str:
        if self.fitted is None or self.sheet is None:
            return ""
        if self.fitted.scale < 1:
            return "Printed slightly smaller so that everything fits on one page."
        return "Fits on one page."

    def page_rect(self) -> QRectF:
        """Where the whole page (margins included) is drawn, keeping its proportions."""
        full = self.page_layout.fullRect(QPageLayout.Unit.Point)
        room = QRectF(self.rect()).adjusted(PAD, PAD, -PAD, -PAD)
        scale = min(room.width() / full.width(), room.height() / full.height())
        width, height = full.width() * scale, full.height() * scale
        return QRectF(
            room.left() + (room.width() - width) / 2,
            room.top() + (room.height() - height) / 2,
            width,
            height,
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.fillRect(self.rect(), self.palette().color(self.backgroundRole()).darker(112))
        page = self.page_rect()
        painter.fillRect(page.translated(2, 3), QColor(0, 0, 0, 60))
        # The sheet is paper: white in dark mode too, as it will print.
        painter.fillRect(page, Qt.GlobalColor.white)
        if self.fitted is not None:
            full = self.page_layout.fullRect(QPageLayout.Unit.Point)
            paint = self.page_layout.paintRect(QPageLayout.Unit.Point)
            factor = page.width() / full.width()
            target = QRectF(
                page.left() + paint.left() * factor,
                page.top() + paint.top() * factor,
                paint.width() * factor,
                paint.height() * factor,
            )
            paint_sheet(self.fitted, painter, target)
        painter.end()
