"""The Dashboard page: the funnel, reply rate, days to a meeting, weekly meetings and new
people against the goal, referrals; painted with QPainter and exported as a PNG."""

from __future__ import annotations

from datetime import tzinfo
from pathlib import Path

from PySide6.QtCore import QSize, Slot
from PySide6.QtGui import QFont, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crm.changes import EVERYTHING, Changes
from crm.store.localtime import local_today, local_zone
from crm.today.dashboard import DashboardData, dashboard
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.refresh import RefreshWhenShown
from ui.today.dashboard_paint import DashboardPainter

EXPORT_SIZE = QSize(1200, 900)


class DashboardView(QWidget):
    """The painted dashboard; its data is loaded when shown and after each change."""

    def __init__(self, ctx: AppContext, tz: tzinfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardView")
        self.setAccessibleName("Dashboard")
        self.ctx, self.tz = ctx, tz
        self.data: DashboardData | None = None
        self.setMinimumSize(640, 520)
        # Loaded as it is first shown and after changes while shown (ui.refresh); the first
        # load is asked for once the page sits in the window (install), or it would run at
        # start-up, before anything is shown, and then stay stale.
        self.refresher = RefreshWhenShown(self, self.reload, hub=ctx.hub, page=self)

    def reload(self, _changes: Changes = EVERYTHING) -> None:
        self.data = dashboard(self.ctx.db, local_today(self.ctx.db.now(), self.tz), self.tz)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.data is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        DashboardPainter(painter, self.palette(), self.font()).paint(self.rect(), self.data)
        painter.end()

    def image(self, size: QSize = EXPORT_SIZE) -> QImage:
        """The dashboard drawn at `size`, as the PNG export writes it."""
        if self.data is None or self.refresher.pending():
            self.refresher.forget()
            self.reload()
        assert self.data is not None
        image = QImage(size, QImage.Format.Format_ARGB32)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        DashboardPainter(painter, self.palette(), QFont(self.font())).paint(image.rect(), self.data)
        painter.end()
        return image


class DashboardPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, tz: tzinfo | None = None):
        super().__init__(parent)
        self.view = DashboardView(ctx, tz or local_zone(), self)
        title = QLabel("Dashboard")
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        self.export_button = QPushButton("Export PNG…")
        self.export_button.clicked.connect(self.export)
        header = QHBoxLayout()
        header.addWidget(title)
        header.addStretch(1)
        header.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(header)
        layout.addWidget(self.view, 1)

    def export_to(self, path: Path) -> bool:
        return self.view.image().save(str(path))  # the format follows the .png suffix

    @Slot()
    def export(self) -> None:
        start = str(Path.home() / "Documents" / "rapport-dashboard.png")
        name, _ = QFileDialog.getSaveFileName(self, "Export dashboard", start, "PNG image (*.png)")
        if not name:
            return
        path = Path(name if name.lower().endswith(".png") else f"{name}.png")
        if not self.export_to(path):
            self.window().statusBar().showMessage(f"Could not write {path}.", 8000)  # type: ignore[attr-defined]


def install(window: MainWindow, ctx: AppContext) -> DashboardPage:
    """Add the Dashboard page right after Today (Ctrl+9)."""
    page = DashboardPage(ctx, window)
    window.add_page("dashboard", "Dashboard", "dashboard", page, "Ctrl+9", at=1)
    page.view.refresher.request()
    return page
