"""The month view: six painted weeks, each day with its meetings and due follow-ups."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QLocale, QModelIndex, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QWidget

from crm.calendar.agenda import Entry
from ui.calendar.grid_base import GridView
from ui.calendar.models import entry_text
from ui.calendar.month_model import MonthModel
from ui.calendar.painting import (
    chip_font,
    chip_text_width,
    follow_up_label,
    paint_chip,
    wrapped,
)

HEADER = 26
MOST_LINES = 3  # a chip's text wraps onto at most this many lines where the cell has room


def chip_text(entry: Entry) -> str:
    return entry_text(entry) if entry.is_meeting else follow_up_label(entry)


class MonthView(GridView):
    """Days of six weeks; arrows move the current day, Enter opens or schedules."""

    dayMoved = Signal(object)  # date: the keyboard left the shown month

    def __init__(self, model: MonthModel, parent: QWidget | None = None) -> None:
        super().__init__(model, parent)
        self.month_model = model
        self.setAccessibleName("Month")
        self.setMinimumSize(QSize(420, 320))

    # -- geometry ------------------------------------------------------------------------

    def _line(self) -> int:
        return self.fontMetrics().height() + 3

    def cell_rect(self, row: int, column: int) -> QRect:
        width = self.width() / 7
        height = (self.height() - HEADER) / 6
        left, top = round(column * width), round(HEADER + row * height)
        return QRect(
            left, top, round((column + 1) * width) - left, round(HEADER + (row + 1) * height) - top
        )

    def day_rect(self, day: date) -> QRect:
        offset = (day - self.month_model.first_day).days
        return self.cell_rect(offset // 7, offset % 7) if 0 <= offset < 42 else QRect()

    def _chips(self, row: int, column: int) -> tuple[list[tuple[QRect, int]], int]:
        """Rects of the entries that fit in a cell, and how many more did not fit.

        Each entry gets one line; the lines left over go in turns to entries whose text
        needs more (at most MOST_LINES each), so a cell with room shows its entries whole.
        """
        cell = self.cell_rect(row, column)
        entries = self.model.entries_at(row, column)
        line = self._line()
        top = cell.top() + line + 4
        room = max(0, (cell.bottom() - 2 - top) // line)
        if len(entries) > room:
            shown = max(0, room - 1)
            heights = [1] * shown
        else:
            shown = len(entries)
            spare = room - shown
            needed = [self._lines_needed(e, cell.width() - 6) for e in entries]
            heights = [1] * shown
            while spare > 0 and any(h < n for h, n in zip(heights, needed, strict=True)):
                for i in range(shown):  # a line to each that needs one, in turns
                    if spare > 0 and heights[i] < needed[i]:
                        heights[i] += 1
                        spare -= 1
        rects = []
        for n, lines in enumerate(heights):
            rects.append((QRect(cell.left() + 3, top, cell.width() - 6, lines * line - 1), n))
            top += lines * line
        return rects, len(entries) - shown

    def _lines_needed(self, entry: Entry, width: int) -> int:
        metrics = QFontMetrics(chip_font(entry, self.font()))
        text = chip_text(entry)
        return len(wrapped(text, metrics, chip_text_width(entry, width), MOST_LINES))

    def entry_rect(self, kind: str, entry_id: int) -> QRect:
        index = self.model.entry_index(kind, entry_id)
        if not index.isValid():
            return QRect()
        parent = index.parent()
        for rect, n in self._chips(parent.row(), parent.column())[0]:
            if n == index.row():
                return rect
        return QRect()

    def cell_at(self, pos: QPoint) -> tuple[int, int] | None:
        if pos.y() < HEADER or not self.rect().contains(pos):
            return None
        column = min(6, int(pos.x() / (self.width() / 7)))
        row = min(5, int((pos.y() - HEADER) / ((self.height() - HEADER) / 6)))
        return row, column

    def entry_at(self, pos: QPoint) -> QModelIndex:
        cell = self.cell_at(pos)
        if cell is None:
            return QModelIndex()
        for rect, n in self._chips(*cell)[0]:
            if rect.contains(pos):
                return self.model.index(n, 0, self.model.index(*cell))
        return QModelIndex()

    def start_at(self, pos: QPoint) -> date | None:
        # A day, not a time: the page proposes that day's first free slot, as New meeting does.
        cell = self.cell_at(pos)
        return self.model.day_of(*cell) if cell else None

    # -- painting ------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        self._paint_header(painter, palette)
        today = self.model.today()
        grid = palette.color(QPalette.ColorRole.Mid)
        for row in range(6):
            for column in range(7):
                self._paint_cell(painter, palette, row, column, today)
        painter.setPen(grid)
        for column in range(1, 7):
            x = self.cell_rect(0, column).left()
            painter.drawLine(x, HEADER, x, self.height())
        for row in range(6):
            y = self.cell_rect(row, 0).top()
            painter.drawLine(0, y, self.width(), y)
        painter.end()

    def _paint_header(self, painter: QPainter, palette: QPalette) -> None:
        painter.fillRect(
            QRect(0, 0, self.width(), HEADER), palette.color(QPalette.ColorRole.Window)
        )
        locale = QLocale()
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        for column in range(7):
            day = self.model.day_of(0, column)
            name = locale.dayName(day.isoweekday(), QLocale.FormatType.ShortFormat)
            rect = self.cell_rect(0, column)
            painter.drawText(
                QRect(rect.left(), 0, rect.width(), HEADER), Qt.AlignmentFlag.AlignCenter, name
            )

    def _paint_cell(
        self, painter: QPainter, palette: QPalette, row: int, column: int, today: date
    ) -> None:
        rect = self.cell_rect(row, column)
        day = self.model.day_of(row, column)
        in_month = day.month == self.month_model.month.month
        if not in_month:
            painter.fillRect(rect, palette.color(QPalette.ColorRole.AlternateBase))
        if self.drop_cell == (row, column) or (day == self.current_day and self.hasFocus()):
            tint = palette.color(QPalette.ColorRole.Highlight)
            tint.setAlpha(40)
            painter.fillRect(rect, tint)
        line = self._line()
        number = QRect(rect.left() + 4, rect.top() + 2, line + 4, line)
        font = QFont(painter.font())
        if day == today:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.color(QPalette.ColorRole.Highlight))
            painter.drawRoundedRect(number, line / 2, line / 2)
            painter.setPen(palette.color(QPalette.ColorRole.HighlightedText))
            font.setBold(True)
        else:
            role = QPalette.ColorRole.Text if in_month else QPalette.ColorRole.PlaceholderText
            painter.setPen(palette.color(role))
        painter.save()
        painter.setFont(font)
        painter.drawText(number, Qt.AlignmentFlag.AlignCenter, str(day.day))
        painter.restore()
        entries = self.model.entries_at(row, column)
        chips, more = self._chips(row, column)
        for chip, n in chips:
            entry = entries[n]
            paint_chip(
                painter,
                chip,
                entry,
                chip_text(entry),
                palette,
                selected=self.selected == (entry.kind, entry.id),
                wrap=True,
            )
        if more:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            top = chips[-1][0].bottom() + 1 if chips else rect.top() + line + 4
            painter.drawText(
                QRect(rect.left() + 6, top, rect.width() - 8, line),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                f"+{more} more",
            )

    # -- keyboard ------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        steps = {
            Qt.Key.Key_Left: -1,
            Qt.Key.Key_Right: 1,
            Qt.Key.Key_Up: -7,
            Qt.Key.Key_Down: 7,
        }
        key = Qt.Key(event.key())
        if key in steps:
            self.move_to(self.current_day + timedelta(days=steps[key]))
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            entry = self.selected_entry()
            if entry is not None:
                self.entryActivated.emit(entry.kind, entry.id)
            else:
                self.newMeetingRequested.emit(self.current_day)
            return
        super().keyPressEvent(event)

    def move_to(self, day: date) -> None:
        self.current_day = day
        self.select(None)
        if day.month != self.month_model.month.month or day.year != self.month_model.month.year:
            self.dayMoved.emit(day)
        self.update()
