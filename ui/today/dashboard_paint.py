"""Painting the dashboard with QPainter: panels of bars and numbers, in the palette's light
or dark colours, onto the widget or an image for export."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen

from crm.today.dashboard import DashboardData
from ui.today.dashboard_jobs import paint_applications, paint_referrals

MARGIN = 16
GAP = 14
ACCENT = ("#2563eb", "#60a5fa")
HELD = ("#059669", "#34d399")
GOAL = ("#dc2626", "#f87171")


def percent(value: float | None) -> str:
    return "—" if value is None else f"{round(value * 100)}%"


def headlines(data: DashboardData) -> list[tuple[str, str, str]]:
    """(label, big number, small print) of the outreach panel: what the user reads."""
    days = data.median_days_to_meeting
    return [
        ("Reply rate", percent(data.reply_rate), f"{data.replied} of {data.contacted} answered"),
        (
            "Outreach to meeting",
            "—" if days is None else f"{days:.1f} days",
            "median, message to meeting",
        ),
    ]


class DashboardPainter:
    def __init__(self, painter: QPainter, palette: QPalette, font: QFont) -> None:
        self.p, self.palette, self.font = painter, palette, font
        self.dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
        self.ink = palette.color(QPalette.ColorRole.Text)
        self.muted = palette.color(QPalette.ColorRole.PlaceholderText)
        self.line = QFontMetrics(font).height()

    def color(self, pair: tuple[str, str]) -> QColor:
        return QColor(pair[self.dark])

    def paint(self, rect: QRect, data: DashboardData) -> None:
        p = self.p
        p.fillRect(rect, self.palette.color(QPalette.ColorRole.Base))
        inner = rect.adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
        half = (inner.width() - GAP) // 2
        row = max(150, (inner.height() - 2 * GAP) // 3)
        left, right = inner.left(), inner.left() + half + GAP
        top = inner.top()
        self.funnel(QRect(left, top, half, row), data)
        self.outreach(QRect(right, top, half, row), data)
        top += row + GAP
        self.weekly(
            QRect(left, top, half, row), "Meetings held per week", data, data.meetings_held, None
        )
        self.weekly(
            QRect(right, top, half, row),
            f"New people contacted per week (goal {data.goal})",
            data,
            data.new_contacted,
            data.goal,
        )
        top += row + GAP
        third = (inner.width() - GAP) // 3
        bottom = inner.bottom() - top
        paint_applications(self, QRect(left, top, third, bottom), data)
        paint_referrals(
            self, QRect(left + third + GAP, top, inner.width() - third - GAP, bottom), data
        )

    def panel(self, rect: QRect, title: str) -> QRect:
        p = self.p
        p.save()
        p.setPen(QPen(self.palette.color(QPalette.ColorRole.Mid), 1))
        p.setBrush(self.palette.color(QPalette.ColorRole.AlternateBase))
        p.drawRoundedRect(QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
        bold = QFont(self.font)
        bold.setBold(True)
        p.setFont(bold)
        p.setPen(self.ink)
        p.drawText(rect.adjusted(12, 8, -12, 0), Qt.AlignmentFlag.AlignLeft, title)
        p.restore()
        return rect.adjusted(12, 14 + self.line, -12, -10)

    def filled_panel(self, rect: QRect, title: str, empty: str | None) -> QRect | None:
        """A panel's body ready for text; None when there is nothing to show, and the
        panel says so in the words of `empty` instead."""
        body = self.panel(rect, title)
        self.p.setFont(self.font)
        if empty is None:
            return body
        self.first_line(body, empty, self.muted)
        return None

    def first_line(self, body: QRect, text: str, color: QColor) -> None:
        top = QRect(body.left(), body.top(), body.width(), self.line)
        self.text(top, text, color, Qt.AlignmentFlag.AlignLeft)

    def text(self, rect: QRect, text: str, color: QColor, flags: Qt.AlignmentFlag) -> None:
        self.p.setPen(color)
        elided = self.p.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
        self.p.drawText(rect, int(flags | Qt.AlignmentFlag.AlignVCenter), elided)

    def funnel(self, rect: QRect, data: DashboardData) -> None:
        body = self.panel(rect, "Funnel: people who reached each stage")
        steps = data.funnel
        if not steps:
            return
        top_count = max(1, max(s.reached for s in steps))
        label_w = min(130, body.width() // 3)
        step_h = max(self.line, min(self.line + 8, body.height() // len(steps)))
        p = self.p
        p.setFont(self.font)
        for n, step in enumerate(steps):
            y = body.top() + n * step_h
            self.text(
                QRect(body.left(), y, label_w - 6, step_h),
                step.stage,
                self.ink,
                Qt.AlignmentFlag.AlignLeft,
            )
            width = body.width() - label_w - 40
            bar = int(width * step.reached / top_count)
            p.fillRect(
                QRect(body.left() + label_w, y + 3, max(2, bar), step_h - 6), QColor(step.color)
            )
            self.text(
                QRect(body.left() + label_w + bar + 6, y, 40, step_h),
                str(step.reached),
                self.muted,
                Qt.AlignmentFlag.AlignLeft,
            )

    def outreach(self, rect: QRect, data: DashboardData) -> None:
        body = self.panel(rect, "Outreach")
        big = QFont(self.font)
        big.setPointSizeF(big.pointSizeF() * 2.2)
        big.setBold(True)
        column = body.width() // 2
        for n, (label, number, small) in enumerate(headlines(data)):
            x = body.left() + n * column
            self.p.setFont(self.font)
            self.text(
                QRect(x, body.top(), column - 8, self.line),
                label,
                self.muted,
                Qt.AlignmentFlag.AlignLeft,
            )
            self.p.setFont(big)
            height = QFontMetrics(big).height()
            self.text(
                QRect(x, body.top() + self.line + 4, column - 8, height),
                number,
                self.color(ACCENT),
                Qt.AlignmentFlag.AlignLeft,
            )
            self.p.setFont(self.font)
            self.text(
                QRect(x, body.top() + self.line + height + 8, column - 8, self.line),
                small,
                self.muted,
                Qt.AlignmentFlag.AlignLeft,
            )

    def weekly(
        self,
        rect: QRect,
        title: str,
        data: DashboardData,
        values: tuple[int, ...],
        goal: int | None,
    ) -> None:
        body = self.panel(rect, title)
        p = self.p
        p.setFont(self.font)
        chart = body.adjusted(0, 0, 0, -self.line - 4)
        top_value = max(1, max(values, default=0), goal or 0)
        slot = chart.width() / max(1, len(values))
        for n, value in enumerate(values):
            height = int((chart.height() - self.line) * value / top_value)
            x = int(chart.left() + n * slot + slot * 0.15)
            bar = QRect(x, chart.bottom() - height, max(2, int(slot * 0.7)), height)
            p.fillRect(bar, self.color(HELD if goal is None else ACCENT))
            if value:
                self.text(
                    QRect(x - 6, bar.top() - self.line, bar.width() + 12, self.line),
                    str(value),
                    self.ink,
                    Qt.AlignmentFlag.AlignHCenter,
                )
            if n % 3 == (len(values) - 1) % 3:  # every third week, ending with this one
                week = data.weeks[n]
                self.text(
                    QRect(
                        int(chart.left() + n * slot) - 10,
                        chart.bottom() + 4,
                        int(slot) + 20,
                        self.line,
                    ),
                    f"{week.day} {week:%b}",
                    self.muted,
                    Qt.AlignmentFlag.AlignHCenter,
                )
        if goal:
            y = chart.bottom() - (chart.height() - self.line) * goal / top_value
            pen = QPen(self.color(GOAL), 1.5, Qt.PenStyle.DashLine)
            p.setPen(pen)
            p.drawLine(QPointF(chart.left(), y), QPointF(chart.right(), y))
