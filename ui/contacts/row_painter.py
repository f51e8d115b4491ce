"""Painting the contacts table's plain rows in one pass, without a delegate per cell.

Qt paints a table cell by cell through its delegate: a Python `multiData` call, then the
style lays the text out with a QTextLayout to elide it. For a screen of contacts that is
most of a keystroke (measured with `viewport().repaint()` at 100,000 contacts: 14 ms of
a 20 ms keystroke). Rows that look the usual way are painted here instead: the style's
row background (the stripe) once per row, then each cell's dot and its text, elided once
per text and width (see `draw_text`; the same screen: about 2–3 ms).

Rows that look otherwise (selected, current while the table has focus, under the mouse
in a style that shows it, not read yet) go through the delegates exactly as QTableView
paints them, so a selection looks the way the platform's style draws it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPoint, QPointF, QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QCursor,
    QFont,
    QFontMetrics,
    QIcon,
    QPainter,
    QPalette,
    QPixmap,
    QStaticText,
    QTextOption,
)
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem, QTableView

from ui.contacts.cells import HINT_ROLE, Cell
from ui.contacts.name_delegate import GAP, split

Cells = Callable[[int], "tuple[Cell, ...] | None"]  # a row's cells, None when not read
_HINT = int(HINT_ROLE)
_ALTERNATE = QStyleOptionViewItem.ViewItemFeature.Alternate
_ROW_PANEL = QStyle.PrimitiveElement.PE_PanelItemViewRow
_KEPT_TEXTS = 4_000  # laid-out texts kept (a screen shows ~200) before starting again


@dataclass(frozen=True)
class Spots:
    """Where a cell of one size puts its dot and its text, from its top-left corner, as
    the style lays an item out (measured once per size, see `RowPainter._spots`)."""

    icon: QPoint
    icon_size: QSize
    text: QPoint  # top-left of the text's first line
    text_width: int


class RowPainter:
    """Paints the rows of a contacts table that look the usual way (see module doc)."""

    def __init__(self, view: QTableView, cells: Cells) -> None:
        self._view = view
        self._cells = cells
        self._texts: dict[tuple[str, int, bool], str | QStaticText] = {}
        self._spots: dict[tuple[int, int, bool], Spots] = {}
        self._pixmaps: dict[tuple[int, float], QPixmap] = {}
        self._font_key = ""
        self._text_option = QTextOption()
        self._text_option.setTextDirection(view.layoutDirection())

    @property
    def view(self) -> QTableView:
        return self._view

    def paint(self, area: QRect) -> None:
        """Paint the rows of the viewport that meet `area`."""
        view = self._view
        count = view.model().rowCount()
        first = view.rowAt(area.top())
        if count == 0 or first < 0:
            return  # below the last row: the viewport's own background
        last = view.rowAt(area.bottom())
        last = count - 1 if last < 0 else last
        columns = self._columns(area)
        if not columns:
            return
        option = QStyleOptionViewItem()
        view.initViewItemOption(option)
        self._follow_font(option.font)
        special = self._special_rows(first, last)
        painter = QPainter(view.viewport())
        try:
            plain = _Plain(self, painter, option, columns)
            for row in range(first, last + 1):
                cells = None if row in special else self._cells(row)
                y, height = view.rowViewportPosition(row), view.rowHeight(row)
                if cells is None:
                    for column, x, width in columns:
                        self._paint_as_qt(painter, option, row, column, QRect(x, y, width, height))
                else:
                    plain.row(row, cells, y, height)
        finally:
            painter.end()

    def _columns(self, area: QRect) -> list[tuple[int, int, int]]:
        """(logical column, x, width) of the columns meeting `area`, left to right."""
        view = self._view
        header = view.horizontalHeader()
        left = header.visualIndexAt(area.left())
        right = header.visualIndexAt(area.right())
        left = 0 if left < 0 else left
        right = header.count() - 1 if right < 0 else right
        columns = []
        for visual in range(left, right + 1):
            column = header.logicalIndex(visual)
            if not header.isSectionHidden(column):
                columns.append(
                    (column, view.columnViewportPosition(column), view.columnWidth(column))
                )
        return columns

    def _special_rows(self, first: int, last: int) -> set[int]:
        """Rows between `first` and `last` the delegates paint: selected, current with the
        focus, under the mouse where the style shows it."""
        view = self._view
        rows: set[int] = set()
        selection = view.selectionModel().selection()
        for part in (selection.at(k) for k in range(selection.size())):
            rows.update(range(max(part.top(), first), min(part.bottom(), last) + 1))
        current = view.currentIndex()
        if current.isValid() and (view.hasFocus() or view.viewport().hasFocus()):
            rows.add(current.row())
        hovered = self._hovered()
        if hovered.isValid():
            rows.add(hovered.row())
        return rows

    def _hovered(self) -> QModelIndex:
        """The cell under the mouse when the style shows it (invalid otherwise)."""
        viewport = self._view.viewport()
        if viewport.testAttribute(Qt.WidgetAttribute.WA_Hover) and viewport.underMouse():
            return self._view.indexAt(viewport.mapFromGlobal(QCursor.pos()))
        return QModelIndex()

    def _paint_as_qt(
        self, painter: QPainter, option: QStyleOptionViewItem, row: int, column: int, rect: QRect
    ) -> None:
        """One cell as QTableView paints it (QTableViewPrivate::drawCell)."""
        view = self._view
        index = view.model().index(row, column)
        opt = QStyleOptionViewItem(option)
        opt.rect = rect
        if view.alternatingRowColors():
            opt.features = _alternate(opt.features, row)
        if view.selectionModel().isSelected(index):
            opt.state |= QStyle.StateFlag.State_Selected
        viewport = view.viewport()
        if index == self._hovered():
            opt.state |= QStyle.StateFlag.State_MouseOver
        if opt.state & QStyle.StateFlag.State_Enabled:
            opt.palette.setCurrentColorGroup(QPalette.ColorGroup.Normal)
        if index == view.currentIndex() and (view.hasFocus() or viewport.hasFocus()):
            opt.state |= QStyle.StateFlag.State_HasFocus
        view.style().drawPrimitive(_ROW_PANEL, opt, painter, view)
        view.itemDelegateForIndex(index).paint(painter, opt, index)

    def _follow_font(self, font: QFont) -> None:
        """Drop what was laid out in another font or measured in another style (the user
        changed either)."""
        key = f"{font.key()} {self._view.style().name()}"
        if key != self._font_key:
            self._font_key = key
            self._texts.clear()
            self._spots.clear()

    def spots(self, option: QStyleOptionViewItem, width: int, height: int, icon: bool) -> Spots:
        """Where the style puts a cell's dot and text, for a cell of this size."""
        key = (width, height, icon)
        found = self._spots.get(key)
        if found is None:
            found = self._spots[key] = self._measure(option, width, height, icon)
        return found

    def _measure(self, option: QStyleOptionViewItem, width: int, height: int, icon: bool) -> Spots:
        view = self._view
        style = view.style()
        opt = QStyleOptionViewItem(option)
        opt.rect = QRect(0, 0, width, height)
        opt.text = "x"
        opt.features |= QStyleOptionViewItem.ViewItemFeature.HasDisplay
        if icon:
            opt.features |= QStyleOptionViewItem.ViewItemFeature.HasDecoration
            opt.icon = QIcon(QPixmap(opt.decorationSize))
        decoration = style.subElementRect(QStyle.SubElement.SE_ItemViewItemDecoration, opt, view)
        text = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, view)
        # The style's own text drawing leaves this margin on each side, then centres the
        # line in what is left (QCommonStylePrivate::viewItemDrawText).
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
        line = QFontMetrics(opt.font).height()
        top = text.top() + (text.height() - line) // 2
        return Spots(
            decoration.topLeft(),
            decoration.size(),
            QPoint(text.left() + margin, top),
            max(text.width() - 2 * margin, 0),
        )

    def draw_text(
        self, painter: QPainter, left: int, top: int, text: str, width: int, font: QFont
    ) -> None:
        """`text` in `font`, elided to `width` pixels, its first line's top-left at
        (`left`, `top`).

        A text seen the first time is elided and drawn as it is (about 40 µs on the bench
        machine); one seen again is laid out once as a QStaticText (about 80 µs) and
        drawn from it from then on (a few µs). Typing on shows the same rows a few times;
        a text shown once would cost twice as much laid out.
        """
        key = (text, width, font.bold())
        found = self._texts.get(key)
        if isinstance(found, QStaticText):
            painter.drawStaticText(left, top, found)
            return
        if found is None:
            if len(self._texts) >= _KEPT_TEXTS:
                self._texts.clear()
            metrics = QFontMetrics(font)
            found = self._texts[key] = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
            painter.drawText(QPointF(left, top + metrics.ascent()), found)
            return
        laid_out = self._texts[key] = QStaticText(found)
        laid_out.setTextFormat(Qt.TextFormat.PlainText)
        # In the table's direction, as the style lays items out: a title in Arabic keeps
        # its ellipsis where the style puts it, not where its own script would.
        laid_out.setTextOption(self._text_option)
        painter.drawStaticText(left, top, laid_out)

    def pixmap(self, icon: QIcon, size: QSize, ratio: float) -> QPixmap:
        key = (icon.cacheKey(), ratio)
        found = self._pixmaps.get(key)
        if found is None:
            found = self._pixmaps[key] = icon.pixmap(size, ratio)
        return found


def _alternate(
    features: QStyleOptionViewItem.ViewItemFeature, row: int
) -> QStyleOptionViewItem.ViewItemFeature:
    return features | _ALTERNATE if row & 1 else features & ~_ALTERNATE


class _Plain:
    """Painting plain rows in one paint event: what every row shares, worked out once."""

    def __init__(
        self,
        rows: RowPainter,
        painter: QPainter,
        option: QStyleOptionViewItem,
        columns: list[tuple[int, int, int]],
    ) -> None:
        view = rows.view
        self.rows = rows
        self.painter = painter
        self.option = option
        self.columns = columns
        self.view = view
        self.style = view.style()
        self.alternate = view.alternatingRowColors()
        state = option.state
        group = QPalette.ColorGroup.Normal
        if not state & QStyle.StateFlag.State_Enabled:
            group = QPalette.ColorGroup.Disabled
        elif not state & QStyle.StateFlag.State_Active:
            group = QPalette.ColorGroup.Inactive
        self.text_color = option.palette.color(group, QPalette.ColorRole.Text)
        self.faded = option.palette.color(
            QPalette.ColorGroup.Normal, QPalette.ColorRole.PlaceholderText
        )
        self.font = option.font
        self.bold = QFont(self.font)
        self.bold.setBold(True)
        self.metrics = QFontMetrics(self.font)
        self.ratio = painter.device().devicePixelRatioF()
        self.stripe = QStyleOptionViewItem(option)
        self.stripe.features = option.features | _ALTERNATE
        left, right = columns[0][1], columns[-1][1] + columns[-1][2]
        self.span = (left, right - left)
        painter.setFont(self.font)
        painter.setPen(self.text_color)
        self.pen = self.text_color
        self.is_bold = False

    def row(self, row: int, cells: tuple[Cell, ...], y: int, height: int) -> None:
        if self.alternate and row & 1:
            self.stripe.rect = QRect(self.span[0], y, self.span[1], height)
            self.style.drawPrimitive(_ROW_PANEL, self.stripe, self.painter, self.view)
        for column, x, width in self.columns:
            self.cell(cells[column], x, y, width, height)

    def cell(self, cell: Cell, x: int, y: int, width: int, height: int) -> None:
        font, foreground, icon, text = cell.styled
        painter = self.painter
        spots = self.rows.spots(self.option, width, height, icon is not None)
        if icon is not None:
            pixmap = self.rows.pixmap(icon, spots.icon_size, self.ratio)
            painter.drawPixmap(x + spots.icon.x(), y + spots.icon.y(), pixmap)
        if not text:
            return
        bold = font is not None and font.bold()
        if bold != self.is_bold:
            self.is_bold = bold
            painter.setFont(self.bold if bold else self.font)
        self._pen(foreground.color() if foreground is not None else self.text_color)
        left, top = x + spots.text.x(), y + spots.text.y()
        hint = cell.roles.get(_HINT)
        if not hint:
            font = self.bold if bold else self.font
            self.rows.draw_text(painter, left, top, text, spots.text_width, font)
            return
        # The name, then where the search found it, faded (as ui.contacts.name_delegate).
        name_width = split(text, hint, spots.text_width, self.metrics)
        self.rows.draw_text(painter, left, top, text, name_width, self.font)
        room = spots.text_width - name_width - GAP
        if room > self.metrics.horizontalAdvance("…") * 3:
            self._pen(self.faded)
            self.rows.draw_text(painter, left + name_width + GAP, top, hint, room, self.font)

    def _pen(self, color: QColor) -> None:
        if color != self.pen:
            self.pen = color
            self.painter.setPen(color)
