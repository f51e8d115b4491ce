"""The compose window: filled from a template, the mailto: link percent-encoded and opened,
the message logged with its follow-up, the word counter's warning."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from crm.calendar.followups import follow_ups_of_contact
from crm.contacts.history import list_history
from crm.contacts.service import Channel, ContactFields, create_contact
from crm.pipeline.card_moves import move_contacts
from crm.pipeline.stages import list_stages
from tests.conftest import NOW
from tests.gui.desktop import OpenedUrls, opened_urls
from ui.main_window import MainWindow
from ui.today.compose import ComposeDialog

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")
TODAY = NOW.date()


@pytest.fixture
def mail_app() -> Iterator[OpenedUrls]:
    with opened_urls("mailto") as recorder:
        yield recorder


def reached_out(window: MainWindow) -> int:
    db = window.ctx.db
    anna, changes = create_contact(
        db,
        ContactFields("Anna", "Lee & Sons", company="Northwind"),
        channels=[Channel("email", "anna+jobs@example.com", "work")],
    )
    stage = {s.name: s.id for s in list_stages(db)}["Reached out"]
    move_contacts(db, [anna], stage, today=TODAY)
    window.ctx.hub.apply(changes)
    return anna


def compose(window: MainWindow, qtbot: QtBot, contact_id: int, template: str) -> ComposeDialog:
    """The compose window for `contact_id`, opened on `template`."""
    dialog = ComposeDialog(window.ctx, window, contact_id, template, TODAY)
    qtbot.addWidget(dialog)
    return dialog


def test_open_in_mail_app_sends_an_encoded_mailto_and_logs_the_nudge(
    main_window: MainWindow, qtbot: QtBot, mail_app: OpenedUrls
) -> None:
    anna = reached_out(main_window)
    dialog = compose(main_window, qtbot, anna, "nudge")
    assert dialog.template_box.currentText() == "Nudge"
    assert dialog.body.toPlainText().startswith("Hi Anna,\n")
    dialog.subject.clear()
    qtbot.keyClicks(dialog.subject, "Re: 20 min? & thanks/")
    dialog.subject.insert("ça va")  # QtTest types ASCII only
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)

    (url,) = mail_app.urls
    raw = url.toString(QUrl.ComponentFormattingOption.FullyEncoded)
    # "+" encoded too: some mail apps read a bare "+" in a URL as a space.
    assert raw.startswith("mailto:anna%2Bjobs@example.com?subject=")
    assert unquote(urlsplit(raw).path) == "anna+jobs@example.com"
    assert " " not in raw and "\n" not in raw and "&thanks" not in raw
    query = parse_qs(urlsplit(raw).query)
    assert query["subject"] == ["Re: 20 min? & thanks/ça va"]
    assert "%0D%0A" in raw and query["body"][0].startswith("Hi Anna,\r\n")
    assert unquote(raw.split("body=")[1]).endswith(dialog.body.toPlainText().replace("\n", "\r\n"))

    history = list_history(main_window.ctx.db, anna)
    assert history[0].summary == "Email sent: Re: 20 min? & thanks/ça va"
    assert history[0].body == dialog.body.toPlainText()
    still_open = [f.title for f in follow_ups_of_contact(main_window.ctx.db, anna) if not f.done]
    assert still_open == ["Nudge again if no reply"]
    main_window.undo_action.trigger()
    still_open = [f.title for f in follow_ups_of_contact(main_window.ctx.db, anna) if not f.done]
    assert still_open == ["Nudge if no reply"]


def test_copy_puts_the_text_on_the_clipboard_and_logs_it(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    anna = reached_out(main_window)
    dialog = compose(main_window, qtbot, anna, "outreach")
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith(f"Subject: {dialog.subject.text()}\n\nHi Anna,")
    assert list_history(main_window.ctx.db, anna)[0].summary.startswith("Email sent: A question")


def test_the_word_counter_warns_above_100_words_for_outreach(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    anna = reached_out(main_window)
    dialog = compose(main_window, qtbot, anna, "outreach")
    assert dialog.counter.text().endswith("words") and "get answers" not in dialog.counter.text()
    dialog.body.setPlainText("word " * 101)
    assert dialog.counter.text().startswith("101 words") and "get answers" in dialog.counter.text()
    dialog.template_box.setCurrentIndex(dialog.template_box.findText("Thank-you note"))
    dialog.body.setPlainText("word " * 101)
    assert dialog.counter.text() == "101 words"  # only outreach notes must be short


def test_the_name_signed_with_is_kept_and_fills_the_message(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    anna = reached_out(main_window)
    dialog = compose(main_window, qtbot, anna, "outreach")
    assert dialog.body.toPlainText().rstrip().endswith("Thank you,")
    qtbot.keyClicks(dialog.my_name, "Sam Rivera")
    qtbot.keyClick(dialog.my_name, Qt.Key.Key_Return)
    assert dialog.body.toPlainText().rstrip().endswith("Thank you,\nSam Rivera")
    again = compose(main_window, qtbot, anna, "nudge")
    assert again.body.toPlainText().rstrip().endswith("Sam Rivera")
    main_window.undo_action.trigger()
    from crm.today.preferences import MY_NAME_KEY, get_setting

    assert get_setting(main_window.ctx.db, MY_NAME_KEY) is None


def test_the_weekly_goal_is_set_on_today_and_undone(main_window: MainWindow, qtbot: QtBot) -> None:
    from ui.today.page import TodayPage

    main_window.show()
    page = main_window.show_page("today")
    assert isinstance(page, TodayPage)
    assert page.goal.value() == 5
    page.goal.setValue(3)

    def goal_line() -> str:
        return next(i.title for i in page.model.items() if i.kind == "goal")

    qtbot.waitUntil(lambda: goal_line() == "0 of 3 new people contacted this week")
    main_window.undo_action.trigger()
    qtbot.waitUntil(lambda: goal_line() == "0 of 5 new people contacted this week")
    assert page.goal.value() == 5
