"""The board: stage columns side by side, scrolling horizontally; drag a header to reorder."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QDragEnterEvent, QDragMoveEvent, QDropEvent, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QScrollArea, QWidget

from ui.common.moving import id_list, unpacked
from ui.pipeline.cards import CardList
from ui.pipeline.column import StageColumn
from ui.pipeline.delegate import CardDelegate
from ui.pipeline.header import STAGE_MIME
from ui.pipeline.model import BoardModel
from ui.pipeline.scroll_bar import HandleScrollBar


class _Strip(QWidget):
    """The row of columns; takes stage-header drops and shows where the stage will go."""

    stageDropped = Signal(int, int)  # stage id, new index

    def __init__(self) -> None:
        super().__init__()
        self.setAcceptDrops(True)
        self.layout_ = QHBoxLayout(self)
        self.layout_.setContentsMargins(10, 8, 10, 8)
        self.layout_.setSpacing(6)
        self.marker = QFrame(self)
        self.marker.setFrameShape(QFrame.Shape.NoFrame)
        self.marker.setAutoFillBackground(True)
        palette = self.marker.palette()
        palette.setColor(QPalette.ColorRole.Window, palette.color(QPalette.ColorRole.Highlight))
        self.marker.setPalette(palette)
        self.marker.hide()
        self.columns: list[StageColumn] = []

    def _drop_index(self, x: int) -> int:
        for i, column in enumerate(self.columns):
            if x < column.geometry().center().x():
                return i
        return len(self.columns)

    def _accepts(self, event: QDragEnterEvent | QDragMoveEvent) -> bool:
        return event.mimeData().hasFormat(STAGE_MIME)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._accepts(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if not self._accepts(event):
            event.ignore()
            return
        event.acceptProposedAction()
        index = self._drop_index(event.position().toPoint().x())
        if self.columns:
            if index < len(self.columns):
                x = self.columns[index].geometry().left() - 5
            else:
                x = self.columns[-1].geometry().right() + 1
            self.marker.setGeometry(x, 6, 4, self.height() - 12)
            self.marker.show()
            self.marker.raise_()

    def dragLeaveEvent(self, event: object) -> None:  # type: ignore[override]
        self.marker.hide()

    def dropEvent(self, event: QDropEvent) -> None:
        self.marker.hide()
        ids = id_list(unpacked(event.mimeData(), STAGE_MIME))
        if len(ids) != 1:
            event.ignore()
            return
        stage_id = ids[0]
        index = self._drop_index(event.position().toPoint().x())
        event.acceptProposedAction()
        self.stageDropped.emit(stage_id, index)


class PipelineBoard(QScrollArea):
    """One StageColumn per stage, rebuilt when the stages change."""

    openRequested = Signal(int)  # contact id
    cardMenuRequested = Signal(int, QPoint)  # stage id, global position
    stageMenuRequested = Signal(int, QPoint)  # stage id, global position
    stageEditRequested = Signal(int)
    stageDropped = Signal(int, int)  # stage id, new index among the stages

    def __init__(
        self,
        model: BoardModel,
        now: Callable[[], datetime],
        today: Callable[[], date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("pipelineBoard")
        self.setAccessibleName("Pipeline board")
        self.model = model
        self.delegate = CardDelegate(now, today, self)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Repainted with the board on every show; the style's full paint of a bar this
        # long was about a tenth of showing the page.
        self.setHorizontalScrollBar(HandleScrollBar(Qt.Orientation.Horizontal, self))
        self.strip = _Strip()
        self.strip.stageDropped.connect(self._stage_dropped)
        self.setWidget(self.strip)
        self._stage_ids: list[int] = []
        self._key_actions: list[QAction] = []
        self.current_stage_id = -1  # the column the keyboard last reached
        model.modelReset.connect(self._model_reset)
        self.rebuild()

    def set_key_actions(self, actions: list[QAction]) -> None:
        """The keyboard commands every column's card list answers to."""
        self._key_actions = list(actions)
        for column in self.strip.columns:
            column.cards.addActions(self._key_actions)

    def columns(self) -> list[StageColumn]:
        return list(self.strip.columns)

    def settle(self) -> None:
        """Lay the columns out now rather than on Qt's delayed-layout timer.

        After a move the views repaint at once; the timer firing afterwards made the
        source column lay out and repaint a second time.
        """
        for column in self.strip.columns:
            column.cards.executeDelayedItemsLayout()

    def column(self, stage_id: int) -> StageColumn | None:
        for column in self.strip.columns:
            if column.stage.id == stage_id:
                return column
        return None

    def rebuild(self) -> None:
        layout = self.strip.layout_
        while layout.count():
            item = layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                # Deleted later: this may run inside an event of the old column itself.
                widget.setObjectName("")
                widget.hide()
                widget.deleteLater()
        self.strip.columns = []
        stages = self.model.stages()
        for stage in stages:
            column = StageColumn(self.model, stage, self.delegate)
            self._wire(column)
            layout.addWidget(column)
            self.strip.columns.append(column)
        layout.addStretch(1)
        self._stage_ids = [s.id for s in stages]

    def _wire(self, column: StageColumn) -> None:
        stage_id = column.stage.id
        cards = column.cards
        cards.addActions(self._key_actions)
        cards.engaged.connect(lambda: setattr(self, "current_stage_id", stage_id))
        cards.doubleClicked.connect(lambda index: self._open(cards, index.row()))
        cards.customContextMenuRequested.connect(lambda pos: self._card_menu(cards, pos))
        column.header.customContextMenuRequested.connect(
            lambda pos: self.stageMenuRequested.emit(stage_id, column.header.mapToGlobal(pos))
        )
        column.header.editRequested.connect(lambda: self.stageEditRequested.emit(stage_id))

    def _open(self, cards: CardList, row: int) -> None:
        ids = self.model.ids_in(cards.stage_id)
        if 0 <= row < len(ids):
            self.openRequested.emit(ids[row])

    def _card_menu(self, cards: CardList, pos: QPoint) -> None:
        index = cards.indexAt(pos)
        if not index.isValid():
            return
        if not cards.selectionModel().isSelected(index):
            cards.selectionModel().select(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        cards.setCurrentIndex(index)
        self.cardMenuRequested.emit(cards.stage_id, cards.viewport().mapToGlobal(pos))

    def _model_reset(self) -> None:
        stages = self.model.stages()
        if [s.id for s in stages] == self._stage_ids and all(
            c.stage == s for c, s in zip(self.strip.columns, stages, strict=True)
        ):
            return  # each column re-attaches itself to its stage
        scroll = self.horizontalScrollBar().value()
        self.rebuild()
        self.horizontalScrollBar().setValue(scroll)

    def _stage_dropped(self, stage_id: int, index: int) -> None:
        order = [c.stage.id for c in self.strip.columns]
        if stage_id not in order:
            return
        old = order.index(stage_id)
        if index > old:
            index -= 1
        if index != old:
            self.stageDropped.emit(stage_id, index)

    def show_column(self, column: StageColumn) -> None:
        """Scroll the board sideways only when the column is not wholly in view."""
        left = column.x() - self.horizontalScrollBar().value()
        if left < 0 or left + column.width() > self.viewport().width():
            self.ensureWidgetVisible(column, 10, 0)

    def select_cards(self, stage_id: int, ids: list[int], focus: bool = True) -> None:
        """Select `ids` in their column, make the first current and visible."""
        column = self.column(stage_id)
        if column is None:
            return
        cards = column.cards
        selection = QItemSelection()
        first = None
        for contact_id in ids:
            index = self.model.index_of(contact_id)
            if index.isValid() and index.internalId() == stage_id:
                selection.select(index, index)
                first = first or index
        if first is None:
            return
        cards.selectionModel().setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
        cards.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        cards.scrollTo(first)
        self.show_column(column)
        if focus:
            cards.setFocus()
