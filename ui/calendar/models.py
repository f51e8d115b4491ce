"""The item model base of the month and week views: a grid of day cells with their entries.

Top-level items are the cells of a 7-column grid (a day in the month view, a half-hour
slot of a day in the week view); their children are the meetings and follow-ups shown in
that cell. Dragging a child and dropping it on another cell reschedules it, through
`mimeData` / `dropMimeData` and an undo command.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from contextlib import nullcontext
from datetime import date, datetime, timedelta, tzinfo
from operator import attrgetter
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QMimeData,
    QModelIndex,
    QObject,
    Qt,
)

from crm.calendar.agenda import Entry, entries_between
from crm.calendar.followups import get_follow_up
from crm.calendar.meetings import get_meeting
from crm.changes import Changes
from crm.store.localtime import local_today, to_local, to_utc
from ui.calendar.commands import RescheduleCommand
from ui.common.commands import MoveFollowUpCommand
from ui.common.dates import (
    day_text,
    long_date_text,
    moment_text,
    plural,
    time_text,
    weekday_text,
)
from ui.common.indexes import Index
from ui.common.moving import MovesByDrag, packed
from ui.common.plain_text import as_tooltip
from ui.common.undo import Command, macro, push
from ui.context import AppContext
from ui.refresh import RefreshWhenShown

ENTRIES_MIME = "application/x-rapport-calendar-entries"
KIND_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3
DATE_ROLE = Qt.ItemDataRole.UserRole + 4  # ISO date of a cell or entry
OVERDUE_ROLE = Qt.ItemDataRole.UserRole + 5
SLOT_MINUTES = 30


# What every calendar view (grid, week, agenda) tells of an entry in its own roles.
_ENTRY_ROLES: dict[int, Callable[[Entry], Any]] = {
    KIND_ROLE: attrgetter("kind"),
    ID_ROLE: attrgetter("id"),
    STATUS_ROLE: attrgetter("status"),
    DATE_ROLE: lambda entry: entry.day.isoformat(),
    OVERDUE_ROLE: attrgetter("overdue"),
}


def entry_data(entry: Entry, role: int) -> Any:
    tell = _ENTRY_ROLES.get(role)
    return tell(entry) if tell is not None else None


def entries_concerned(changes: Changes, shown: Iterable[Entry]) -> bool:
    """Whether `changes` touch a calendar view showing `shown`.

    A card dragged on the pipeline must not pay for a calendar reload: of contacts, only
    the names of people shown matter.
    """
    if changes.meetings or changes.follow_ups:
        return True
    wanted = set(changes.contacts)
    return bool(wanted) and any(c in wanted for e in shown for c in e.contact_ids)


class CalendarGridModel(MovesByDrag, QAbstractItemModel):
    """Shared tree of cells (rows × 7) and their entries; subclasses say which days and slots."""

    MIME = ENTRIES_MIME

    def __init__(
        self, ctx: AppContext, tz: tzinfo, first_weekday: int, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx, self.tz = ctx, tz
        self.first_weekday = first_weekday  # 0 = Monday ... 6 = Sunday
        self.first_day = local_today(ctx.db.now(), tz)
        self.by_day: dict[date, list[Entry]] = {}
        self._cells: dict[tuple[int, int], list[Entry]] = {}
        # The page watches itself through this: while it is hidden, changes wait.
        self.refresher = RefreshWhenShown(
            self, self.reload, hub=ctx.hub, concerns=self.concerns, immediate=True
        )

    # -- what subclasses define ----------------------------------------------------------

    def grid_rows(self) -> int:
        return 6

    def day_of(self, row: int, column: int) -> date:
        return self.first_day + timedelta(days=row * 7 + column)

    def cell_of(self, entry: Entry) -> tuple[int, int] | None:
        offset = (entry.day - self.first_day).days
        return (offset // 7, offset % 7) if 0 <= offset < self.grid_rows() * 7 else None

    def drop_start(self, row: int, column: int, current: datetime) -> datetime:
        """Where a meeting starting at local `current` lands when dropped on a cell."""
        return datetime.combine(self.day_of(row, column), current.time())

    def last_day(self) -> date:
        return self.day_of(self.grid_rows() - 1, 6)

    # -- loading -------------------------------------------------------------------------

    def today(self) -> date:
        return local_today(self.ctx.db.now(), self.tz)

    def set_first_day(self, first: date) -> None:
        self.first_day = first
        self.reload()

    def week_start(self, day: date) -> date:
        """The first day of `day`'s week, as the locale starts weeks."""
        return day - timedelta(days=(day.weekday() - self.first_weekday) % 7)

    def concerns(self, changes: Changes) -> bool:
        return entries_concerned(changes, (e for day in self.by_day.values() for e in day))

    def reload(self, *_changes: object) -> None:
        self.refresher.forget()
        self.beginResetModel()
        self.by_day = entries_between(self.ctx.db, self.first_day, self.last_day(), self.tz)
        self._cells = {}
        for entries in self.by_day.values():
            for entry in sorted(entries, key=_cell_order):
                cell = self.cell_of(entry)
                if cell is not None:
                    self._cells.setdefault(cell, []).append(entry)
        self.endResetModel()

    def entries_at(self, row: int, column: int) -> list[Entry]:
        return self._cells.get((row, column), [])

    def entry(self, index: Index) -> Entry | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        cell = index.internalId() - 1
        entries = self.entries_at(cell // 7, cell % 7)
        return entries[index.row()] if 0 <= index.row() < len(entries) else None

    def entry_index(self, kind: str, entry_id: int) -> QModelIndex:
        for (row, column), entries in self._cells.items():
            for n, entry in enumerate(entries):
                if entry.kind == kind and entry.id == entry_id:
                    return self.index(n, 0, self.index(row, column))
        return QModelIndex()

    # -- the tree ------------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        return self.createIndex(row, column, 1 + parent.row() * 7 + parent.column())

    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not child.isValid() or child.internalId() == 0:
            return QModelIndex()
        cell = child.internalId() - 1
        return self.createIndex(cell // 7, cell % 7, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return self.grid_rows()
        if parent.internalId() != 0 or parent.column() < 0:
            return 0
        return len(self.entries_at(parent.row(), parent.column()))

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return 7
        return 1 if parent.internalId() == 0 else 0

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self.entry(index)
        if entry is None:
            return self.cell_data(index.row(), index.column(), role)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return entry_text(entry)
        if role == Qt.ItemDataRole.ToolTipRole:
            return as_tooltip(entry_tooltip(entry, self.today()))
        return entry_data(entry, role)

    def cell_data(self, row: int, column: int, role: int) -> Any:
        day = self.day_of(row, column)
        if role == Qt.ItemDataRole.DisplayRole:
            return str(day.day)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            count = len(self.entries_at(row, column))
            return f"{long_date_text(day)}: {plural(count, 'item')}"
        if role == DATE_ROLE:
            return day.isoformat()
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return weekday_text(self.day_of(0, section)) if 0 <= section < 7 else None
        return None

    # -- drag and drop -------------------------------------------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        entry = self.entry(index)
        if entry is None:
            return base | Qt.ItemFlag.ItemIsDropEnabled
        if entry.status in ("planned", "open"):
            return base | Qt.ItemFlag.ItemIsDragEnabled
        return base

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        entries = [e for e in (self.entry(i) for i in indexes) if e is not None]
        return packed(
            ENTRIES_MIME, [[e.kind, e.id] for e in entries if e.status in ("planned", "open")]
        )

    def drops_on(self, parent: Index) -> bool:
        return parent.isValid() and parent.internalId() == 0  # a day's cell

    def drop(self, payload: Any, row: int, parent: Index) -> bool:
        """Reschedule dropped meetings (and move dropped follow-ups) to the cell `parent`."""
        if not isinstance(payload, list):
            return False
        commands = [
            c
            for kind, entry_id in payload
            if (c := self._command_for(str(kind), int(entry_id), parent.row(), parent.column()))
        ]
        if not commands:
            return False
        several = len(commands) > 1
        with macro(self.ctx, f"Reschedule {len(commands)} items") if several else nullcontext():
            for command in commands:
                push(self.ctx, command)
        return True

    def _command_for(self, kind: str, entry_id: int, row: int, column: int) -> Command | None:
        db, hub = self.ctx.db, self.ctx.hub
        if kind == "follow_up":
            follow_up = get_follow_up(db, entry_id)
            target = self.day_of(row, column)
            if follow_up.due_date == target:
                return None
            return MoveFollowUpCommand(
                db, hub, entry_id, follow_up.title, follow_up.due_date, target
            )
        meeting = get_meeting(db, entry_id)
        local = self._local(meeting.start_at)
        new_start = to_utc(self.drop_start(row, column, local), self.tz)
        if new_start == meeting.start_at:
            return None
        new_end = new_start + (meeting.end_at - meeting.start_at)
        return RescheduleCommand(
            db,
            hub,
            entry_id,
            meeting.title,
            (meeting.start_at, meeting.end_at),
            (new_start, new_end),
        )

    def _local(self, utc: datetime) -> datetime:
        return to_local(utc, self.tz)


def _cell_order(entry: Entry) -> tuple[int, datetime, str]:
    return (1 if entry.is_meeting else 0, entry.start or datetime.min, entry.title)


def short_title(entry: Entry) -> str:
    """The title without the default "Coffee chat with ", so narrow cells show who."""
    prefix = "Coffee chat with "
    if entry.title.startswith(prefix) and len(entry.title) > len(prefix):
        return entry.title[len(prefix) :]
    return entry.title


def entry_text(entry: Entry) -> str:
    if entry.is_meeting and entry.start is not None:
        text = f"{entry.start:%H:%M} {short_title(entry)}"
        return f"{text} (cancelled)" if entry.status == "cancelled" else text
    return f"{entry.title} — {entry.people}" if entry.people else entry.title


def entry_tooltip(entry: Entry, today: date) -> str:
    """An entry's tooltip as plain text (escape it with `as_tooltip` before showing)."""
    if entry.is_meeting and entry.start is not None and entry.end is not None:
        lines = [entry.title, f"{moment_text(entry.start, today)}–{time_text(entry.end)}"]
        if entry.people:
            lines.append(f"With {entry.people}")
        if entry.location:
            lines.append(entry.location)
        if entry.status != "planned":
            lines.append(entry.status.capitalize())
        return "\n".join(lines)
    state = "Done" if entry.status == "done" else ("Overdue" if entry.overdue else "Due")
    return f"{entry.title}\nFollow-up for {entry.people}\n{state} {day_text(entry.day, today)}"
