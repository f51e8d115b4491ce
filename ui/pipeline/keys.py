"""The board's keyboard commands as actions with shortcuts, acting on the column in use."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

from ui.pipeline.cards import CardList

if TYPE_CHECKING:
    from ui.pipeline.page import PipelinePage


class BoardKeys(QObject):
    """Move cards between and within stages, open a card, walk the columns.

    Each action is added to every column's card list with a widget shortcut, so it
    acts on the list that has the keyboard.
    """

    def __init__(self, page: PipelinePage) -> None:
        super().__init__(page)
        self.page = page
        self.next_stage = self._action("Move to &Next Stage", ("Ctrl+Right",), self._to_stage, 1)
        self.previous_stage = self._action(
            "Move to &Previous Stage", ("Ctrl+Left",), self._to_stage, -1
        )
        self.move_up = self._action("Move &Up", ("Ctrl+Up",), self._reorder, -1)
        self.move_down = self._action("Move &Down", ("Ctrl+Down",), self._reorder, 1)
        self.open = self._action("&Open", ("Return", "Enter"), self._open, 0)
        self.column_left = self._action("Column to the &Left", ("Left",), self._walk, -1)
        self.column_right = self._action("Column to the &Right", ("Right",), self._walk, 1)

    def actions(self) -> list[QAction]:
        return [
            self.next_stage,
            self.previous_stage,
            self.move_up,
            self.move_down,
            self.open,
            self.column_left,
            self.column_right,
        ]

    def _action(
        self, text: str, keys: tuple[str, ...], act: Callable[[CardList, int], None], step: int
    ) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(lambda: self._on_cards(act, step))
        return action

    def _on_cards(self, act: Callable[[CardList, int], None], step: int) -> None:
        board = self.page.board
        column = board.column(board.current_stage_id) if board is not None else None
        if column is not None and self.page.model is not None:
            act(column.cards, step)

    def _chosen(self, cards: CardList) -> list[int]:
        current = cards.current_id()
        return cards.selected_ids() or ([current] if current is not None else [])

    def _to_stage(self, cards: CardList, step: int) -> None:
        ids = self._chosen(cards)
        target = self.page.neighbour_stage(cards.stage_id, step)
        if ids and target is not None:
            self.page.move_cards(ids, target.id, None)

    def _reorder(self, cards: CardList, step: int) -> None:
        ids = self._chosen(cards)
        model = self.page.model
        if not ids or model is None:
            return
        column_ids = model.ids_in(cards.stage_id)
        rows = sorted(column_ids.index(cid) for cid in ids)
        if step < 0 and rows[0] > 0:
            self.page.move_cards(ids, cards.stage_id, column_ids[rows[0] - 1])
        elif step > 0 and rows[-1] < len(column_ids) - 1:
            before = model.card_after(cards.stage_id, rows[-1] + 2, ids)
            self.page.move_cards(ids, cards.stage_id, before)

    def _open(self, cards: CardList, _step: int) -> None:
        current = cards.current_id()
        if current is not None:
            self.page.ctx.hub.openContactRequested.emit(current)

    def _walk(self, cards: CardList, step: int) -> None:
        neighbour = self.page.neighbour_stage(cards.stage_id, step)
        if neighbour is not None:
            self.page.focus_column(neighbour.id)
