"""The contacts table model: the ids of a search in table order, rows fetched by page."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any, cast

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QModelRoleData,
    QModelRoleDataSpan,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from crm.contacts.first_page import FirstPage
from crm.contacts.listing import (
    ContactListRow,
    SortKey,
    fetch_rows,
    list_contact_ids,
)
from crm.contacts.name_ranks import data_version
from crm.contacts.search import match_hints
from crm.store.db import Database
from crm.store.localtime import local_today, local_zone
from ui.common.indexes import Index
from ui.common.plain_text import as_tooltip
from ui.contacts.cells import (
    COLUMNS,
    NAME,
    NEXT,
    PAINTED_ROLES,
    STAGE,
    STYLE_ROLES,
    Cell,
    CellMaker,
    text,
)

PAGE = 200  # ids listed at a time: the first page of a search, a few screens of table
CONTACT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
STAGE_COLOR_ROLE = Qt.ItemDataRole.UserRole + 2
# Rows read at once when painting: what the view shows and a few more (`rows_in_view`),
# about 30 µs a row. A keystroke reads the page it paints, not two.
FETCH_MORE = 8
_DATA_ROLES = PAINTED_ROLES | {
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.AccessibleTextRole,
    CONTACT_ID_ROLE,
    STAGE_COLOR_ROLE,
}
_NO_PARENT = QModelIndex()
_STYLE_LEN = len(STYLE_ROLES)
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_FONT = int(Qt.ItemDataRole.FontRole)
assert STYLE_ROLES[0] == _FONT and STYLE_ROLES[5] == _DISPLAY  # the places multiData sets
assert STYLE_ROLES[2] == Qt.ItemDataRole.ForegroundRole
assert STYLE_ROLES[4] == Qt.ItemDataRole.DecorationRole


class ContactTableModel(QAbstractTableModel):
    listed = Signal()  # a new list: after a reset, or rows replaced in place (reload)

    """Holds only ids and a cache of the rows painted so far.

    A search shows its exact first page at once (`FirstPage`); the view asks for the
    rest (`fetchMore`) when it scrolls there, so a keystroke never waits for 100,000 ids
    to sort.
    """

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._ids: list[int] = []
        self._rows: dict[int, ContactListRow] = {}
        # Per row, what each of its cells paints with (ui.contacts.cells).
        self._cells: dict[int, tuple[Cell, ...]] = {}
        self._hints: dict[int, str] = {}
        # Listed because their name, company or title matched: no hint to look for.
        self._plain: set[int] = set()
        self._version = (-1, -1)  # the data file's version when the rows were last dropped
        self._first_page: FirstPage | None = None
        self._complete = True
        self._zone = local_zone()
        self._today = local_today(db.now(), self._zone)
        self._maker = CellMaker(self._zone, self._today)
        self.query = ""
        self.sort_key = SortKey.NAME
        self.descending = False
        self.include_archived = False
        self.rows_in_view = 56  # the view says how many rows it shows (ContactsTable)

    # -- data access ---------------------------------------------------------------------

    def _raw(self) -> sqlite3.Connection:
        # The GUI thread's kept connection (Database.connection): opening one per
        # keystroke would cost more than the search. Only reads run on it here.
        with self._db.connection() as conn:
            return conn

    def first_page(self) -> FirstPage:
        # A restore or a test's dispose closes the kept connection: follow the current one.
        conn = self._raw()
        if self._first_page is None or self._first_page.conn is not conn:
            self._first_page = FirstPage(conn)
        return self._first_page

    def close(self) -> None:
        """Nothing to release: the connection belongs to the Database."""

    def _query_ids(self, limit: int | None) -> list[int]:
        return list_contact_ids(
            self._raw(),
            self.query,
            self.sort_key,
            self.descending,
            self.include_archived,
            limit=limit,
        )

    def reload(self, *, keep_loaded: bool = False, in_place: bool = False) -> None:
        """Run the search again: from the first page for a new query or sort, or with as
        many rows as before (`keep_loaded`) when data changed under a scrolled view.

        `in_place` (a search typed on): a new list as long as the old one replaces its rows
        where they are instead of resetting the model, so the view lays nothing out again
        and paints once; the caller clears the selection (a reset would). Rows of the last
        list that show the same here are not read again, unless the data file changed.
        """
        typed = in_place
        everything = keep_loaded and len(self._ids) > PAGE
        self._today = local_today(self._db.now(), self._zone)
        if everything:
            ids, complete = self._query_ids(None), True
            self._plain = set()
        else:
            page = self.first_page()
            first = page.ids(
                self.query, self.sort_key, self.descending, self.include_archived, PAGE + 1
            )
            ids, complete = first[:PAGE], len(first) <= PAGE
            self._plain = set(ids[: page.plain])
        in_place = in_place and not everything and 0 < len(ids) == len(self._ids)
        if not in_place:
            self.beginResetModel()
        self._ids, self._complete = ids, complete
        maker = CellMaker(self._zone, self._today)
        version, self._version = self._version, data_version(self._raw())
        if typed and not everything and maker.same_as(self._maker) and version == self._version:
            # Typing on lists many of the same contacts again: a row read for the last
            # list, without a hint there and found in its columns here, paints the same.
            kept = [i for i in self._plain if i in self._cells and i not in self._hints]
            self._rows = {i: self._rows[i] for i in kept}
            self._cells = {i: self._cells[i] for i in kept}
        else:
            self._rows = {}
            self._cells = {}
            # The palette may have changed (light or dark), and the day with it.
            self._maker = maker
        self._hints = {}
        if in_place:
            last = self.index(len(ids) - 1, len(COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)
        else:
            self.endResetModel()
        self.listed.emit()

    def set_query(self, text: str) -> None:
        if text != self.query:
            self.query = text
            self.reload()

    def set_sort(self, key: SortKey, descending: bool) -> None:
        self.sort_key = key
        self.descending = descending
        self.reload()

    def ids(self) -> list[int]:
        return list(self._ids)

    def is_complete(self) -> bool:
        return self._complete

    def contact_id(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, contact_id: int, *, load_all: bool = True) -> int:
        """The row showing `contact_id` (loading every id if needed); -1 when not listed."""
        try:
            return self._ids.index(contact_id)
        except ValueError:
            pass
        if load_all and not self._complete:
            self.fetchMore(QModelIndex())
            try:
                return self._ids.index(contact_id)
            except ValueError:
                return -1
        return -1

    def row(self, contact_id: int) -> ContactListRow | None:
        cached = self._rows.get(contact_id)
        if cached is None and contact_id in self._ids:
            self._fill([contact_id])
            cached = self._rows.get(contact_id)
        return cached

    def _fill(self, ids: Sequence[int]) -> None:
        missing = [i for i in ids if i not in self._rows]
        if missing:
            rows = fetch_rows(self._raw(), missing, today=self._today)
            self._rows.update(rows)
            hinted = [i for i in rows if i not in self._plain] if self.query.strip() else []
            if hinted:
                folding = self.first_page().folding()
                self._hints.update(match_hints(self._raw(), self.query, hinted, folding))
            # What a cell paints is made once per row, not on every paint of every cell.
            make, hints = self._maker.cells, self._hints
            for contact_id, row in rows.items():
                self._cells[contact_id] = make(row, hints.get(contact_id))

    def _row_for(self, row: int) -> ContactListRow | None:
        contact_id = self._ids[row]
        cached = self._rows.get(contact_id)
        if cached is None:
            # Fetch the page around the row asked for: the view paints its neighbours next.
            fetch = self.rows_in_view + FETCH_MORE
            start = max(0, row - FETCH_MORE // 2)
            self._fill(self._ids[start : start + fetch])
            cached = self._rows.get(contact_id)
        return cached

    def refresh_contacts(self, ids: Iterable[int]) -> None:
        """Re-read the listed rows of `ids` in place; rows deleted or archived meanwhile
        leave the list. Order is not revisited (the caller re-queries when it matters)."""
        listed = set(self._ids)
        changed = [i for i in ids if i in listed]
        for contact_id in changed:
            self._rows.pop(contact_id, None)
            self._cells.pop(contact_id, None)
            self._hints.pop(contact_id, None)
        self._plain.difference_update(changed)  # what matched may have changed
        self._fill(changed)
        gone = {
            i
            for i in changed
            if (fresh := self._rows.get(i)) is None
            or (fresh.archived and not self.include_archived)
        }
        for position in sorted((r for r, i in enumerate(self._ids) if i in gone), reverse=True):
            self.beginRemoveRows(QModelIndex(), position, position)
            removed = self._ids.pop(position)
            self._rows.pop(removed, None)
            self._cells.pop(removed, None)
            self.endRemoveRows()
        positions = {contact_id: row for row, contact_id in enumerate(self._ids)}
        for contact_id in changed:
            if contact_id in positions:
                row = positions[contact_id]
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    # -- Qt model ------------------------------------------------------------------------

    def rowCount(self, parent: Index = _NO_PARENT) -> int:
        # Asked twice for every index the view makes (hasIndex): kept to the least.
        return len(self._ids) if not parent.isValid() else 0

    def columnCount(self, parent: Index = _NO_PARENT) -> int:
        return len(COLUMNS) if not parent.isValid() else 0

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and not self._complete

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid() or self._complete:
            return
        # Sorting needs every match anyway, so the rest comes in one query.
        every = self._query_ids(None)
        known = set(self._ids)
        rest = [i for i in every if i not in known]
        self._complete = True
        if rest:
            self.beginInsertRows(QModelIndex(), len(self._ids), len(self._ids) + len(rest) - 1)
            self._ids.extend(rest)
            self.endInsertRows()

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
            return COLUMNS[section][0]
        return None

    # flags(): QAbstractTableModel's own (enabled, selectable) without a Python call per cell.

    def multiData(self, index: Index, roleDataSpan: QModelRoleDataSpan | QModelRoleData) -> None:
        # Painting a cell asks for seven roles at once: answered from the row's cells.
        cells = self._cells_at(index.row())
        if cells is None:
            return
        cell = cells[index.column()]
        # Qt quirk: PySide6 indexes a span (and takes its len) though its stubs say not.
        span = cast("Sequence[QModelRoleData]", roleDataSpan)
        if len(span) == _STYLE_LEN and span[5].role() == _DISPLAY and span[0].role() == _FONT:
            # The item delegate's request (STYLE_ROLES in that order). Qt quirk: the delegate
            # reuses one request for every cell, so each role this table ever sets is set
            # (or cleared) on every cell; the other three it never sets stay empty.
            font, foreground, decoration, display = cell.styled
            span[0].setData(font)
            span[2].setData(foreground)
            span[4].setData(decoration)
            span[5].setData(display)
        else:
            for item in span:
                item.setData(cell.roles.get(item.role()))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _DATA_ROLES:
            return None
        position = index.row()
        if role == CONTACT_ID_ROLE:
            return self._ids[position] if 0 <= position < len(self._ids) else None
        if role in PAINTED_ROLES:
            cells = self._cells_at(position)
            return cells[index.column()].roles.get(role) if cells is not None else None
        if self._cells_at(position) is None:  # read now if not painted yet
            return None
        row = self._rows.get(self._ids[position])
        if row is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            shown = text(row, column, self._zone, self._today)
            hint = self._hints.get(row.id) if column == NAME else None
            if hint:
                shown = f"{shown}\nfound in {hint}"
            if column == NEXT and row.overdue:
                return f"{shown} (overdue)"
            return as_tooltip(shown) if role == Qt.ItemDataRole.ToolTipRole else shown or "none"
        if role == STAGE_COLOR_ROLE and column == STAGE:
            return QColor(row.stage_color)
        return None

    def cells(self, position: int) -> tuple[Cell, ...] | None:
        """What each cell of the row at `position` paints with (read now if need be)."""
        return self._cells_at(position)

    def _cells_at(self, position: int) -> tuple[Cell, ...] | None:
        if not 0 <= position < len(self._ids):
            return None
        cells = self._cells.get(self._ids[position])
        if cells is None:
            self._row_for(position)
            cells = self._cells.get(self._ids[position])
        return cells
