"""The week view: seven days of half-hour slots with painted meeting blocks, follow-ups on top."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QLocale, QModelIndex, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from crm.calendar.agenda import Entry
from crm.store.localtime import to_local
from ui.calendar.grid_base import GridView
from ui.calendar.models import SLOT_MINUTES, short_title
from ui.calendar.painting import follow_up_label, paint_chip
from ui.calendar.week_model import WeekModel
from ui.common.undo import push

GUTTER = 52
SLOT_HEIGHT = 22
SNAP_MINUTES = 15
HANDLE = 5  # pixels at the bottom of a block that resize it
MAX_FOLLOW_UP_LINES = 3


def _minutes(moment: datetime) -> int:
    return moment.hour * 60 + moment.minute


class WeekCanvas(GridView):
    """The slots of one week; drag a block to move it, drag its bottom edge to resize it."""

    def __init__(self, model: WeekModel, parent: QWidget | None = None) -> None:
        super().__init__(model, parent)
        self.week = model
        self.setAccessibleName("Week")
        self.setFixedHeight(self.slot_height() * model.grid_rows() + 1)
        self._resizing: tuple[int, datetime, datetime] | None = None  # id, start, preview end
        self._layout: dict[tuple[str, int], QRect] = {}
        model.modelReset.connect(self._relayout)

    def slot_height(self) -> int:
        return max(SLOT_HEIGHT, self.fontMetrics().height() + 6)

    def _pixels_per_minute(self) -> float:
        return self.slot_height() / SLOT_MINUTES

    def column_rect(self, column: int) -> QRect:
        width = (self.width() - GUTTER) / 7
        left = GUTTER + round(column * width)
        return QRect(left, 0, GUTTER + round((column + 1) * width) - left, self.height())

    def y_of(self, minutes: int) -> int:
        return round(minutes * self._pixels_per_minute())

    # -- layout of blocks ----------------------------------------------------------------

    def resizeEvent(self, event: object) -> None:
        self._relayout()

    def _relayout(self) -> None:
        self._layout = {}
        for column in range(7):
            self._layout.update(self._day_layout(column))
        self.update()

    def _day_layout(self, column: int) -> dict[tuple[str, int], QRect]:
        """Blocks side by side where meetings overlap (greedy lanes per overlapping group)."""
        meetings = sorted(self.week.meetings_of(column), key=lambda e: (e.start, e.end))
        col = self.column_rect(column)
        out: dict[tuple[str, int], QRect] = {}
        group: list[tuple[Entry, int]] = []
        lanes_end: list[datetime] = []
        group_end = datetime.min

        def flush() -> None:
            lanes = max(1, len(lanes_end))
            width = (col.width() - 4) / lanes
            for entry, lane in group:
                assert entry.start is not None and entry.end is not None
                top = self.y_of(_minutes(entry.start))
                end = (
                    entry.end
                    if entry.end.date() == entry.start.date()
                    else datetime.combine(entry.start.date(), time(23, 59))
                )
                bottom = max(top + self.slot_height() - 2, self.y_of(_minutes(end)) - 1)
                left = col.left() + 2 + round(lane * width)
                out[(entry.kind, entry.id)] = QRect(
                    left, top + 1, round(width) - 2, bottom - top - 1
                )

        for entry in meetings:
            assert entry.start is not None and entry.end is not None
            if group and entry.start >= group_end:
                flush()
                group, lanes_end = [], []
            lane = next(
                (n for n, end in enumerate(lanes_end) if end <= entry.start), len(lanes_end)
            )
            if lane == len(lanes_end):
                lanes_end.append(entry.end)
            else:
                lanes_end[lane] = entry.end
            group.append((entry, lane))
            group_end = max(group_end, entry.end) if len(group) > 1 else entry.end
        if group:
            flush()
        return out

    def entry_rect(self, kind: str, entry_id: int) -> QRect:
        return QRect(self._layout.get((kind, entry_id), QRect()))

    # -- hit testing ---------------------------------------------------------------------

    def cell_at(self, pos: QPoint) -> tuple[int, int] | None:
        if pos.x() < GUTTER or not self.rect().contains(pos):
            return None
        column = min(6, int((pos.x() - GUTTER) / ((self.width() - GUTTER) / 7)))
        row = min(self.week.grid_rows() - 1, pos.y() // self.slot_height())
        return row, column

    def entry_at(self, pos: QPoint) -> QModelIndex:
        for (kind, entry_id), rect in self._layout.items():
            if rect.contains(pos):
                return self.model.entry_index(kind, entry_id)
        return QModelIndex()

    def start_at(self, pos: QPoint) -> datetime | None:
        cell = self.cell_at(pos)
        if cell is None:
            return None
        return datetime.combine(self.week.day_of(*cell), self.week.slot_time(cell[0]))

    def _handle_at(self, pos: QPoint) -> Entry | None:
        index = self.entry_at(pos)
        entry = self.model.entry(index)
        if entry is None or entry.status != "planned":
            return None
        rect = self._layout[(entry.kind, entry.id)]
        return entry if rect.bottom() - HANDLE <= pos.y() <= rect.bottom() + 1 else None

    # -- resizing ------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        entry = self._handle_at(pos) if event.button() == Qt.MouseButton.LeftButton else None
        if entry is not None and entry.start is not None and entry.end is not None:
            self.select(entry.kind, entry.id)
            self._resizing = (entry.id, entry.start, entry.end)
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        if self._resizing is not None:
            meeting_id, start, _ = self._resizing
            minutes = round(pos.y() / self._pixels_per_minute() / SNAP_MINUTES) * SNAP_MINUTES
            end = datetime.combine(start.date(), time()) + timedelta(minutes=minutes)
            self._resizing = (meeting_id, start, max(end, start + timedelta(minutes=SNAP_MINUTES)))
            self.update()
            return
        on_handle = self._handle_at(pos) is not None
        self.setCursor(Qt.CursorShape.SizeVerCursor if on_handle else Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._resizing is not None:
            meeting_id, _, end = self._resizing
            self._resizing = None
            command = self.week.resize_command(meeting_id, end)
            if command is not None:
                push(self.model.ctx, command)
            self.update()
            return
        super().mouseReleaseEvent(event)

    # -- painting ------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        slot = self.slot_height()
        today = self.model.today()
        working = palette.color(QPalette.ColorRole.AlternateBase)
        for column in range(7):
            col = self.column_rect(column)
            # Outside 08:00-18:00 is shaded, so the working day stands out.
            painter.fillRect(QRect(col.left(), 0, col.width(), self.y_of(8 * 60)), working)
            painter.fillRect(
                QRect(col.left(), self.y_of(18 * 60), col.width(), self.height()), working
            )
            if self.week.day_of(0, column) == today:
                tint = palette.color(QPalette.ColorRole.Highlight)
                tint.setAlpha(22)
                painter.fillRect(col, tint)
        if self.drop_cell is not None:
            row, column = self.drop_cell
            col = self.column_rect(column)
            tint = palette.color(QPalette.ColorRole.Highlight)
            tint.setAlpha(70)
            painter.fillRect(QRect(col.left(), row * slot, col.width(), slot), tint)
        mid = palette.color(QPalette.ColorRole.Mid)
        light = QPalette.ColorRole.Midlight
        for row in range(self.week.grid_rows() + 1):
            painter.setPen(mid if row % 2 == 0 else palette.color(light))
            painter.drawLine(GUTTER, row * slot, self.width(), row * slot)
        painter.setPen(mid)
        for column in range(7):
            x = self.column_rect(column).left()
            painter.drawLine(x, 0, x, self.height())
        painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        for hour in range(24):
            label = QRect(0, hour * 2 * slot, GUTTER - 6, slot)
            painter.drawText(
                label, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"{hour:02d}:00"
            )
        self._paint_now(painter, palette, today)
        for column in range(7):
            for entry in self.week.meetings_of(column):
                rect = self._layout.get((entry.kind, entry.id))
                if rect is None:
                    continue
                if self._resizing is not None and self._resizing[0] == entry.id:
                    rect = QRect(rect)
                    rect.setBottom(max(rect.top() + 8, self.y_of(_minutes(self._resizing[2])) - 1))
                assert entry.start is not None and entry.end is not None
                when = f"{entry.start:%H:%M}–{entry.end:%H:%M}"
                secondary = f"{when} · {entry.people}" if entry.people else when
                paint_chip(
                    painter,
                    rect,
                    entry,
                    short_title(entry) + (" (cancelled)" if entry.status == "cancelled" else ""),
                    palette,
                    selected=self.selected == (entry.kind, entry.id),
                    secondary=secondary,
                )
        painter.end()

    def _paint_now(self, painter: QPainter, palette: QPalette, today: date) -> None:
        offset = (today - self.week.first_day).days
        if not 0 <= offset < 7:
            return
        now = to_local(self.model.ctx.db.now(), self.model.tz)
        col = self.column_rect(offset)
        y = self.y_of(_minutes(now))
        painter.setPen(Qt.GlobalColor.red)
        painter.drawLine(col.left(), y, col.right(), y)

    # -- keyboard ------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            entry = self.selected_entry()
            if entry is not None:
                self.entryActivated.emit(entry.kind, entry.id)
            else:
                self.newMeetingRequested.emit(datetime.combine(self.current_day, time(10)))
            return
        super().keyPressEvent(event)


class WeekHeader(QWidget):
    """Day names above the columns and each day's follow-ups (click selects, double-click opens)."""

    def __init__(self, canvas: WeekCanvas, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.canvas = canvas
        self.week = canvas.week
        self.week.modelReset.connect(self._refit)
        canvas.selectionChanged.connect(self.update)
        self._refit()

    def _line(self) -> int:
        return self.fontMetrics().height() + 3

    def _refit(self) -> None:
        most = max((len(self.week.follow_ups_of(c)) for c in range(7)), default=0)
        self.setFixedHeight(28 + self._line() * min(most, MAX_FOLLOW_UP_LINES) + (4 if most else 0))
        self.update()

    def column_rect(self, column: int) -> QRect:
        rect = self.canvas.column_rect(column)
        return QRect(rect.left(), 0, rect.width(), self.height())

    def follow_up_rects(self, column: int) -> list[tuple[QRect, Entry]]:
        col = self.column_rect(column)
        line = self._line()
        items = self.week.follow_ups_of(column)[:MAX_FOLLOW_UP_LINES]
        return [
            (QRect(col.left() + 3, 28 + n * line, col.width() - 6, line - 1), e)
            for n, e in enumerate(items)
        ]

    def _entry_at(self, pos: QPoint) -> Entry | None:
        for column in range(7):
            for rect, entry in self.follow_up_rects(column):
                if rect.contains(pos):
                    return entry
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        entry = self._entry_at(event.position().toPoint())
        self.canvas.select(entry.kind if entry else None, entry.id if entry else 0)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        entry = self._entry_at(event.position().toPoint())
        if entry is not None:
            self.canvas.entryActivated.emit(entry.kind, entry.id)

    def sizeHint(self) -> QSize:
        return QSize(400, self.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Window))
        locale = QLocale()
        today = self.week.today()
        for column in range(7):
            col = self.column_rect(column)
            day = self.week.day_of(0, column)
            name = f"{locale.dayName(day.isoweekday(), QLocale.FormatType.ShortFormat)} {day.day}"
            font = QFont(painter.font())
            font.setBold(day == today)
            painter.setFont(font)
            color = QPalette.ColorRole.Highlight if day == today else QPalette.ColorRole.WindowText
            painter.setPen(palette.color(color))
            painter.drawText(
                QRect(col.left(), 0, col.width(), 26), Qt.AlignmentFlag.AlignCenter, name
            )
            painter.setFont(self.font())
            for rect, entry in self.follow_up_rects(column):
                paint_chip(
                    painter,
                    rect,
                    entry,
                    follow_up_label(entry),
                    palette,
                    selected=self.canvas.selected == (entry.kind, entry.id),
                )
            hidden = len(self.week.follow_ups_of(column)) - MAX_FOLLOW_UP_LINES
            if hidden > 0:
                painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
                painter.drawText(
                    QRect(col.left(), 0, col.width() - 4, 26),
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                    f"+{hidden}",
                )
        if any(self.week.follow_ups_of(c) for c in range(7)):
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            due = QRect(0, 28, GUTTER - 6, self._line())
            painter.drawText(
                due, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, "Due"
            )
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.drawLine(0, self.height() - 1, self.width(), self.height() - 1)
        painter.end()


class WeekView(QWidget):
    """Header and scrolling slots of one week."""

    dayMoved = Signal(object)

    def __init__(self, model: WeekModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.canvas = WeekCanvas(model)
        self.header = WeekHeader(self.canvas)
        self.scroller = QScrollArea()
        self.scroller.setWidget(self.canvas)
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.scroller, 1)
        self.setFocusProxy(self.canvas)
        self.scroll_to_hour(8)

    def scroll_to_hour(self, hour: int) -> None:
        self.scroller.verticalScrollBar().setValue(self.canvas.y_of(hour * 60))
