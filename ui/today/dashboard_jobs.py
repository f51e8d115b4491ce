"""The dashboard's job-search panels: applications by status (and how many came with a
referral), and the referral trees, one per company, target employers first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont

from crm.today.dashboard import DashboardData
from crm.today.referral_tree import APPLICATION

if TYPE_CHECKING:
    from ui.today.dashboard_paint import DashboardPainter

LEFT = Qt.AlignmentFlag.AlignLeft
APPLIED = ("#0891b2", "#22d3ee")
INDENT = 16
COLUMN = 230


def referred_text(data: DashboardData) -> str:
    total = data.application_count
    return f"{data.referred_applications} of {total} came with a referral"


def paint_applications(painter: DashboardPainter, rect: QRect, data: DashboardData) -> None:
    empty = None if data.application_count else "No applications yet"
    body = painter.filled_panel(rect, "Applications by status", empty)
    if body is None:
        return
    p, line = painter.p, painter.line
    painter.first_line(body, referred_text(data), painter.ink)
    rows = [(s, n) for s, n in data.applications if n] or list(data.applications)
    step = max(line, min(line + 6, (body.height() - line - 6) // max(1, len(rows))))
    label_w = min(110, body.width() // 2)
    most = max(n for _s, n in rows) or 1
    for k, (status, count) in enumerate(rows):
        y = body.top() + line + 6 + k * step
        if y + line > body.bottom():
            break
        painter.text(QRect(body.left(), y, label_w - 6, step), status, painter.ink, LEFT)
        width = body.width() - label_w - 30
        bar = int(width * count / most)
        p.fillRect(
            QRect(body.left() + label_w, y + 3, max(2, bar), step - 6), painter.color(APPLIED)
        )
        painter.text(
            QRect(body.left() + label_w + bar + 6, y, 30, step), str(count), painter.muted, LEFT
        )


def paint_referrals(painter: DashboardPainter, rect: QRect, data: DashboardData) -> None:
    empty = (
        None
        if data.referrals
        else "No introductions recorded yet (Referred by, in a contact's details)."
    )
    body = painter.filled_panel(rect, "Referrals: who introduced whom, per company", empty)
    if body is None:
        return
    p, line = painter.p, painter.line
    bold = QFont(painter.font)
    bold.setBold(True)
    columns = max(1, body.width() // COLUMN)
    width = body.width() // columns
    column, y = 0, body.top()
    for tree in data.referrals:
        needed = line * (1 + len(tree.lines))
        if y > body.top() and y + needed > body.bottom():
            column, y = column + 1, body.top()  # the next column, or stop when none is left
        if column >= columns:
            break
        x = body.left() + column * width
        p.setFont(bold)
        painter.text(QRect(x, y, width - 10, line), tree.title, painter.ink, LEFT)
        p.setFont(painter.font)
        y += line
        for entry in tree.lines:
            if y + line > body.bottom():
                break
            indent = 8 + entry.depth * INDENT
            text = f"└ {entry.text}" if entry.depth else entry.text
            color: QColor = painter.color(APPLIED) if entry.kind == APPLICATION else painter.ink
            painter.text(QRect(x + indent, y, width - indent - 10, line), text, color, LEFT)
            y += line
        y += 4
