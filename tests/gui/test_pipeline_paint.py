"""What the board looks like: cards ready before the first Ctrl+2, and their states."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from crm.contacts.service import ContactFields, create_contact
from crm.pipeline.stages import list_stages
from ui.main_window import MainWindow
from ui.pipeline.cards import CardList
from ui.pipeline.page import PipelinePage


def fill(window: MainWindow, count: int) -> list[int]:
    ctx = window.ctx
    stages = list_stages(ctx.db)
    ids = []
    for n in range(count):
        fields = ContactFields(first_name=f"Person{n:02d}", last_name="Lee", company="Acme")
        new_id, changes = create_contact(ctx.db, fields, stage_id=stages[n % 3].id)
        ctx.hub.apply(changes)
        ids.append(new_id)
    return ids


def shown_window(window: MainWindow, qtbot: QtBot) -> None:
    window.resize(1300, 760)
    window.show()
    qtbot.waitExposed(window)


def pipeline(window: MainWindow) -> PipelinePage:
    page = window.page("pipeline")
    assert isinstance(page, PipelinePage)
    return page


def counting(calls: list[int], paint: Callable[..., None]) -> Callable[..., None]:
    def counted(*args: object) -> None:
        calls.append(1)
        paint(*args)

    return counted


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_the_board_is_built_and_drawn_behind_the_first_page_after_start_up(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    fill(main_window, 30)
    shown_window(main_window, qtbot)
    page = pipeline(main_window)
    assert main_window.current_page_id() == "contacts" and page.board is None

    warm_up = main_window.start_warm_up(0)
    qtbot.waitUntil(lambda: warm_up.done)
    assert main_window.current_page_id() == "contacts"  # nothing the user sees moved
    assert not page.isVisible()
    board = page.board
    assert board is not None and len(board.columns()) == 7

    # Ctrl+2 then shows cards that are all drawn already: none is drawn for the first time.
    delegate = board.delegate
    drawn: list[int] = []
    first_time: list[int] = []
    delegate.draw = counting(drawn, delegate.draw)  # type: ignore[method-assign]
    delegate._paint_card = counting(first_time, delegate._paint_card)  # type: ignore[method-assign]
    QTest.keySequence(main_window, "Ctrl+2")
    qtbot.waitUntil(lambda: len(drawn) >= 10)
    assert main_window.current_page_id() == "pipeline"
    assert first_time == []


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_warm_up_leaves_a_board_in_view_as_it_is(main_window: MainWindow, qtbot: QtBot) -> None:
    fill(main_window, 6)
    shown_window(main_window, qtbot)
    page = main_window.show_page("pipeline")
    assert isinstance(page, PipelinePage)
    qtbot.waitUntil(lambda: page.board is not None)
    board = page.board
    size = page.size()

    warm_up = main_window.start_warm_up(0)
    qtbot.waitUntil(lambda: warm_up.done)
    assert page.board is board and page.size() == size and page.isVisible()


def card_image(cards: CardList, row: int) -> QImage:
    rect: QRect = cards.visualRect(cards.model().index(row, 0, cards.rootIndex()))
    return cards.viewport().grab(rect).toImage().convertToFormat(QImage.Format.Format_RGB32)


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_cards_show_when_they_are_selected_focused_and_under_the_mouse(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    ids = fill(main_window, 9)
    shown_window(main_window, qtbot)
    page = main_window.show_page("pipeline")
    assert isinstance(page, PipelinePage)
    qtbot.waitUntil(lambda: page.board is not None)
    board = page.board
    assert board is not None
    cards = board.columns()[0].cards
    QTest.mouseMove(main_window.navigation.viewport(), QPoint(5, 5))  # away from the cards
    plain = card_image(cards, 1)
    assert card_image(cards, 1) == plain  # drawn the same each time

    board.select_cards(cards.stage_id, [ids[3]])  # the second card of the first column
    selected = card_image(cards, 1)
    assert selected != plain
    assert card_image(cards, 0) != selected  # only that card

    cards.clearSelection()
    cards.setCurrentIndex(cards.model().index(0, 0, cards.rootIndex()))
    cards.clearSelection()
    assert card_image(cards, 1) == plain

    third = card_image(cards, 2)
    centre = cards.visualRect(cards.model().index(1, 0, cards.rootIndex())).center()
    QTest.mouseMove(cards.viewport(), centre)
    qtbot.waitUntil(lambda: card_image(cards, 1) != plain)
    hovered = card_image(cards, 1)
    assert hovered != selected
    QTest.mouseMove(cards.viewport(), centre + QPoint(0, cards.rowHeight(0)))
    qtbot.waitUntil(lambda: card_image(cards, 1) == plain)
    assert card_image(cards, 2) != third  # the card now under the mouse
