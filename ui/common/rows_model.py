"""The one base of the app's flat models: a list of rows under fixed column headers."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt

from ui.common.indexes import Index

R = TypeVar("R")
_DISPLAY = Qt.ItemDataRole.DisplayRole


class RowsModel(QAbstractTableModel, Generic[R]):
    """Rows of one kind, one per line, under `HEADERS` (one unnamed column when empty).

    Subclasses say what a cell shows in `row_data`; the row count, the column count, the
    header and index checks are written once here. A list view shows column 0.
    """

    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent: QObject | None = None, rows: Sequence[R] = ()) -> None:
        super().__init__(parent)
        self._rows: list[R] = list(rows)

    # -- the rows ------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    @property
    def rows(self) -> list[R]:
        """The rows in order (read only: change them through `set_rows`)."""
        return self._rows

    def row_at(self, row: int) -> R | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def append_row(self, row: R) -> None:
        n = len(self._rows)
        self.beginInsertRows(QModelIndex(), n, n)
        self._rows.append(row)
        self.endInsertRows()

    def remove_row(self, row: int) -> bool:
        """Remove the row numbered `row`; False when there is none."""
        if not 0 <= row < len(self._rows):
            return False
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self.endRemoveRows()
        return True

    def row_where(self, matches: Callable[[R], bool]) -> int:
        """The number of the first row that `matches`; -1 when none does."""
        return next((n for n, row in enumerate(self._rows) if matches(row)), -1)

    def headers(self) -> tuple[str, ...]:
        return self.HEADERS

    def row_data(self, row: R, column: int, role: int) -> Any:
        """What the cell (`row`, `column`) shows in `role`; None for nothing."""
        raise NotImplementedError

    # -- Qt model ------------------------------------------------------------------------

    def index(self, row: int, column: int = 0, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        # Lists ask for a row only, as they would of a QAbstractListModel.
        return super().index(row, column, parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else max(len(self.headers()), 1)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        headers = self.headers()
        horizontal = orientation == Qt.Orientation.Horizontal and role == _DISPLAY
        return headers[section] if horizontal and 0 <= section < len(headers) else None

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if not index.isValid() or index.model() is not self:
            return None
        row = self.row_at(index.row())
        if row is None or not 0 <= index.column() < self.columnCount():
            return None
        return self.row_data(row, index.column(), role)
