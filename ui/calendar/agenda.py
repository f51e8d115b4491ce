"""The agenda beside the calendar: overdue follow-ups, today, the coming days."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, tzinfo
from typing import Any

from PySide6.QtCore import (
    QObject,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from crm.calendar.agenda import Entry, agenda
from crm.changes import Changes
from crm.store.localtime import local_today
from ui.calendar.models import (
    KIND_ROLE,
    OVERDUE_ROLE,
    STATUS_ROLE,
    entries_concerned,
    entry_data,
)
from ui.calendar.painting import chip_colors
from ui.common.commands import FollowUpDoneCommand
from ui.common.dates import day_text
from ui.common.indexes import Index
from ui.common.palette import OVERDUE, is_dark
from ui.common.plain_text import as_tooltip
from ui.common.rows_model import RowsModel
from ui.common.two_lines import (
    HEADER_ROLE,
    SECONDARY_ROLE,
    Look,
    draw_item_frame,
    draw_two_lines,
)
from ui.common.undo import push
from ui.context import AppContext
from ui.refresh import RefreshWhenShown


@dataclass(frozen=True)
class Row:
    title: str  # a section heading when entry is None
    entry: Entry | None = None


class AgendaModel(RowsModel[Row]):
    """Section headings and entries in one flat list; follow-ups are checkable."""

    def __init__(
        self, ctx: AppContext, tz: tzinfo, parent: QObject | None = None, *, days: int = 7
    ) -> None:
        super().__init__(parent)
        self.ctx, self.tz, self.days = ctx, tz, days
        # The page watches itself through this: while it is hidden, changes wait.
        self.refresher = RefreshWhenShown(
            self, self.reload, hub=ctx.hub, concerns=self.concerns, immediate=True
        )
        self.reload()

    def concerns(self, changes: Changes) -> bool:
        return entries_concerned(changes, (row.entry for row in self.rows if row.entry))

    def reload(self, *_changes: object) -> None:
        self.refresher.forget()
        rows = []
        for section in agenda(self.ctx.db, self.tz, days=self.days):
            rows.append(Row(section.title))
            if not section.entries and section.key == "today":
                rows.append(Row("Nothing planned today"))
            rows.extend(Row(e.title, e) for e in section.entries)
        self.set_rows(rows)

    def today(self) -> date:
        return local_today(self.ctx.db.now(), self.tz)

    def entry(self, index: Index) -> Entry | None:
        return self.rows[index.row()].entry if index.isValid() else None

    def row_of(self, kind: str, entry_id: int) -> int:
        return self.row_where(
            lambda row: row.entry is not None and (row.entry.kind, row.entry.id) == (kind, entry_id)
        )

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        entry = self.rows[index.row()].entry
        if entry is None:
            return Qt.ItemFlag.ItemIsEnabled
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not entry.is_meeting:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def row_data(self, row: Row, column: int, role: int) -> Any:
        entry = row.entry
        if entry is None:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return row.title
            if role == HEADER_ROLE:
                return True
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return entry.title
        if role == SECONDARY_ROLE:
            return secondary_text(entry, self.today())
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{entry.title}, {secondary_text(entry, self.today())}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return as_tooltip(f"{entry.title}\n{secondary_text(entry, self.today())}")
        if role == Qt.ItemDataRole.CheckStateRole and not entry.is_meeting:
            done = entry.status == "done"
            return Qt.CheckState.Checked if done else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole and entry.overdue:
            return QColor(OVERDUE[is_dark()])
        if role == HEADER_ROLE:
            return False
        return entry_data(entry, role)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        entry = self.entry(index)
        if entry is None or entry.is_meeting or role != Qt.ItemDataRole.CheckStateRole:
            return False
        done = Qt.CheckState(value) == Qt.CheckState.Checked
        if done == (entry.status == "done"):
            return False
        command = FollowUpDoneCommand(self.ctx.db, self.ctx.hub, [entry.id], entry.title, done)
        return push(self.ctx, command)


def secondary_text(entry: Entry, today: date) -> str:
    if entry.is_meeting and entry.start is not None and entry.end is not None:
        when = f"{entry.start:%H:%M}–{entry.end:%H:%M}"
        parts = [when, entry.people] if entry.people else [when]
        if entry.status != "planned":
            parts.append(entry.status)
        return " · ".join(parts)
    state = "was due" if entry.overdue else ("done, was due" if entry.status == "done" else "due")
    return f"{entry.people} · {state} {day_text(entry.day, today)}"


class AgendaDelegate(QStyledItemDelegate):
    """Headings in small caps; entries on two lines, overdue ones in red and bold."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        line = option.fontMetrics.height()  # type: ignore[attr-defined]
        if index.data(HEADER_ROLE):
            return QSize(160, line + 12)
        return QSize(160, 2 * line + 10)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        rect: QRect = option.rect  # type: ignore[attr-defined]
        palette: QPalette = option.palette  # type: ignore[attr-defined]
        if index.data(HEADER_ROLE):
            painter.save()
            font = QFont(option.font)  # type: ignore[attr-defined]
            font.setBold(True)
            is_heading = index.row() == 0 or self._heading_like(index)
            painter.setFont(font if is_heading else option.font)  # type: ignore[attr-defined]
            color = palette.color(QPalette.ColorRole.PlaceholderText)
            if str(index.data()) == "Overdue":
                color = QColor(OVERDUE[is_dark()])
            painter.setPen(color)
            text_rect = rect.adjusted(8, 4, -8, 0)
            painter.drawText(
                text_rect,
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                str(index.data()),
            )
            painter.restore()
            return
        opt = draw_item_frame(self, painter, option, index)
        style = opt.widget.style() if opt.widget else None  # type: ignore[attr-defined]
        if style is not None and is_dark() and index.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            # Fusion outlines check boxes with a darker Window colour: invisible on dark.
            box = style.subElementRect(
                QStyle.SubElement.SE_ItemViewItemCheckIndicator,
                opt,
                opt.widget,  # type: ignore[attr-defined]
            )
            painter.save()
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(box.adjusted(1, 1, -1, -1), 2, 2)
            painter.restore()
        checkable = bool(index.flags() & Qt.ItemFlag.ItemIsUserCheckable)
        left = rect.left() + (30 if checkable else 10)
        status = index.data(STATUS_ROLE)
        is_meeting = index.data(KIND_ROLE) == "meeting"
        if is_meeting:  # a coloured bar, as on the calendar
            bar = QRect(rect.left() + 3, rect.top() + 5, 3, rect.height() - 10)
            model = index.model()
            entry = model.entry(index) if isinstance(model, AgendaModel) else None
            if entry is not None:
                painter.fillRect(bar, chip_colors(entry, palette).border)
        look = Look(
            overdue=bool(index.data(OVERDUE_ROLE)),
            muted=status in ("done", "cancelled"),
            struck=status == "cancelled" or (status == "done" and not is_meeting),
        )
        box = QRect(left, rect.top() + 4, rect.right() - left - 6, 0)
        draw_two_lines(painter, option, index, box, look)

    @staticmethod
    def _heading_like(index: Index) -> bool:
        return not str(index.data()).startswith("Nothing")


class AgendaView(QListView):
    def __init__(self, model: AgendaModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agendaList")
        self.setAccessibleName("Agenda")
        self.setModel(model)
        self.setItemDelegate(AgendaDelegate(self))
        self.setUniformItemSizes(False)
        self.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.setMinimumWidth(220)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def agenda_model(self) -> AgendaModel:
        model = self.model()
        assert isinstance(model, AgendaModel)
        return model
