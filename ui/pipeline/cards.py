"""The painted cards of one stage: keys, drags, drops and the drop bar."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QKeyCombination, QPoint, QRect, Qt, Signal
from PySide6.QtGui import (
    QDragMoveEvent,
    QDropEvent,
    QFocusEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QSizePolicy,
    QStyleOptionViewItem,
    QTableView,
)

from ui.pipeline.delegate import CardDelegate
from ui.pipeline.model import ID_ROLE, BoardModel
from ui.pipeline.scroll_bar import HandleScrollBar


class CardList(QTableView):
    """The cards of one stage; drags and drops go through the model.

    A one-column table rather than a QListView: QListView lays out every row again
    (calling the Python model once per row) on each insert or remove, which a column of
    thousands cannot afford; a table with fixed row heights only touches visible rows.
    """

    engaged = Signal()  # the keyboard reached this list: board keys act on it

    def __init__(self, model: BoardModel, stage_id: int, delegate: CardDelegate) -> None:
        super().__init__()
        self.setObjectName("stageCards")
        self.stage_id = stage_id
        self.setModel(model)
        self.setRootIndex(model.stage_index(stage_id))
        self.setItemDelegate(delegate)
        self._delegate = delegate
        self._hover_row = -1
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setCornerButtonEnabled(False)
        self.horizontalHeader().hide()
        self.horizontalHeader().setStretchLastSection(True)
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setMinimumSectionSize(1)
        rows.setDefaultSectionSize(delegate.card_height(self.font()))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setTabKeyNavigation(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        # Qt quirk: the style's drop indicator is a hairline and nothing at all below the
        # last card; we draw a clear bar ourselves where the card will land.
        self.setDropIndicatorShown(False)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalScrollBar().setSingleStep(24)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setMouseTracking(True)
        # An opaque viewport fills its own dirty region: a card repaint then never has to
        # paint the column frame behind it first (measured: half the cost of a move's paint).
        self.viewport().setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.viewport().setAutoFillBackground(True)
        # The same for the list itself: a focus change repaints the whole list, which
        # otherwise repainted the whole column (header included) behind it.
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.setAutoFillBackground(True)
        self.setVerticalScrollBar(HandleScrollBar(Qt.Orientation.Vertical, self))
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self._drop_y: int | None = None

    def board_model(self) -> BoardModel:
        model = self.model()
        assert isinstance(model, BoardModel)
        return model

    def selected_ids(self) -> list[int]:
        rows = sorted(i.row() for i in self.selectionModel().selectedIndexes())
        ids = self.board_model().ids_in(self.stage_id)
        return [ids[r] for r in rows if r < len(ids)]

    def current_id(self) -> int | None:
        index = self.currentIndex()
        value = index.data(ID_ROLE) if index.isValid() else None
        return value if isinstance(value, int) else None

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.engaged.emit()
        super().focusInEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self.engaged.emit()
        # Qt quirk: a key reaches the list itself, not the action's shortcut, while its
        # window is not the active one (a focus change in flight, tests); the same
        # actions decide here. Keypad arrows and Enter count as the plain keys.
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        pressed = QKeySequence(QKeyCombination(mods, Qt.Key(event.key())))
        for action in self.actions():
            if action.isEnabled() and pressed in action.shortcuts():
                action.trigger()
                event.accept()
                return
        super().keyPressEvent(event)

    # -- the drop bar --------------------------------------------------------------------

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        super().dragMoveEvent(event)
        self._drop_y = self._bar_at(event.position().toPoint()) if event.isAccepted() else None
        self.viewport().update()

    def dragLeaveEvent(self, event: object) -> None:  # type: ignore[override]
        self._drop_y = None
        self.viewport().update()
        super().dragLeaveEvent(event)  # type: ignore[arg-type]

    def dropEvent(self, event: QDropEvent) -> None:
        self._drop_y = None
        super().dropEvent(event)
        self.viewport().update()

    def _bar_at(self, pos: QPoint) -> int:
        index = self.indexAt(pos)
        if index.isValid():
            rect = self.visualRect(index)
            return rect.top() if pos.y() < rect.center().y() else rect.bottom() + 1
        count = self.model().rowCount(self.rootIndex())
        if count == 0:
            return 2
        last = self.model().index(count - 1, 0, self.rootIndex())
        return self.visualRect(last).bottom() + 1

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._hover(self.rowAt(event.position().toPoint().y()))
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self._hover(-1)
        super().leaveEvent(event)

    def _hover(self, row: int) -> None:
        if row != self._hover_row:
            for old_or_new in (self._hover_row, row):
                if old_or_new >= 0:
                    self.viewport().update(self._card_rect(old_or_new))
            self._hover_row = row

    def _card_rect(self, row: int) -> QRect:
        height = self.verticalHeader().defaultSectionSize()
        return QRect(0, row * height - self.verticalOffset(), self.viewport().width(), height)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        self._paint_cards(painter, event.rect())
        if self._drop_y is not None:
            self._paint_drop_bar(painter, self._drop_y)
        painter.end()

    def _paint_cards(self, painter: QPainter, dirty: QRect) -> None:
        """The cards in `dirty`, straight from the model and the delegate's images.

        QTableView's own paint calls the Python model three times and the delegate once
        per card, with a style option built and wrapped for each; this loop makes one
        call per card (measured: the card lists were a third of showing the board).
        """
        model = self.board_model()
        count = model.card_count(self.stage_id)
        height = self.verticalHeader().defaultSectionSize()
        if count == 0 or height <= 0:
            return
        offset = self.verticalOffset()
        first = max(0, (dirty.top() + offset) // height)
        last = min(count - 1, (dirty.bottom() + offset) // height)
        if first > last:
            return
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        palette, font = option.palette, option.font  # type: ignore[attr-defined]
        selected: set[int] = set()
        selection = self.selectionModel().selection()
        for n in range(selection.size()):
            span = selection.at(n)
            selected.update(range(max(span.top(), first), min(span.bottom(), last) + 1))
        current = self.currentIndex()
        focused_row = current.row() if current.isValid() and self.hasFocus() else -1
        width = self.viewport().width()
        delegate = self._delegate
        for row in range(first, last + 1):
            shown = model.paint_row(self.stage_id, row)
            if shown is None:
                continue
            flags = (row in selected, row == focused_row, row == self._hover_row)
            target = QRect(0, row * height - offset, width, height)
            delegate.draw(painter, target, shown[0], shown[1], palette, font, flags)

    def _paint_drop_bar(self, painter: QPainter, drop_y: int) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        color = self.palette().color(QPalette.ColorRole.Highlight)
        painter.setPen(QPen(color, 3, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        y = max(2, min(drop_y, self.viewport().height() - 2))
        painter.drawLine(6, y, self.viewport().width() - 6, y)
        painter.setBrush(color)
        painter.drawEllipse(QPoint(5, y), 3, 3)
