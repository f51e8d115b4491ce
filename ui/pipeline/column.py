"""One stage column of the board: a header (name, colour, count) over a list of painted cards."""

from __future__ import annotations

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QKeyCombination,
    QMimeData,
    QModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QDrag,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSlider,
    QApplication,
    QFrame,
    QHeaderView,
    QScrollBar,
    QSizePolicy,
    QStyle,
    QStyleOptionSlider,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crm.pipeline.stages import StageRow
from ui.pipeline.delegate import CardDelegate, mix
from ui.pipeline.model import CARD_MIME, ID_ROLE, BoardModel

STAGE_MIME = "application/x-rapport-stage-id"
COLUMN_WIDTH = 272


class HandleScrollBar(QScrollBar):
    """A scroll bar that repaints only when its handle moves.

    Every card added to or removed from a column changes the range; in a long column that
    moves the handle by less than a pixel, yet a plain QScrollBar repaints its whole
    length each time (about 0.8 ms, a twentieth of a frame, per column per move).
    """

    def __init__(self, orientation: Qt.Orientation, parent: QWidget | None = None) -> None:
        super().__init__(orientation, parent)
        self._handle = QRect()
        self._painted: tuple[tuple[object, ...], QPixmap] | None = None

    def _handle_rect(self) -> QRect:
        option = QStyleOptionSlider()
        self.initStyleOption(option)
        return self.style().subControlRect(
            QStyle.ComplexControl.CC_ScrollBar,
            option,
            QStyle.SubControl.SC_ScrollBarSlider,
            self,
        )

    def sliderChange(self, change: QAbstractSlider.SliderChange) -> None:
        handle = self._handle_rect()
        orientation = change == QAbstractSlider.SliderChange.SliderOrientationChange
        if handle == self._handle and not orientation:
            return  # range, page step or value changed less than a pixel's worth
        self._handle = handle
        super().sliderChange(change)

    def paintEvent(self, event: QPaintEvent) -> None:
        # A column's scroll bar is repainted with its column (focus moves, every move);
        # at rest it looks the same each time, so its image is kept and blitted. Hovered
        # or pressed, the style paints it live (the hover state is private to Qt).
        if self.underMouse() or self.isSliderDown():
            super().paintEvent(event)
            return
        option = QStyleOptionSlider()
        self.initStyleOption(option)
        option.subControls = QStyle.SubControl.SC_All
        ratio = self.devicePixelRatioF()
        key = (
            self.size(),
            self._handle_rect(),
            self.value() == self.minimum(),
            self.value() == self.maximum(),
            self.palette().cacheKey(),
            int(option.state.value),
            ratio,
        )
        if self._painted is None or self._painted[0] != key:
            pixmap = QPixmap(self.size() * ratio)
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            self.style().drawComplexControl(
                QStyle.ComplexControl.CC_ScrollBar, option, painter, self
            )
            painter.end()
            self._painted = (key, pixmap)
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._painted[1])
        painter.end()


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


class StageHeader(QWidget):
    """Stage name, colour and card count; drag it to reorder the stages."""

    editRequested = Signal()

    def __init__(self, stage: StageRow) -> None:
        super().__init__()
        self.stage = stage
        self.count = 0
        self._press: QPoint | None = None
        self._image: tuple[tuple[object, ...], QPixmap] | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.setToolTip("Drag to reorder stages · double-click to edit")
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def sizeHint(self) -> QSize:
        return QSize(COLUMN_WIDTH, QFontMetrics(self.font()).height() + 22)

    def set_count(self, count: int) -> None:
        if count != self.count:
            self.count = count
            self.update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._image = None
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        # Kept as an image: every show of the board and every focus change of a column
        # repaints the header, which looks the same until its count or stage changes.
        ratio = self.devicePixelRatioF()
        key = (self.size(), self.count, self.stage, self.palette().cacheKey(), ratio)
        if self._image is None or self._image[0] != key:
            image = QPixmap(self.size() * ratio)
            image.setDevicePixelRatio(ratio)
            # Opaque, on the column's colour, so the column need not paint behind it.
            image.fill(self.palette().color(QPalette.ColorRole.AlternateBase))
            painter = QPainter(image)
            self._paint_header(painter)
            painter.end()
            self._image = (key, image)
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._image[1])
        painter.end()

    def _paint_header(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        rect = self.rect().adjusted(8, 4, -8, -4)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(self.stage.color))
        painter.drawRoundedRect(rect.left(), rect.top(), rect.width(), 4, 2, 2)
        body = rect.adjusted(0, 6, 0, 0)
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.9))
        count = f"{self.count:,}"
        pill_w = QFontMetrics(small).horizontalAdvance(count) + 14
        pill_h = QFontMetrics(small).height() + 2
        pill = QRect(body.right() - pill_w, body.center().y() - pill_h // 2, pill_w, pill_h)
        painter.setBrush(mix(palette.color(QPalette.ColorRole.Window), text, 0.12))
        painter.drawRoundedRect(pill, pill_h / 2, pill_h / 2)
        painter.setFont(small)
        painter.setPen(text)
        painter.drawText(pill, int(Qt.AlignmentFlag.AlignCenter), count)
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        name = self.stage.name
        room = body.width() - pill_w - 8
        if self.stage.is_closed:
            marker = "  closed"
            room -= QFontMetrics(small).horizontalAdvance(marker)
        name = QFontMetrics(bold).elidedText(name, Qt.TextElideMode.ElideRight, room)
        name_rect = QRect(body.left(), body.top(), room, body.height())
        painter.drawText(name_rect, int(Qt.AlignmentFlag.AlignVCenter), name)
        if self.stage.is_closed:
            used = QFontMetrics(bold).horizontalAdvance(name)
            painter.setFont(small)
            painter.setPen(mix(text, palette.color(QPalette.ColorRole.Window), 0.45))
            marker_rect = QRect(body.left() + used, body.top(), body.width(), body.height())
            painter.drawText(marker_rect, int(Qt.AlignmentFlag.AlignVCenter), "  closed")

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._press = None
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self._press = None
        self.editRequested.emit()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is None:
            return
        distance = (event.position().toPoint() - self._press).manhattanLength()
        if distance < QApplication.startDragDistance():
            return
        self._press = None
        column = self.parentWidget()
        mime = QMimeData()
        mime.setData(STAGE_MIME, QByteArray(str(self.stage.id).encode()))
        drag = QDrag(self)
        drag.setMimeData(mime)
        if column is not None:
            pixmap: QPixmap = column.grab()
            drag.setPixmap(pixmap.scaledToWidth(pixmap.width() // 2))
            drag.setHotSpot(QPoint(pixmap.width() // 4, 10))
        drag.exec(Qt.DropAction.MoveAction)


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
