"""A contact's history: the timeline model and how an entry of it is painted."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QObject,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QMouseEvent,
    QPainter,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from crm.contacts.history import InteractionRow
from crm.contacts.links import find_links
from crm.store.clock import Clock
from crm.store.localtime import local_today, local_zone, to_local
from ui.common.dates import moment_text
from ui.common.indexes import Index
from ui.common.plain_text import as_tooltip
from ui.common.rows_model import RowsModel
from ui.contacts.channel_value import open_url
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
WHEN_ROLE = Qt.ItemDataRole.UserRole + 2  # the entry's date and time as shown


class HistoryModel(RowsModel[InteractionRow]):
    """The interactions of one contact, newest first (as `list_history` returns them)."""

    def __init__(self, now: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._now = now
        self._zone = local_zone()

    def when_text(self, entry: InteractionRow) -> str:
        today = local_today(self._now(), self._zone)
        return moment_text(to_local(entry.occurred_at, self._zone), today)

    def set_rows(self, rows: Sequence[InteractionRow]) -> None:
        if list(rows) != self._rows:
            super().set_rows(rows)

    def entry(self, row: int) -> InteractionRow:
        return self._rows[row]

    def row_data(self, entry: InteractionRow, column: int, role: int) -> Any:
        kind = KIND_TITLES.get(entry.kind, entry.kind.title())
        if role == Qt.ItemDataRole.DisplayRole:
            return entry.summary or kind
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            text = f"{kind}, {self.when_text(entry)}: {entry.summary}"
            if entry.body.strip():
                text += f"\n\n{entry.body.strip()}"
            if role == Qt.ItemDataRole.ToolTipRole:
                return as_tooltip(text)
            return text
        if role == Qt.ItemDataRole.DecorationRole:
            return icon(KIND_ICONS.get(entry.kind, "note"))
        if role == ENTRY_ROLE:
            return entry
        if role == WHEN_ROLE:
            return self.when_text(entry)
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

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        entry = index.data(ENTRY_ROLE)
        if not isinstance(entry, InteractionRow):
            return super().sizeHint(option, index)
        _base, bold, small = self._fonts(option)
        height = PAD + QFontMetrics(small).lineSpacing() + QFontMetrics(bold).lineSpacing()
        body = self._body_rect(option, entry)
        if body.height():
            height += 4 + body.height()
        return QSize(option.rect.width(), height + PAD)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
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
            f"{kind} · {index.data(WHEN_ROLE)}",
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
            color = palette.color(text_role)
            link = color if selected else palette.color(QPalette.ColorRole.Link)
            document = body_document(entry.body, base, width, color, link)
            painter.translate(x, top)
            document.drawContents(painter, QRectF(0, 0, width, body.height()))
        painter.restore()

    def _body_origin(self, option: QStyleOptionViewItem) -> QPoint:
        _base, bold, small = self._fonts(option)
        top = PAD + QFontMetrics(small).lineSpacing() + QFontMetrics(bold).lineSpacing() + 4
        return option.rect.topLeft() + QPoint(PAD + ICON + PAD, top)

    def link_at(self, option: QStyleOptionViewItem, index: Index, pos: QPoint) -> str | None:
        """The URL of the link in the entry's body under `pos` (view coordinates), if any."""
        entry = index.data(ENTRY_ROLE)
        if not isinstance(entry, InteractionRow) or not entry.body.strip():
            return None
        width = option.rect.right() - option.rect.left() - 3 * PAD - ICON
        document = body_document(
            entry.body, self._fonts(option)[0], width, QColor("black"), QColor("blue")
        )
        layout = document.documentLayout()
        assert layout is not None
        return layout.anchorAt(QPointF(pos - self._body_origin(option))) or None

    def editorEvent(
        self, event: QEvent, model: QAbstractItemModel, option: QStyleOptionViewItem, index: Index
    ) -> bool:
        # A click on an email, phone or link in an entry opens it (mail client, dialler, browser).
        if (
            isinstance(event, QMouseEvent)
            and event.type() == QEvent.Type.MouseButtonRelease
            and event.button() == Qt.MouseButton.LeftButton
        ):
            url = self.link_at(option, index, event.position().toPoint())
            if url:
                open_url(url)
                return True
        return super().editorEvent(event, model, option, index)


def body_document(text: str, font: QFont, width: int, color: QColor, link: QColor) -> QTextDocument:
    """An entry's body as a document whose emails, phones and links are anchors."""
    document = QTextDocument()
    document.setDocumentMargin(0)
    document.setDefaultFont(font)
    document.setTextWidth(width)
    document.setDefaultStyleSheet(
        f"body {{ color: {color.name()}; }} a {{ color: {link.name()}; }}"
    )
    document.setHtml(f"<body>{linked_html(text.strip())}</body>")
    return document


def linked_html(text: str) -> str:
    """`text` escaped, line breaks kept, its emails, phones and links made anchors."""
    parts: list[str] = []
    at = 0
    for found in find_links(text):
        parts.append(html.escape(text[at : found.start]))
        parts.append(f'<a href="{html.escape(found.url)}">{html.escape(found.text)}</a>')
        at = found.end
    parts.append(html.escape(text[at:]))
    return "".join(parts).replace("\n", "<br>")
