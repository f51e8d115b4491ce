"""One stage column of the board: a header (name, colour, count) over a list of painted cards."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QPalette
from PySide6.QtWidgets import QFrame, QVBoxLayout

from crm.pipeline.stages import StageRow
from ui.pipeline.cards import CardList
from ui.pipeline.delegate import CardDelegate
from ui.pipeline.header import COLUMN_WIDTH, StageHeader
from ui.pipeline.model import CARD_MIME, BoardModel


class StageColumn(QFrame):
    """A whole stage: header over its cards. Card drops on the header land at the end."""

    def __init__(self, model: BoardModel, stage: StageRow, delegate: CardDelegate) -> None:
        super().__init__()
        self.setObjectName("stageColumn")
        self.setAccessibleName(stage.name)
        self.stage = stage
        self._model = model
        self.header = StageHeader(stage)
        self.cards = CardList(model, stage.id, delegate)
        self.cards.setAccessibleName(f"{stage.name} cards")
        self.cards.setFixedWidth(COLUMN_WIDTH - 8)
        self.setFixedWidth(COLUMN_WIDTH)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 4, 6)
        layout.setSpacing(2)
        layout.addWidget(self.header)
        layout.addWidget(self.cards, 1)
        layout.setAlignment(self.cards, Qt.AlignmentFlag.AlignHCenter)
        self.setAcceptDrops(True)
        # A plain fill (only of the dirty region) keeps repaints cheap; AlternateBase
        # sets the column off from the window in light and dark palettes alike.
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.setAutoFillBackground(True)
        model.rowsInserted.connect(self._rows_changed)
        model.rowsRemoved.connect(self._rows_changed)
        # Qt quirk: a view resets its root index on modelReset; connecting after the view
        # (created above) makes this run after that reset, so the column keeps its stage.
        model.modelReset.connect(self.attach)
        self.update_count()

    def attach(self) -> None:
        """Show the model's current index of this stage (after a model reset)."""
        if any(s.id == self.stage.id for s in self._model.stages()):
            self.cards.setRootIndex(self._model.stage_index(self.stage.id))
            self.update_count()

    def update_count(self) -> None:
        self.header.set_count(self._model.rowCount(self._model.stage_index(self.stage.id)))

    def _rows_changed(self, parent: QModelIndex, _first: int, _last: int) -> None:
        stages = self._model.stages()
        ours = parent.isValid() and parent.internalId() == 0 and parent.row() < len(stages)
        if ours and stages[parent.row()].id == self.stage.id:
            self.update_count()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(CARD_MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if event.mimeData().hasFormat(CARD_MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        parent = self._model.stage_index(self.stage.id)
        if self._model.dropMimeData(event.mimeData(), Qt.DropAction.MoveAction, -1, 0, parent):
            event.acceptProposedAction()
        else:
            event.ignore()
