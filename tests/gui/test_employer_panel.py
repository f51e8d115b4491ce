"""The contact detail's Employer tab: target score, openings, applications, referrals."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from crm.changes import EVERYTHING
from crm.prep.finding import find_contacts
from crm.samples.data import load_sample_data
from crm.targets.listing import list_applications
from ui.common.commands import SetStatusCommand
from ui.common.undo import push
from ui.contacts.page import ContactsPage
from ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def test_the_employer_tab_shows_the_target_score_openings_and_the_referral(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    ctx = main_window.ctx
    load_sample_data(ctx.db)
    ctx.hub.apply(EVERYTHING)
    main_window.show()
    qtbot.waitExposed(main_window)
    main_window.show_page("contacts")
    page = main_window.page("contacts")
    assert isinstance(page, ContactsPage)
    ((yusuf, _name),) = find_contacts(ctx.db, "Yusuf")
    ctx.hub.openContactRequested.emit(yusuf)
    detail = page.detail
    detail.tabs.setCurrentWidget(detail.employer)
    label = detail.employer.findChild(QLabel, "employerStanding")
    assert label is not None
    qtbot.waitUntil(lambda: "Northwind Analytics: target #1, score 7 / 7" in label.text())
    text = label.text()
    assert "  • Analytics Engineer (Company site)" in text
    assert "  • Analytics Engineer: Interviewing" in text
    assert "Part of your applications:" in text and "(referred by)" in text

    (app,) = list_applications(ctx.db, contact_id=yusuf)
    push(ctx, SetStatusCommand(ctx.db, ctx.hub, app.id, app.title, "Offer"))
    qtbot.waitUntil(lambda: "  • Analytics Engineer: Offer" in label.text())
    ctx.undo_stack.undo()
    qtbot.waitUntil(lambda: "  • Analytics Engineer: Interviewing" in label.text())
