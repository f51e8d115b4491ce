"""What each cell of a contacts row paints with, made once when the row is read.

Painting the table asks every visible cell for seven roles at once (Qt's `multiData`);
answering each from a small role → value table prepared here costs one Python call per
cell instead of seven `data()` calls that each work the answer out again.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from functools import cache
from typing import Any, NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPalette
from PySide6.QtWidgets import QApplication

from crm.contacts.listing import ContactListRow, SortKey
from crm.store.localtime import to_local
from ui.common.dates import day_text
from ui.common.palette import OVERDUE, is_dark
from ui.contacts.stage_dot import stage_dot

COLUMNS: tuple[tuple[str, SortKey], ...] = (
    ("Name", SortKey.NAME),
    ("Company", SortKey.COMPANY),
    ("Title", SortKey.TITLE),
    ("Stage", SortKey.STAGE),
    ("Last interaction", SortKey.LAST_INTERACTION),
    ("Next follow-up", SortKey.NEXT_FOLLOW_UP),
    ("Due to reach out", SortKey.REACH_OUT),
)
NAME, COMPANY, TITLE, STAGE, LAST, NEXT, REACH_OUT = range(len(COLUMNS))
HINT_ROLE = Qt.ItemDataRole.UserRole + 3  # "notes: …Anna Lee…" beside a name, faded

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_HINT = int(HINT_ROLE)
PAINTED_ROLES = frozenset({_DISPLAY, _DECORATION, _FOREGROUND, _FONT, _HINT})
# The roles QStyledItemDelegate.initStyleOption asks for in one multiData call, in its order.
STYLE_ROLES = tuple(
    int(r)
    for r in (
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.CheckStateRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.BackgroundRole,
    )
)


class Cell(NamedTuple):
    """What one cell paints with."""

    roles: dict[int, Any]  # role (as int) → value; a role left out has no value
    # The values of the four STYLE_ROLES a cell of this table may have: font, foreground,
    # decoration and display (None for none), set by place in the delegate's request.
    styled: tuple[Any, Any, Any, Any]


def cell(roles: dict[int, Any]) -> Cell:
    get = roles.get
    return Cell(roles, (get(_FONT), get(_FOREGROUND), get(_DECORATION), get(_DISPLAY)))


def _plain(shown: str) -> Cell:
    return Cell({_DISPLAY: shown}, (None, None, None, shown))


class CellMaker:
    """Makes the cells of rows, with the brushes and the day of one palette and date."""

    def __init__(self, zone: tzinfo, today: date) -> None:
        self.zone = zone
        self.today = today
        self.overdue_brush, self.archived_brush = _brushes()
        # Qt quirk: a style tints an icon's Selected mode with the highlight colour, so the
        # stage dot brings its own (stage_dot); the ring follows the palette in use now.
        self._ring = QApplication.palette().color(QPalette.ColorRole.HighlightedText).name()
        self._palette = QApplication.palette().cacheKey()

    def same_as(self, other: CellMaker) -> bool:
        """Whether `other` makes the same cells (same day, zone and palette)."""
        return (self.today, self.zone, self._palette) == (other.today, other.zone, other._palette)

    def cells(self, row: ContactListRow, hint: str | None) -> tuple[Cell, ...]:
        texts = [text(row, c, self.zone, self.today) for c in COLUMNS_AT]
        dot = stage_dot(row.stage_color, self._ring)
        if row.archived or row.overdue or hint:
            return self._marked(row, hint, texts, dot)
        made = list(map(_plain, texts))  # most rows: the text alone, and the stage's dot
        shown = texts[STAGE]
        made[STAGE] = Cell(
            {_DISPLAY: shown, _DECORATION: dot},
            (None, None, dot, shown),
        )
        return tuple(made)

    def _marked(
        self, row: ContactListRow, hint: str | None, texts: list[str], dot: QIcon
    ) -> tuple[Cell, ...]:
        """An archived row (muted), an overdue follow-up (bold, red), a search's hint."""
        muted = {_FOREGROUND: self.archived_brush} if row.archived else {}
        made = [{_DISPLAY: shown, **muted} for shown in texts]
        made[STAGE][_DECORATION] = dot
        if row.overdue:
            made[NEXT][_FOREGROUND] = self.overdue_brush
            made[NEXT][_FONT] = bold()
        if hint:
            made[NAME][_HINT] = hint
        return tuple(map(cell, made))


COLUMNS_AT = range(len(COLUMNS))


@cache
def bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


def _brushes() -> tuple[QBrush, QBrush]:
    """Text brushes for an overdue follow-up and for an archived contact."""
    disabled = QApplication.palette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    return QBrush(overdue_color()), disabled


def overdue_color() -> QColor:
    return QColor(OVERDUE[is_dark()])


def local_date(value: datetime, zone: tzinfo) -> date:
    return to_local(value, zone).date()


def text(row: ContactListRow, column: int, zone: tzinfo, today: date) -> str:
    """What the cell shows (and what its tooltip and screen readers read)."""
    if column == NAME:
        return row.name
    if column == COMPANY:
        return row.company
    if column == TITLE:
        return row.title
    if column == STAGE:
        return row.stage_name
    if column == LAST:
        return (
            day_text(local_date(row.last_interaction, zone), today) if row.last_interaction else ""
        )
    if column == NEXT:
        return "" if row.next_follow_up is None else day_text(row.next_follow_up, today)
    if column == REACH_OUT:
        return "" if row.reach_out is None else day_text(row.reach_out, today)
    return ""
