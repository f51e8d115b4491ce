"""The contacts table model: the ids of a search in table order, rows fetched by page."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from datetime import date, datetime, tzinfo
from functools import cache
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QPalette,
)
from PySide6.QtWidgets import QApplication

from crm.contacts.listing import (
    ContactListRow,
    FirstPage,
    SortKey,
    fetch_rows,
    list_contact_ids,
)
from crm.contacts.search import match_hints
from crm.store.db import Database
from crm.store.localtime import local_today, local_zone, to_local
from ui.common.dates import day_text
from ui.common.palette import OVERDUE, is_dark
from ui.common.plain_text import as_tooltip
from ui.contacts.stage_dot import stage_dot

PAGE = 200  # ids listed at a time: the first page of a search, a few screens of table
CONTACT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
STAGE_COLOR_ROLE = Qt.ItemDataRole.UserRole + 2
FETCH = 64  # rows read at once when painting: two screens, about a millisecond
HINT_ROLE = Qt.ItemDataRole.UserRole + 3  # "notes: …Anna Lee…" beside a name, faded
_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_DATA_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.AccessibleTextRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.DecorationRole,
        CONTACT_ID_ROLE,
        STAGE_COLOR_ROLE,
        HINT_ROLE,
    }
)

COLUMNS: tuple[tuple[str, SortKey], ...] = (
    ("Name", SortKey.NAME),
    ("Company", SortKey.COMPANY),
    ("Title", SortKey.TITLE),
    ("Stage", SortKey.STAGE),
    ("Last interaction", SortKey.LAST_INTERACTION),
    ("Next follow-up", SortKey.NEXT_FOLLOW_UP),
    ("Due to reach out", SortKey.REACH_OUT),
)
NAME, COMPANY, TITLE, STAGE, LAST, NEXT, REACH_OUT = range(len(COLUMNS))

AnyIndex = QModelIndex | QPersistentModelIndex


def local_date(value: datetime, zone: tzinfo) -> date:
    return to_local(value, zone).date()


class ContactTableModel(QAbstractTableModel):
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
        self._texts: dict[int, tuple[str, ...]] = {}
        self._hints: dict[int, str] = {}
        self._first_page: FirstPage | None = None
        self._brushes = _brushes()
        self._complete = True
        self._zone = local_zone()
        self._today = local_today(db.now(), self._zone)
        self.query = ""
        self.sort_key = SortKey.NAME
        self.descending = False
        self.include_archived = False

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

    def reload(self, *, keep_loaded: bool = False) -> None:
        """Run the search again: from the first page for a new query or sort, or with as
        many rows as before (`keep_loaded`) when data changed under a scrolled view."""
        everything = keep_loaded and len(self._ids) > PAGE
        self.beginResetModel()
        self._today = local_today(self._db.now(), self._zone)
        if everything:
            self._ids = self._query_ids(None)
            self._complete = True
        else:
            first = self.first_page().ids(
                self.query, self.sort_key, self.descending, self.include_archived, PAGE + 1
            )
            self._complete = len(first) <= PAGE
            self._ids = first[:PAGE]
        self._rows = {}
        self._texts = {}
        self._hints = {}
        self._brushes = _brushes()  # the palette may have changed (light or dark)
        self.endResetModel()

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
            if self.query.strip():
                folding = self.first_page().folding()
                self._hints.update(match_hints(self._raw(), self.query, list(rows), folding))
            # The texts are made once per row, not on every paint of every cell.
            zone = self._zone
            for contact_id, row in rows.items():
                self._texts[contact_id] = tuple(
                    _text(row, c, zone, self._today) for c in range(len(COLUMNS))
                )

    def _row_for(self, row: int) -> ContactListRow | None:
        contact_id = self._ids[row]
        cached = self._rows.get(contact_id)
        if cached is None:
            # Fetch the page around the row asked for: the view paints its neighbours next.
            start = max(0, row - FETCH // 4)
            self._fill(self._ids[start : start + FETCH])
            cached = self._rows.get(contact_id)
        return cached

    def refresh_contacts(self, ids: Iterable[int]) -> None:
        """Re-read the listed rows of `ids` in place; rows deleted or archived meanwhile
        leave the list. Order is not revisited (the caller re-queries when it matters)."""
        listed = set(self._ids)
        changed = [i for i in ids if i in listed]
        for contact_id in changed:
            self._rows.pop(contact_id, None)
            self._texts.pop(contact_id, None)
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
            self._texts.pop(removed, None)
            self.endRemoveRows()
        positions = {contact_id: row for row, contact_id in enumerate(self._ids)}
        for contact_id in changed:
            if contact_id in positions:
                row = positions[contact_id]
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    # -- Qt model ------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: AnyIndex) -> bool:
        return not parent.isValid() and not self._complete

    def fetchMore(self, parent: AnyIndex) -> None:
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

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        return _ROW_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Painting asks about ten roles of every visible cell (about 1,100 calls per
        # repaint): the common answers come first and cheaply.
        if role not in _DATA_ROLES:
            return None
        position = index.row()
        if not 0 <= position < len(self._ids):
            return None
        if role == CONTACT_ID_ROLE:
            return self._ids[position]
        if role == HINT_ROLE:
            return self._hints.get(self._ids[position]) if index.column() == NAME else None
        contact_id = self._ids[position]
        if role == Qt.ItemDataRole.DisplayRole:
            texts = self._texts.get(contact_id)
            if texts is None:
                self._row_for(position)
                texts = self._texts.get(contact_id)
            return texts[index.column()] if texts is not None else None
        row = self._rows.get(contact_id) or self._row_for(position)
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.overdue and column == NEXT:
                return self._brushes[0]
            return self._brushes[1] if row.archived else None
        if role == Qt.ItemDataRole.FontRole:
            return _bold() if row.overdue and column == NEXT else None
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            text = _text(row, column, self._zone, self._today)
            hint = self._hints.get(row.id) if column == NAME else None
            if hint:
                text = f"{text}\nfound in {hint}"
            if column == NEXT and row.overdue:
                return f"{text} (overdue)"
            return as_tooltip(text) if role == Qt.ItemDataRole.ToolTipRole else text or "none"
        if role == Qt.ItemDataRole.DecorationRole:
            return stage_dot(row.stage_color) if column == STAGE else None
        if role == STAGE_COLOR_ROLE and column == STAGE:
            return QColor(row.stage_color)
        return None


@cache
def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


def _brushes() -> tuple[QBrush, QBrush]:
    """Text brushes for an overdue follow-up and for an archived contact."""
    disabled = QApplication.palette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    return QBrush(overdue_color()), disabled


def overdue_color() -> QColor:
    return QColor(OVERDUE[is_dark()])


def _text(row: ContactListRow, column: int, zone: tzinfo, today: date) -> str:
    if column == NAME:
        return row.name
    if column == COMPANY:
        return row.company
    if column == TITLE:
        return row.title
    if column == STAGE:
        return row.stage_name
    if column == LAST:
        return (
            day_text(local_date(row.last_interaction, zone), today) if row.last_interaction else ""
        )
    if column == NEXT:
        return "" if row.next_follow_up is None else day_text(row.next_follow_up, today)
    if column == REACH_OUT:
        return "" if row.reach_out is None else day_text(row.reach_out, today)
    return ""
