"""Paints a pipeline card: name, title and company, days in stage, next follow-up, tag chips."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from functools import partial

from PySide6.QtCore import QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from crm.pipeline.board import CardRow
from crm.pipeline.stages import StageRow
from ui.common.dates import day_text, plural
from ui.common.indexes import Index
from ui.common.palette import is_dark
from ui.pipeline.card_style import (
    OVERDUE_DARK,
    OVERDUE_LIGHT,
    chip_colors,
    mix,
)
from ui.pipeline.model import PAINT_ROLE

PAD = 10  # inner padding of a card
GAP = 4  # vertical gap between cards (half above, half below)
STRIPE = 4  # the stage-colour stripe on the left
CHIP_GAP = 4
CACHED_CARDS = 400  # about 40 MB of card images at most
CACHED_FRAMES = 64  # card frames: stages × states, a few hundred kB
CACHED_PIECES = 2000  # status lines and tag chips shared by cards, a few kB each
# Style state bits as plain ints: testing enum flags costs microseconds per card painted.
_SELECTED = QStyle.StateFlag.State_Selected.value
_FOCUSED = QStyle.StateFlag.State_HasFocus.value
_HOVERED = QStyle.StateFlag.State_MouseOver.value


class CardDelegate(QStyledItemDelegate):
    """Draws every card of a column; no widget per card, so thousands stay cheap."""

    def __init__(
        self,
        now: Callable[[], datetime],
        today: Callable[[], date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._now = now
        self._today = today
        self._fonts: tuple[QFont, QFont, QFont, QFont] | None = None
        self._font_generation = 0  # part of the card image key; bumped when fonts change
        self._today_at: tuple[datetime | None, date] = (None, date.min)  # (now, its day)
        # Painted cards by everything they show: a repaint of unchanged cards is a blit.
        self._cache: dict[tuple[object, ...], QPixmap] = {}
        self._frames: dict[tuple[object, ...], QPixmap] = {}  # see _frame
        self._pieces: dict[tuple[object, ...], QPixmap] = {}  # see _piece

    def fonts(self, base: QFont) -> tuple[QFont, QFont, QFont, QFont]:
        """(bold, normal, small, small bold) for a view font `base`."""
        if self._fonts is None or self._fonts[1] != base:
            # Qt quirk: option.font is owned by the style option; keep copies, never it.
            normal = QFont(base)
            bold = QFont(base)
            bold.setBold(True)
            small = QFont(base)
            small.setPointSizeF(max(7.0, base.pointSizeF() * 0.86))
            small_bold = QFont(small)
            small_bold.setBold(True)
            self._fonts = (bold, normal, small, small_bold)
            self._font_generation += 1
        return self._fonts

    def card_height(self, base: QFont) -> int:
        bold, normal, small, _small_bold = self.fonts(base)
        lines = (
            QFontMetrics(bold).height()
            + QFontMetrics(normal).height()
            + QFontMetrics(small).height()
            + QFontMetrics(small).height()
            + 6
        )
        return lines + 2 * PAD + 3 * 3 + GAP

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(200, self.card_height(option.font))  # type: ignore[attr-defined]

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        shown = index.data(PAINT_ROLE)
        if shown is None:
            return
        card, stage = shown
        if not isinstance(card, CardRow) or not isinstance(stage, StageRow):
            return
        palette: QPalette = option.palette  # type: ignore[attr-defined]
        state = option.state.value  # type: ignore[attr-defined]
        flags = (bool(state & _SELECTED), bool(state & _FOCUSED), bool(state & _HOVERED))
        font: QFont = option.font  # type: ignore[attr-defined]
        self.draw(painter, option.rect, card, stage, palette, font, flags)  # type: ignore[attr-defined]

    def draw(
        self,
        painter: QPainter,
        target: QRect,
        card: CardRow,
        stage: StageRow,
        palette: QPalette,
        font: QFont,
        flags: tuple[bool, bool, bool],
    ) -> None:
        """Paint one card into `target`: (selected, focused, hovered) are its states."""
        self.fonts(font)  # the key's font generation follows the view's font
        device = painter.device()
        ratio = device.devicePixelRatioF() if device is not None else 1.0
        now = self._now()
        if now != self._today_at[0]:
            self._today_at = (now, self._today())
        today = self._today_at[1]
        days = card.days_in_stage(now)
        key: tuple[object, ...] = (card, stage.color, target.width(), target.height(), flags)
        key += (days, today, palette.cacheKey(), self._font_generation, ratio)
        pixmap = self._cache.get(key)
        if pixmap is None:
            pixmap = QPixmap(round(target.width() * ratio), round(target.height() * ratio))
            pixmap.setDevicePixelRatio(ratio)
            # Opaque, on the column's own colour: blitting it needs no blending.
            pixmap.fill(palette.color(QPalette.ColorRole.AlternateBase))
            card_painter = QPainter(pixmap)
            self._paint_card(
                card_painter,
                QRect(0, 0, target.width(), target.height()),
                card,
                stage,
                palette,
                font,
                flags,
            )
            card_painter.end()
            self._cache[key] = pixmap
            if len(self._cache) > CACHED_CARDS:
                del self._cache[next(iter(self._cache))]
        painter.drawPixmap(target.topLeft(), pixmap)

    def _paint_card(
        self,
        painter: QPainter,
        cell: QRect,
        card: CardRow,
        stage: StageRow,
        palette: QPalette,
        font: QFont,
        flags: tuple[bool, bool, bool],
    ) -> None:
        dark = is_dark(palette)
        rect = cell.adjusted(1, GAP // 2, -2, -GAP // 2)
        text = palette.color(QPalette.ColorRole.Text)
        muted = mix(text, palette.color(QPalette.ColorRole.Base), 0.42)
        ratio = painter.device().devicePixelRatioF()  # the card image's, set by paint()
        painter.drawPixmap(0, 0, self._frame(cell, stage.color, palette, flags, ratio))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)

        bold, normal, small, small_bold = self.fonts(font)
        inner = rect.adjusted(PAD + STRIPE, PAD - 2, -PAD, -PAD + 2)
        y = inner.top()
        y = self._line(painter, bold, text, inner, y, card.name)
        role = " · ".join(part for part in (card.title, card.company) if part)
        y = self._line(painter, normal, muted, inner, y, role or "—")
        y = self._status(painter, (small, small_bold), muted, inner, y, card, dark)
        self._chips(painter, small, inner, y + 3, card.tags, dark)

    def _frame(
        self,
        cell: QRect,
        color: str,
        palette: QPalette,
        flags: tuple[bool, bool, bool],
        ratio: float,
    ) -> QPixmap:
        """The card's background, border and stage stripe: the same for every card of a
        stage in one state, and the antialiased rounded border is the costliest part."""
        key = (cell.width(), cell.height(), color, palette.cacheKey(), flags, ratio)
        frame = self._frames.get(key)
        if frame is not None:
            return frame
        selected, focused, hovered = flags
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        background = mix(base, highlight, 0.16 if selected else 0.05 if hovered else 0.0)
        if is_dark(palette):
            background = mix(background, QColor("#ffffff"), 0.04)
        frame = QPixmap(round(cell.width() * ratio), round(cell.height() * ratio))
        frame.setDevicePixelRatio(ratio)
        frame.fill(palette.color(QPalette.ColorRole.AlternateBase))
        painter = QPainter(frame)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = cell.adjusted(1, GAP // 2, -2, -GAP // 2)
        border = highlight if selected or focused else mix(base, text, 0.18)
        painter.setPen(QPen(border, 2 if selected else 1))
        painter.setBrush(background)
        painter.drawRoundedRect(QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(color))
        stripe = QRectF(rect.left() + 1.5, rect.top() + 5, STRIPE, rect.height() - 10)
        painter.drawRoundedRect(stripe, 2, 2)
        painter.end()
        if len(self._frames) > CACHED_FRAMES:
            self._frames.clear()
        self._frames[key] = frame
        return frame

    def _line(
        self, painter: QPainter, font: QFont, color: QColor, inner: QRect, y: int, value: str
    ) -> int:
        metrics = QFontMetrics(font)
        painter.setFont(font)
        painter.setPen(color)
        elided = metrics.elidedText(value, Qt.TextElideMode.ElideRight, inner.width())
        painter.drawText(QRect(inner.left(), y, inner.width(), metrics.height()), 0, elided)
        return y + metrics.height() + 3

    def _status(
        self,
        painter: QPainter,
        fonts: tuple[QFont, QFont],  # (small, small bold)
        muted: QColor,
        inner: QRect,
        y: int,
        card: CardRow,
        dark: bool,
    ) -> int:
        height = QFontMetrics(fonts[0]).height()
        days = card.days_in_stage(self._now())  # the same day count as the cache key
        left = "today in stage" if days == 0 else f"{plural(days, 'day')} in stage"
        right, overdue = "", False
        if card.next_follow_up is not None:
            today = self._today()
            overdue = card.next_follow_up < today
            when = day_text(card.next_follow_up, today)
            right = f"Overdue · {when}" if overdue else f"Due {when}"
        elif card.reach_out is not None and card.reach_out <= self._today():
            # No follow-up, but the keep-in-touch date has come.
            today = self._today()
            overdue = card.reach_out < today
            right = f"Reach out {day_text(card.reach_out, today)}"
        # Many cards share a status line ("3 days in stage", "Due Mar 13"): draw each once.
        size = QSize(inner.width(), height)
        key = ("status", left, right, overdue, size, muted.rgba(), dark)
        self._piece(
            painter,
            QPoint(inner.left(), y),
            size,
            key,
            lambda p: self._draw_status(p, fonts, muted, size, left, right, overdue, dark),
        )
        return y + height + 3

    def _draw_status(
        self,
        painter: QPainter,
        fonts: tuple[QFont, QFont],
        muted: QColor,
        size: QSize,
        left: str,
        right: str,
        overdue: bool,
        dark: bool,
    ) -> None:
        font = fonts[0]
        metrics = QFontMetrics(font)
        row = QRect(0, 0, size.width(), size.height())
        if right:
            right_font = fonts[1] if overdue else font
            # The date matters more than the day count: it keeps its width, the count elides.
            room = size.width() - 40
            # Qt quirk: horizontalAdvance() rounds down, and elidedText() given exactly that
            # width elides anyway; a pixel or two of slack keeps a text that fits whole.
            right_metrics = QFontMetrics(right_font)
            right_width = min(right_metrics.horizontalAdvance(right) + 2, room)
            painter.setFont(right_font)
            painter.setPen((OVERDUE_DARK if dark else OVERDUE_LIGHT) if overdue else muted)
            elided = right_metrics.elidedText(right, Qt.TextElideMode.ElideRight, right_width)
            painter.drawText(row, int(Qt.AlignmentFlag.AlignRight), elided)
            row.setWidth(max(0, size.width() - right_width - 8))
        painter.setFont(font)
        painter.setPen(muted)
        painter.drawText(row, 0, metrics.elidedText(left, Qt.TextElideMode.ElideRight, row.width()))

    def _piece(
        self,
        painter: QPainter,
        at: QPoint,
        size: QSize,
        key: tuple[object, ...],
        draw: Callable[[QPainter], None],
    ) -> None:
        """Blit a part of a card that many cards share, drawing it the first time."""
        # The painter draws into a card image made at the screen's pixel ratio.
        ratio = painter.device().devicePixelRatioF()
        key += (self._font_generation, ratio)
        piece = self._pieces.get(key)
        if piece is None:
            piece = QPixmap(round(size.width() * ratio), round(size.height() * ratio))
            piece.setDevicePixelRatio(ratio)
            piece.fill(Qt.GlobalColor.transparent)
            piece_painter = QPainter(piece)
            piece_painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            draw(piece_painter)
            piece_painter.end()
            if len(self._pieces) > CACHED_PIECES:
                self._pieces.clear()
            self._pieces[key] = piece
        painter.drawPixmap(at, piece)

    def _chips(
        self,
        painter: QPainter,
        font: QFont,
        inner: QRect,
        y: int,
        tags: tuple[str, ...],
        dark: bool,
    ) -> None:
        metrics = QFontMetrics(font)
        painter.setFont(font)
        height = metrics.height() + 4
        x, right = inner.left(), inner.right() + 1
        for n, tag in enumerate(tags):
            width = metrics.horizontalAdvance(tag) + 12
            left_over = len(tags) - n - 1
            reserve = metrics.horizontalAdvance(f"+{left_over}") + 12 + CHIP_GAP if left_over else 0
            if x + width + reserve > right:
                if n > 0:
                    more = f"+{len(tags) - n}"
                    more_rect = QRect(x, y, metrics.horizontalAdvance(more) + 12, height)
                    self._chip(painter, font, more_rect, more, None, dark)
                    return
                width = max(24, right - x - reserve)
            self._chip(painter, font, QRect(x, y, width, height), tag, tag, dark)
            x += width + CHIP_GAP

    def _chip(
        self,
        painter: QPainter,
        font: QFont,
        rect: QRect,
        label: str,
        tag: str | None,
        dark: bool,
    ) -> None:
        key = ("chip", label, tag is None, rect.size(), dark)
        draw = partial(self._draw_chip, font, rect.size(), label, tag, dark)
        self._piece(painter, rect.topLeft(), rect.size(), key, draw)

    def _draw_chip(
        self,
        font: QFont,
        size: QSize,
        label: str,
        tag: str | None,
        dark: bool,
        painter: QPainter,
    ) -> None:
        if tag is None:
            fill, ink = (
                (QColor("#4b5563"), QColor("#e5e7eb"))
                if dark
                else (
                    QColor("#e5e7eb"),
                    QColor("#374151"),
                )
            )
        else:
            fill, ink = chip_colors(tag, dark)
        rect = QRect(QPoint(0, 0), size)
        painter.setFont(font)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(QRectF(rect), rect.height() / 2, rect.height() / 2)
        painter.setPen(ink)
        text = QFontMetrics(font).elidedText(label, Qt.TextElideMode.ElideRight, rect.width() - 10)
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), text)
