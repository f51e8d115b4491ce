"""A contact's history: the timeline model and how an entry of it is painted."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from crm.contacts.history import InteractionRow
from crm.store.localtime import local_zone, to_local
from ui.contacts.model import as_tooltip
from ui.icons import icon

KIND_TITLES = {
    "note": "Note",
    "email": "Email",
    "call": "Call",
    "message": "Message",
    "meeting": "Meeting",
    "stage": "Stage change",
    "import": "Imported",
    "answers": "Answers",
    "followup": "Follow-up closed",
}
KIND_ICONS = {
    "note": "note",
    "email": "email",
    "call": "call",
    "message": "message",
    "meeting": "meeting",
    "stage": "stage",
    "import": "import-entry",
    "answers": "answers",
    "followup": "followup",
}
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
AnyIndex = QModelIndex | QPersistentModelIndex


def when_text(row: InteractionRow) -> str:
    local = to_local(row.occurred_at, local_zone())
    return f"{local:%a %d %b %Y, %H:%M}"


class HistoryModel(QAbstractListModel):
    """The interactions of one contact, newest first (as `list_history` returns them)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[InteractionRow] = []

    def set_rows(self, rows: list[InteractionRow]) -> None:
        if rows == self._rows:
            return
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def entry(self, row: int) -> InteractionRow:
        return self._rows[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        entry = self._rows[index.row()]
        kind = KIND_TITLES.get(entry.kind, entry.kind.title())
        if role == Qt.ItemDataRole.DisplayRole:
            return entry.summary or kind
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            text = f"{kind}, {when_text(entry)}: {entry.summary}"
            if entry.body.strip():
                text += f"\n\n{entry.body.strip()}"
            if role == Qt.ItemDataRole.ToolTipRole:
                return as_tooltip(text)
            return text
        if role == Qt.ItemDataRole.DecorationRole:
            return icon(KIND_ICONS.get(entry.kind, "note"))
        if role == ENTRY_ROLE:
            return entry
        return None


BODY_LINES = 4  # a long body is elided; the tooltip and the edit box show it all
PAD = 8
ICON = 18


class HistoryDelegate(QStyledItemDelegate):
    """Paints an entry: kind icon, date, summary in bold, then the first lines of the body."""

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont]:
        base = QFont(option.font)
        bold = QFont(base)
        bold.setBold(True)
        small = QFont(base)
        small.setPointSizeF(max(base.pointSizeF() * 0.9, 7.0))
        return base, bold, small

    def _body_rect(self, option: QStyleOptionViewItem, entry: InteractionRow) -> QRect:
        base = self._fonts(option)[0]
        width = max(option.rect.width() - 3 * PAD - ICON, 50)
        metrics = QFontMetrics(base)
        bounds = metrics.boundingRect(
            QRect(0, 0, width, metrics.lineSpacing() * BODY_LINES),
            int(Qt.TextFlag.TextWordWrap),
            entry.body.strip(),
        )
        height = min(bounds.height(), metrics.lineSpacing() * BODY_LINES) if entry.body else 0
        return QRect(0, 0, width, height)

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        entry = index.data(ENTRY_ROLE)
        if not isinstance(entry, InteractionRow):
            return super().sizeHint(option, index)
        _base, bold, small = self._fonts(option)
        height = PAD + QFontMetrics(small).lineSpacing() + QFontMetrics(bold).lineSpacing()
        body = self._body_rect(option, entry)
        if body.height():
            height += 4 + body.height()
        return QSize(option.rect.width(), height + PAD)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        entry = index.data(ENTRY_ROLE)
        if not isinstance(entry, InteractionRow):
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        painter.save()
        if style is not None:
            style.drawPrimitive(
                QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget
            )
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        base, bold, small = self._fonts(option)
        rect = option.rect
        left = rect.left() + PAD
        top = rect.top() + PAD
        icon(KIND_ICONS.get(entry.kind, "note")).paint(painter, QRect(left, top, ICON, ICON))
        x = left + ICON + PAD
        width = rect.right() - x - PAD

        painter.setFont(small)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        painter.setPen(palette.color(text_role) if selected else muted)
        small_h = QFontMetrics(small).lineSpacing()
        kind = KIND_TITLES.get(entry.kind, entry.kind.title())
        painter.drawText(
            QRect(x, top, width, small_h),
            int(Qt.AlignmentFlag.AlignLeft),
            f"{kind} · {when_text(entry)}",
        )
        top += small_h

        painter.setFont(bold)
        painter.setPen(palette.color(text_role))
        bold_m = QFontMetrics(bold)
        summary = bold_m.elidedText(entry.summary or kind, Qt.TextElideMode.ElideRight, width)
        painter.drawText(QRect(x, top, width, bold_m.lineSpacing()), 0, summary)
        top += bold_m.lineSpacing() + 4

        body = self._body_rect(option, entry)
        if body.height():
            painter.setFont(base)
            painter.drawText(
                QRect(x, top, width, body.height()),
                int(Qt.TextFlag.TextWordWrap),
                entry.body.strip(),
            )
        painter.restore()
