"""The contacts table view: selection, header and keyboard behaviour."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableView,
    QWidget,
)

from crm.contacts.listing import SortKey
from ui.common.tables import rows_table
from ui.contacts.cells import COLUMNS
from ui.contacts.model import ContactTableModel
from ui.contacts.row_painter import RowPainter


class ContactsTable(QTableView):
    """Enter opens the current contact, Delete deletes the selection, Esc clears the search."""

    openRequested = Signal()
    deleteRequested = Signal()
    escapePressed = Signal()

    def __init__(self, model: ContactTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        rows_table(
            self,
            "contactsView",
            model,
            accessible_name="Contacts",
            selection=QAbstractItemView.SelectionMode.ExtendedSelection,
        )
        self._model = model
        # Qt quirk: a reset lays the items out on a zero timer, which often fires after the
        # new rows painted and paints them all again; laid out at once, a keystroke paints
        # the table once.
        model.modelReset.connect(self.doItemsLayout)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setCornerButtonEnabled(False)
        # Sorting re-queries the database; the view must not sort by itself.
        self.setSortingEnabled(False)
        self.setIconSize(QSize(10, 10))
        vertical = self.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 12)
        header = self.horizontalHeader()
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setMinimumSectionSize(60)
        self.doubleClicked.connect(lambda _index: self.openRequested.emit())
        # Plain rows are painted in one pass (ui.contacts.row_painter); False paints every
        # cell through the delegates, as QTableView does (tests compare the two).
        self.rows_painted_at_once = True
        self._rows = RowPainter(self, model.cells)

    def paintEvent(self, event: QPaintEvent) -> None:
        if (
            not self.rows_painted_at_once
            or self.showGrid()
            or self.isRightToLeft()
            or self.model() is not self._model
        ):
            super().paintEvent(event)
            return
        self._rows.paint(event.rect())

    def show_sort(self, sort: tuple[SortKey, bool] | None) -> None:
        """The header shows the column sorted by (key, descending); none while matches are
        ranked (`sort` None)."""
        header = self.horizontalHeader()
        if sort is None:
            column, order = -1, Qt.SortOrder.AscendingOrder
        else:
            key, descending = sort
            column = next(i for i, (_title, k) in enumerate(COLUMNS) if k == key)
            order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        if (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (column, order):
            return  # asked on every keystroke: an unchanged header is not repainted
        header.blockSignals(True)
        header.setSortIndicator(column, order)
        header.blockSignals(False)
        header.viewport().update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # Painting reads the rows it shows at once (and a few more), not more.
        row_height = max(self.verticalHeader().defaultSectionSize(), 1)
        self._model.rows_in_view = self.viewport().height() // row_height + 1

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.openRequested.emit()
            return
        if key == Qt.Key.Key_Delete and not event.modifiers():
            self.deleteRequested.emit()
            return
        if key == Qt.Key.Key_Escape:
            self.escapePressed.emit()
            return
        super().keyPressEvent(event)
