"""The Today list's model: section headings and items in one flat list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, tzinfo
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, Qt

from crm.store.localtime import local_today
from crm.today.day import (
    FOLLOW_UP,
    GOAL,
    KEEP_IN_TOUCH,
    MEETING,
    NOT_NOW,
    NUDGE,
    SECTIONS,
    TodayItem,
    today_items,
)
from crm.today.jobs_day import DEADLINE, INTERVIEW
from ui.common.dates import relative_words
from ui.common.indexes import Index
from ui.common.two_lines import HEADER_ROLE, SECONDARY_ROLE
from ui.context import AppContext

OVERDUE_ROLE = Qt.ItemDataRole.UserRole + 22
KIND_ROLE = Qt.ItemDataRole.UserRole + 23


@dataclass(frozen=True)
class Row:
    heading: str  # the section's heading for a heading row
    item: TodayItem | None = None


def _day(day: date, today: date) -> str:
    """Today's lines are short: words for the next and the last day, else "Tue 10 Mar"."""
    return relative_words(day, today, within=1) or f"{day:%a} {day.day} {day:%b}"


def _upper_first(text: str) -> str:
    # Not str.capitalize(): that would write "Thu 12 mar".
    return text[:1].upper() + text[1:]


def secondary_text(item: TodayItem, today: date) -> str:
    """The second line: who, and when in words."""
    who = item.contact
    if item.kind == MEETING and item.at is not None:
        return f"{_upper_first(_day(item.at.date(), today))} {item.at:%H:%M} · {who}"
    if item.kind == NUDGE:
        state = "nudge was due" if item.due < today else "nudge due"
        return f"{who} · not replied yet · {state} {_day(item.due, today)}"
    if item.kind == KEEP_IN_TOUCH:
        return f"{item.note} · due {_day(item.due, today)}"
    if item.kind == DEADLINE:
        state = "deadline was" if item.due < today else "deadline"
        return f"{item.note} · not sent yet · {state} {_day(item.due, today)}"
    if item.kind == INTERVIEW:
        with_whom = f" · {who}" if who else ""
        return f"{_upper_first(_day(item.due, today))} · {item.note}{with_whom}"
    if item.kind == NOT_NOW:
        return "Move them to Not now, or keep waiting: you decide"
    if item.kind == GOAL:
        return "Reach out to someone new"
    if item.due < today:
        return f"{who} · overdue since {_day(item.due, today)}"
    return f"{who} · due {_day(item.due, today)}"


class TodayModel(QAbstractListModel):
    """What to do today, section by section; the page reloads it (`ui.refresh`)."""

    def __init__(self, ctx: AppContext, tz: tzinfo, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.tz = ctx, tz
        self.rows: list[Row] = []
        self.today = local_today(ctx.db.now(), tz)

    def day_has_changed(self) -> bool:
        """The local day is no longer the one the list was made for (past midnight)."""
        return local_today(self.ctx.db.now(), self.tz) != self.today

    def reload(self) -> None:
        self.today = local_today(self.ctx.db.now(), self.tz)
        rows: list[Row] = []
        section = None
        for item in today_items(self.ctx.db, self.today, self.tz):
            if SECTIONS[item.kind] != section:
                section = SECTIONS[item.kind]
                rows.append(Row(section))
            rows.append(Row(item.title, item))
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def item(self, index: Index) -> TodayItem | None:
        return self.rows[index.row()].item if index.isValid() else None

    def items(self) -> list[TodayItem]:
        return [r.item for r in self.rows if r.item is not None]

    def row_of(self, predicate: Any) -> int:
        for n, row in enumerate(self.rows):
            if row.item is not None and predicate(row.item):
                return n
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self.rows[index.row()].item is None:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        item = row.item
        if role == HEADER_ROLE:
            return item is None
        if role == Qt.ItemDataRole.DisplayRole:
            return row.heading
        if item is None:
            return row.heading if role == Qt.ItemDataRole.AccessibleTextRole else None
        if role == SECONDARY_ROLE:
            return secondary_text(item, self.today)
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            return f"{item.title}, {secondary_text(item, self.today)}"
        if role == OVERDUE_ROLE:
            return item.is_overdue(self.today)
        if role == KIND_ROLE:
            return item.kind
        return None


ACTIONABLE_DONE = (FOLLOW_UP, NUDGE, KEEP_IN_TOUCH, NOT_NOW, DEADLINE)
SNOOZABLE = (FOLLOW_UP, NUDGE, KEEP_IN_TOUCH)
APPLICATIONS = (DEADLINE, INTERVIEW)
