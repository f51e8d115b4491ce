"""Pages behind the current one catch up when shown, instead of on every change."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QStackedWidget, QWidget
from pytestqt.qtbot import QtBot

from crm.changes import Changes, contacts_changed
from crm.contacts.service import ContactFields, create_contact
from crm.pipeline.stages import list_stages
from ui.contacts.page import ContactsPage
from ui.hub import Hub
from ui.main_window import MainWindow
from ui.pipeline.page import PipelinePage
from ui.refresh import RefreshWhenShown


def two_pages(qtbot: QtBot) -> tuple[QStackedWidget, QWidget, QWidget]:
    """A stack showing the first of two pages."""
    stack = QStackedWidget()
    qtbot.addWidget(stack)
    front, behind = QWidget(), QWidget()
    stack.addWidget(front)
    stack.addWidget(behind)
    return stack, front, behind


def test_a_hidden_page_refreshes_once_as_it_is_shown(qtbot: QtBot) -> None:
    stack, front, behind = two_pages(qtbot)
    refreshed: list[str] = []
    front_refresh = RefreshWhenShown(front, lambda _c: refreshed.append("front"), page=front)
    behind_refresh = RefreshWhenShown(behind, lambda _c: refreshed.append("behind"), page=behind)

    for _ in range(3):  # a burst of changes
        front_refresh.request()
        behind_refresh.request()
    QApplication.processEvents()
    assert refreshed == ["front"]

    stack.setCurrentWidget(behind)
    assert refreshed == ["front", "behind"]
    stack.setCurrentWidget(front)
    QApplication.processEvents()
    assert refreshed == ["front", "behind"]  # nothing changed meanwhile


def test_contacts_show_a_pipeline_move_when_switched_to(main_window: MainWindow) -> None:
    ctx = main_window.ctx
    stages = {s.name: s.id for s in list_stages(ctx.db)}
    fields = ContactFields(first_name="Anna", last_name="Lee")
    anna, changes = create_contact(ctx.db, fields, stage_id=stages["To contact"])
    ctx.hub.apply(changes)
    contacts = main_window.show_page("contacts")
    assert isinstance(contacts, ContactsPage)
    QApplication.processEvents()
    row = contacts.model.row(anna)
    assert row is not None and row.stage_name == "To contact"

    pipeline = main_window.show_page("pipeline")
    assert isinstance(pipeline, PipelinePage)
    pipeline.ensure_board()
    assert pipeline.move_cards([anna], stages["Scheduled"], None)
    QApplication.processEvents()

    main_window.show_page("contacts")
    row = contacts.model.row(anna)
    assert row is not None and row.stage_name == "Scheduled"


def test_a_hidden_view_gets_the_changes_collected_if_they_concern_it(qtbot: QtBot) -> None:
    stack, front, behind = two_pages(qtbot)
    hub = Hub()
    received: list[Changes] = []
    RefreshWhenShown(
        behind, received.append, hub=hub, page=behind, concerns=lambda c: bool(c.meetings)
    )

    hub.apply(contacts_changed(1))
    stack.setCurrentWidget(behind)
    stack.setCurrentWidget(front)
    assert received == []  # contacts only: nothing this view shows

    hub.apply(contacts_changed(2))
    hub.apply(Changes(meetings=frozenset({7})))
    QApplication.processEvents()
    assert received == []  # hidden: collected, not applied
    stack.setCurrentWidget(behind)
    assert received == [Changes(contacts=frozenset({2}), meetings=frozenset({7}))]
