"""A contact's follow-ups in the detail keep their due date in sight, however long the title."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QStyle
from pytestqt.qtbot import QtBot

from crm.calendar.followups import add_follow_up
from crm.changes import EVERYTHING
from crm.contacts.service import ContactFields, create_contact
from tests.gui.windows import contacts_page, shown_at
from ui.contacts.progress import FollowUpBox
from ui.main_window import MainWindow

TITLE = "Nudge Fatima Zahra if no reply to the note about the design week panel"


def follow_up_boxes(
    window: MainWindow, qtbot: QtBot, contact_id: int, count: int
) -> list[FollowUpBox]:
    """The follow-up boxes of a contact's detail, once all `count` of them are shown."""
    window.ctx.hub.apply(EVERYTHING)
    page = contacts_page(window)
    page.select_contact(contact_id)
    qtbot.waitUntil(lambda: len(page.detail.follow_ups.boxes) == count)
    return page.detail.follow_ups.boxes


def test_a_long_follow_up_title_is_elided_before_its_due_date(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    db = main_window.ctx.db
    fatima, _ = create_contact(db, ContactFields("Fatima Zahra", "El Amrani"))
    add_follow_up(db, fatima, TITLE, date(2026, 3, 13))
    shown_at(main_window, qtbot)
    [box] = follow_up_boxes(main_window, qtbot, fatima, 1)
    indicator = box.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, None, box)

    def fits() -> bool:
        return indicator + box.fontMetrics().horizontalAdvance(box.text()) <= box.width()

    qtbot.waitUntil(fits)
    assert box.text().endswith("— due in 3 days") and "…" in box.text()
    assert TITLE in box.toolTip() and box.accessibleName() == f"{TITLE} — due in 3 days"


def test_follow_ups_say_when_as_the_agenda_does(qtbot: QtBot, main_window: MainWindow) -> None:
    db = main_window.ctx.db
    ravi, _ = create_contact(db, ContactFields("Ravi", "Shankar"))
    add_follow_up(db, ravi, "Send a thank-you note", date(2026, 3, 9))
    add_follow_up(db, ravi, "Check in", date(2026, 3, 10))
    add_follow_up(db, ravi, "Ask about the team", date(2026, 4, 20))
    boxes = follow_up_boxes(main_window, qtbot, ravi, 3)
    assert [box.full_text for box in boxes] == [
        "Send a thank-you note — was due yesterday",
        "Check in — due today",
        "Ask about the team — due 20 Apr",
    ]


def test_a_follow_up_tooltip_shows_markup_as_typed(qtbot: QtBot, main_window: MainWindow) -> None:
    db = main_window.ctx.db
    eve, _ = create_contact(db, ContactFields("Eve", "Ito"))
    add_follow_up(db, eve, "Ask <b>Eve</b> about <i>teams</i>", date(2026, 4, 20))
    [box] = follow_up_boxes(main_window, qtbot, eve, 1)
    assert box.toolTip().startswith("<qt>") and "&lt;b&gt;Eve&lt;/b&gt;" in box.toolTip()
