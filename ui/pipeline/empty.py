"""The Pipeline page without any contact: how the board works and how to fill it."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QWidget

from ui.empty_state import EmptyState
from ui.pipeline.model import BoardModel

TEXT = (
    "Each contact is a card in the column of their stage: To contact, Reached out, "
    "Scheduled, Met, Thanked, Keep in touch. Drag a card to the next column as the "
    "conversation moves on; follow-ups such as a thank-you note are added for you."
)


class BoardEmptyState(EmptyState):
    """Shown instead of the board while no contact is on it (and no filter hides them)."""

    addContactRequested = Signal()
    importRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("pipelineEmpty", "Your pipeline is empty", TEXT, parent)
        self.add_button("add", "Add a contact", self.addContactRequested.emit, "pipelineAdd")
        self.add_button("import", "Import contacts…", self.importRequested.emit, "pipelineImport")
        self._model: BoardModel | None = None
        self._board: QWidget | None = None
        self.setVisible(False)

    def watch(self, model: BoardModel, board: QWidget) -> None:
        """Follow `model`: show this instead of `board` while it holds no card."""
        self._model, self._board = model, board
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved):
            signal.connect(self.update_shown)
        self.update_shown()

    @Slot()
    def update_shown(self) -> None:
        model, board = self._model, self._board
        if model is None or board is None:
            return
        empty = model.board_filter().is_empty and not any(
            model.card_count(stage.id) for stage in model.stages()
        )
        self.setVisible(empty)
        board.setVisible(not empty)
