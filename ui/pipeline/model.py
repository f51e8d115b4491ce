"""The board's item model: stages as top-level rows, their cards as children (ids + row cache).

Each column view shows one stage by using the stage's index as its root index, so a drag
from one column to another stays inside one model. Drops are turned into a
`moveRequested` signal; the page pushes the undo command that calls the service.
"""

from __future__ import annotations

import html
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QMimeData,
    QModelIndex,
    QObject,
    Qt,
    Signal,
)

from crm.pipeline.board import (
    BoardFilter,
    CardRow,
    card_rows,
    load_board,
    locate_cards,
    next_follow_ups,
)
from crm.pipeline.stages import StageRow, list_stages
from crm.store.db import Database
from ui.common.indexes import Index
from ui.common.moving import MovesByDrag, id_list, packed

CARD_MIME = "application/x-rapport-contact-ids"
CARD_ROLE = Qt.ItemDataRole.UserRole + 1  # CardRow of a card
STAGE_ROLE = Qt.ItemDataRole.UserRole + 2  # StageRow of a stage (also on its cards)
ID_ROLE = Qt.ItemDataRole.UserRole + 3  # contact id of a card, stage id of a stage
PAINT_ROLE = Qt.ItemDataRole.UserRole + 4  # (CardRow, StageRow) of a card: one call per paint
# Plain ints: data() runs for every painted card, and enum attribute lookups are slow.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_CARD_ROLES = frozenset({int(CARD_ROLE), int(PAINT_ROLE), _DISPLAY, _TOOLTIP})

# Cards fetched around a missing one: about three screens of a column.
_PAGE_BEFORE, _PAGE_AFTER = 10, 30
# Above this many changed contacts a full reload is cheaper than targeted updates.
_TARGETED_LIMIT = 300

# Computed once: flags() runs for every painted card, and enum arithmetic is slow in Python.
STAGE_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsDropEnabled
CARD_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled
    | Qt.ItemFlag.ItemIsSelectable
    | Qt.ItemFlag.ItemIsDragEnabled
    | Qt.ItemFlag.ItemNeverHasChildren
)


class BoardModel(MovesByDrag, QAbstractItemModel):
    """Stages (internal id 0) with cards as children (internal id = the stage id)."""

    MIME = CARD_MIME

    moveRequested = Signal(list, int, object)  # contact ids, stage id, before id or None

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._filter = BoardFilter()
        self._stages: list[StageRow] = []
        self._stage_row: dict[int, int] = {}
        # Per stage: (position, contact id) in board order; row r is _cards[stage][r].
        self._cards: dict[int, list[tuple[float, int]]] = {}
        self._stage_of: dict[int, int] = {}
        self._cache: dict[int, CardRow] = {}
        self._load()

    # -- loading -------------------------------------------------------------------------

    def _load(self) -> None:
        self._stages = list_stages(self._db)
        self._stage_row = {s.id: row for row, s in enumerate(self._stages)}
        board = load_board(self._db, self._filter)
        self._cards = {
            s.id: list(zip(board.columns[s.id].positions, board.columns[s.id].ids, strict=True))
            if s.id in board.columns
            else []
            for s in self._stages
        }
        self._stage_of = {cid: sid for sid, cards in self._cards.items() for _, cid in cards}
        self._cache.clear()

    def reload(self) -> None:
        """Everything again from the database (stages changed, a restore, an import)."""
        self.beginResetModel()
        self._load()
        self.endResetModel()

    def set_filter(self, flt: BoardFilter) -> None:
        if flt != self._filter:
            self._filter = flt
            self.reload()

    def board_filter(self) -> BoardFilter:
        return self._filter

    def refresh_contacts(self, ids: Sequence[int]) -> None:
        """Bring the cards of `ids` up to date: moved, changed, added, archived or deleted."""
        if len(ids) > _TARGETED_LIMIT:
            self.reload()
            return
        where = locate_cards(self._db, ids, self._filter)
        for contact_id in ids:
            self._cache.pop(contact_id, None)
            self._place(contact_id, where.get(contact_id))

    def _place(self, contact_id: int, target: tuple[int, float] | None) -> None:
        current = self._stage_of.get(contact_id)
        if target is not None and target[0] not in self._stage_row:
            target = None  # a stage created elsewhere: the stages reload will show it
        if current is not None:
            row = self._row_in(current, contact_id)
            if target is not None and target[0] == current and self._fits(current, row, target):
                self._cards[current][row] = (target[1], contact_id)
                index = self.card_index(current, row)
                self.dataChanged.emit(index, index)
                return
            parent = self.stage_index(current)
            self.beginRemoveRows(parent, row, row)
            del self._cards[current][row]
            del self._stage_of[contact_id]
            self.endRemoveRows()
        if target is not None:
            stage_id, position = target
            cards = self._cards[stage_id]
            row = bisect_left(cards, (position, contact_id))
            self.beginInsertRows(self.stage_index(stage_id), row, row)
            cards.insert(row, (position, contact_id))
            self._stage_of[contact_id] = stage_id
            self.endInsertRows()

    def _fits(self, stage_id: int, row: int, target: tuple[int, float]) -> bool:
        """Whether the card at `row` may take its new position without changing rows."""
        cards = self._cards[stage_id]
        key = (target[1], cards[row][1])
        return (row == 0 or cards[row - 1] < key) and (
            row + 1 == len(cards) or key < cards[row + 1]
        )

    def refresh_follow_ups(self) -> None:
        """Follow-ups changed: update the due dates of the cards in the cache, repaint those."""
        due = next_follow_ups(self._db, list(self._cache))
        for contact_id, card in list(self._cache.items()):
            if due.get(contact_id) != card.next_follow_up:
                self._cache[contact_id] = replace(card, next_follow_up=due.get(contact_id))
                index = self.index_of(contact_id)
                if index.isValid():
                    self.dataChanged.emit(index, index)

    def refresh_cards(self) -> None:
        """Card contents changed (follow-ups, tags, companies): repaint, same order."""
        self._cache.clear()
        for stage in self._stages:
            count = len(self._cards[stage.id])
            if count:
                top = self.card_index(stage.id, 0)
                self.dataChanged.emit(top, self.card_index(stage.id, count - 1))

    def _row_in(self, stage_id: int, contact_id: int) -> int:
        for row, (_, cid) in enumerate(self._cards[stage_id]):
            if cid == contact_id:
                return row
        raise KeyError(contact_id)

    def _fetch_around(self, stage_id: int, row: int) -> None:
        cards = self._cards[stage_id]
        window = cards[max(0, row - _PAGE_BEFORE) : row + _PAGE_AFTER]
        missing = [cid for _, cid in window if cid not in self._cache]
        self._cache.update(card_rows(self._db, missing))

    # -- lookups for views ---------------------------------------------------------------

    def stages(self) -> list[StageRow]:
        return list(self._stages)

    def stage_index(self, stage_id: int) -> QModelIndex:
        return self.createIndex(self._stage_row[stage_id], 0, 0)

    def card_index(self, stage_id: int, row: int) -> QModelIndex:
        return self.createIndex(row, 0, stage_id)

    def index_of(self, contact_id: int) -> QModelIndex:
        stage_id = self._stage_of.get(contact_id)
        if stage_id is None:
            return QModelIndex()
        return self.card_index(stage_id, self._row_in(stage_id, contact_id))

    def ids_in(self, stage_id: int) -> list[int]:
        return [cid for _, cid in self._cards.get(stage_id, [])]

    def stage_of(self, contact_id: int) -> int | None:
        return self._stage_of.get(contact_id)

    def paint_row(self, stage_id: int, row: int) -> tuple[CardRow, StageRow] | None:
        """What a card at `row` of a stage shows: one call per painted card."""
        contact_id = self._cards[stage_id][row][1]
        card = self._cache.get(contact_id)
        if card is None:
            self._fetch_around(stage_id, row)
            card = self._cache.get(contact_id)
            if card is None:
                return None
        return card, self._stages[self._stage_row[stage_id]]

    def card_count(self, stage_id: int) -> int:
        return len(self._cards.get(stage_id, ()))

    def card(self, contact_id: int) -> CardRow | None:
        index = self.index_of(contact_id)
        value = self.data(index, CARD_ROLE) if index.isValid() else None
        return value if isinstance(value, CardRow) else None

    # -- the QAbstractItemModel contract -------------------------------------------------

    def index(
        self,
        row: int,
        column: int,
        parent: Index = QModelIndex(),  # noqa: B008
    ) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        if parent.internalId() == 0:
            return self.createIndex(row, column, self._stages[parent.row()].id)
        return QModelIndex()

    def parent(  # type: ignore[override]
        self,
        index: Index = QModelIndex(),  # noqa: B008
    ) -> QModelIndex:
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(self._stage_row[index.internalId()], 0, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._stages)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self._cards[self._stages[parent.row()].id])
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            return self._stage_data(self._stages[index.row()], role)
        stage_id = index.internalId()
        if role == STAGE_ROLE:
            return self._stages[self._stage_row[stage_id]]
        contact_id = self._cards[stage_id][index.row()][1]
        if role == ID_ROLE:
            return contact_id
        if role not in _CARD_ROLES:
            return None
        if role == PAINT_ROLE:
            return self.paint_row(stage_id, index.row())
        card = self._cache.get(contact_id)
        if card is None:
            self._fetch_around(stage_id, index.row())
            card = self._cache.get(contact_id)
            if card is None:
                return None
        if role == CARD_ROLE:
            return card
        if role == _DISPLAY:
            return card.name
        return _tooltip(card)

    def _stage_data(self, stage: StageRow, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return stage.name
        if role == STAGE_ROLE:
            return stage
        if role == ID_ROLE:
            return stage.id
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return STAGE_FLAGS if index.internalId() == 0 else CARD_FLAGS

    # -- drag and drop -------------------------------------------------------------------

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        cards = sorted(
            (self._stage_row[i.internalId()], i.row(), self._cards[i.internalId()][i.row()][1])
            for i in indexes
            if i.isValid() and i.internalId() != 0
        )
        return packed(CARD_MIME, [cid for _, _, cid in cards])

    def drops_on(self, parent: Index) -> bool:
        return parent.isValid()  # a stage, or a card in it

    def drop(self, payload: Any, row: int, parent: Index) -> bool:
        if parent.internalId() != 0:  # dropped on a card: land just above it
            row, parent = parent.row(), parent.parent()
        stage_id = self._stages[parent.row()].id
        ids = [cid for cid in dict.fromkeys(id_list(payload)) if cid in self._stage_of]
        if not ids:
            return False
        before = self.card_after(stage_id, row, ids)
        if self._would_not_change(stage_id, ids, before):
            return False
        self.moveRequested.emit(ids, stage_id, before)
        return True

    def card_after(self, stage_id: int, row: int, moving: Sequence[int]) -> int | None:
        """The first card at or after `row` that is not moving (None: the end of the column)."""
        cards = self._cards[stage_id]
        if row < 0:
            return None
        skip = set(moving)
        for _, cid in cards[row:]:
            if cid not in skip:
                return cid
        return None

    def _would_not_change(self, stage_id: int, ids: list[int], before: int | None) -> bool:
        current = self.ids_in(stage_id)
        if not all(self._stage_of.get(cid) == stage_id for cid in ids):
            return False
        rest = [cid for cid in current if cid not in set(ids)]
        at = rest.index(before) if before is not None else len(rest)
        return rest[:at] + ids + rest[at:] == current


def _tooltip(card: CardRow) -> str:
    # Tooltips are rich text when they look like it: every user string is escaped.
    lines = [f"<b>{html.escape(card.name)}</b>"]
    role = " · ".join(html.escape(part) for part in (card.title, card.company) if part)
    if role:
        lines.append(role)
    if card.tags:
        lines.append(html.escape(", ".join(card.tags)))
    return "<br>".join(lines)
