"""Month-view chips show their whole text where the day has room, elided where it has not."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFontMetrics
from pytestqt.qtbot import QtBot

from crm.calendar.followups import add_follow_up
from tests.gui.test_calendar import berlin, meeting, page
from tests.people import person
from ui.calendar.month_view import chip_text
from ui.calendar.page import CalendarPage
from ui.calendar.painting import chip_font, chip_text_width, wrapped

__all__ = ["berlin", "page"]  # fixtures used by name
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def whole_text_shown(page: CalendarPage, kind: str, entry_id: int) -> bool:
    view = page.month
    rect = view.entry_rect(kind, entry_id)
    entry = view.model.entry(view.model.entry_index(kind, entry_id))
    assert entry is not None and rect.isValid()
    metrics = QFontMetrics(chip_font(entry, view.font()))
    lines = max(1, (rect.height() - 2 + 2) // metrics.height())
    shown = wrapped(chip_text(entry), metrics, chip_text_width(entry, rect.width()), lines)
    return " ".join(shown) == chip_text(entry)


def test_a_chip_wraps_onto_the_lines_its_day_has_free(page: CalendarPage, qtbot: QtBot) -> None:
    db = page.ctx.db
    hana = person(db, "Hana Nováková", "To contact")
    talk = meeting(page, datetime(2026, 3, 12, 15, 0), hana)
    ana = person(db, "Ana")
    note, changes = add_follow_up(db, ana, "Ask Ana about the team", date(2026, 3, 19))
    page.ctx.hub.apply(changes)
    qtbot.waitUntil(lambda: page.month.entry_rect("follow_up", note).isValid())
    line = page.month.fontMetrics().height()
    assert page.month.entry_rect("meeting", talk).height() > line
    assert whole_text_shown(page, "meeting", talk)
    assert whole_text_shown(page, "follow_up", note)


def test_a_crowded_day_elides_and_the_tooltip_says_it_all(page: CalendarPage, qtbot: QtBot) -> None:
    db = page.ctx.db
    hana = person(db, "Hana Nováková-Svobodová", "To contact")
    talks = [meeting(page, datetime(2026, 3, 12, 9 + n, 0), hana) for n in range(7)]
    qtbot.waitUntil(lambda: page.month.entry_rect("meeting", talks[0]).isValid())
    first = page.month.entry_rect("meeting", talks[0])
    assert first.height() < 2 * page.month.fontMetrics().height()
    assert not whole_text_shown(page, "meeting", talks[0])
    index = page.month.entry_at(first.center())
    assert "Hana Nováková-Svobodová" in str(index.data(Qt.ItemDataRole.ToolTipRole))
    assert page.month.entry_at(QPoint(first.center().x(), first.bottom() + 4)).isValid()
