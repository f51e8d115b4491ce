"""The Pipeline page driven like a user would: keys, menus, drops, filters; then the database."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QFrame, QMenu, QScrollBar, QWidget
from pytestqt.qtbot import QtBot

from crm.contacts.history import list_history
from crm.contacts.service import ContactFields, create_contact, get_contact, update_contact
from crm.pipeline.board import card_rows
from crm.pipeline.stages import list_stages
from tests.gui.windows import focus, pipeline_page
from ui.main_window import MainWindow
from ui.pipeline.column import StageColumn
from ui.pipeline.model import BoardModel
from ui.pipeline.page import PipelinePage

DEFAULTS = ["To contact", "Reached out", "Scheduled", "Met", "Thanked", "Keep in touch", "Not now"]


def add(
    window: MainWindow, first: str, stage: str = "To contact", *, company: str = "", tags=()
) -> int:
    ctx = window.ctx
    stage_id = {s.name: s.id for s in list_stages(ctx.db)}[stage]
    fields = ContactFields(first_name=first, last_name="Lee", company=company, title="Engineer")
    new_id, changes = create_contact(ctx.db, fields, tags=list(tags), stage_id=stage_id)
    ctx.hub.apply(changes)
    return new_id


@pytest.fixture
def page(main_window: MainWindow) -> PipelinePage:
    return pipeline_page(main_window)


def model_of(page: PipelinePage) -> BoardModel:
    assert page.model is not None
    return page.model


def column(page: PipelinePage, name: str) -> StageColumn:
    assert page.board is not None
    found = [c for c in page.board.columns() if c.accessibleName() == name]
    assert len(found) == 1
    return found[0]


def shown(page: PipelinePage, name: str) -> list[str]:
    """The names on the cards of a column, top to bottom, as the view's model gives them."""
    cards = column(page, name).cards
    root = cards.rootIndex()
    model = cards.model()
    return [model.index(r, 0, root).data() for r in range(model.rowCount(root))]


def select(page: PipelinePage, name: str, ids: Sequence[int]) -> None:
    assert page.board is not None
    page.board.select_cards(column(page, name).stage.id, list(ids))


def stage_name(page: PipelinePage, contact_id: int) -> str:
    return get_contact(page.ctx.db, contact_id).stage_name


def test_board_shows_a_named_column_per_stage(main_window: MainWindow, page: PipelinePage) -> None:
    add(main_window, "Anna")
    nav = main_window.navigation
    titles = [nav.item(i).text() for i in range(nav.count())]
    assert titles.index("Pipeline") == titles.index("Contacts") + 1  # Today is first
    board = main_window.findChild(QFrame, "pipelineBoard")
    assert board is page.board
    columns = main_window.findChildren(QFrame, "stageColumn")
    assert [c.accessibleName() for c in columns] == DEFAULTS
    assert shown(page, "To contact") == ["Anna Lee"]
    assert column(page, "To contact").header.count == 1


def test_ctrl_2_opens_the_pipeline(main_window: MainWindow, qtbot: QtBot) -> None:
    focus(main_window, qtbot)
    qtbot.keyClick(main_window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert main_window.current_page_id() == "pipeline"


def test_board_model_passes_the_model_tester(
    main_window: MainWindow, page: PipelinePage, qtmodeltester
) -> None:
    add(main_window, "Anna", tags=["python"])
    add(main_window, "Ben", "Met", company="Acme")
    qtmodeltester.check(model_of(page), force_py=True)


def test_ctrl_right_moves_a_card_one_stage_undo_and_redo(
    main_window: MainWindow, page: PipelinePage, qtbot: QtBot
) -> None:
    anna = add(main_window, "Anna", "Reached out")
    select(page, "Reached out", [anna])
    cards = column(page, "Reached out").cards
    qtbot.keyClick(cards, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)

    assert stage_name(page, anna) == "Scheduled"
    assert [h.summary for h in list_history(page.ctx.db, anna)] == ["Reached out → Scheduled"]
    assert shown(page, "Scheduled") == ["Anna Lee"]
    assert shown(page, "Reached out") == []
    assert column(page, "Scheduled").header.count == 1
    assert main_window.undo_action.text() == "&Undo Move Anna Lee to Scheduled"
    # the card keeps the focus, so pressing again walks it along
    assert column(page, "Scheduled").cards.selected_ids() == [anna]

    main_window.undo_action.trigger()
    assert stage_name(page, anna) == "Reached out"
    assert list_history(page.ctx.db, anna) == []
    assert shown(page, "Reached out") == ["Anna Lee"]

    main_window.redo_action.trigger()
    assert stage_name(page, anna) == "Scheduled"
    assert shown(page, "Scheduled") == ["Anna Lee"]


def test_ctrl_left_and_the_edges(main_window: MainWindow, page: PipelinePage, qtbot: QtBot) -> None:
    anna = add(main_window, "Anna")
    select(page, "To contact", [anna])
    qtbot.keyClick(
        column(page, "To contact").cards, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier
    )
    assert stage_name(page, anna) == "To contact"  # nothing before the first stage
    qtbot.keyClick(
        column(page, "To contact").cards, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier
    )
    qtbot.keyClick(
        column(page, "Reached out").cards, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier
    )
    assert stage_name(page, anna) == "To contact"
    assert page.ctx.undo_stack.count() == 2


def test_ctrl_up_and_down_reorder_within_the_column(
    main_window: MainWindow, page: PipelinePage, qtbot: QtBot
) -> None:
    anna, ben, cleo = (add(main_window, n) for n in ("Anna", "Ben", "Cleo"))
    cards = column(page, "To contact").cards
    select(page, "To contact", [cleo])
    qtbot.keyClick(cards, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert shown(page, "To contact") == ["Anna Lee", "Cleo Lee", "Ben Lee"]
    qtbot.keyClick(cards, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert shown(page, "To contact") == ["Cleo Lee", "Anna Lee", "Ben Lee"]
    select(page, "To contact", [anna])
    qtbot.keyClick(cards, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert shown(page, "To contact") == ["Cleo Lee", "Ben Lee", "Anna Lee"]
    qtbot.keyClick(cards, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)  # already last
    # a reorder is no stage change: no history entry; and it survives a fresh board
    assert list_history(page.ctx.db, anna) == []
    model_of(page).reload()
    assert shown(page, "To contact") == ["Cleo Lee", "Ben Lee", "Anna Lee"]
    main_window.undo_action.trigger()
    assert shown(page, "To contact") == ["Cleo Lee", "Anna Lee", "Ben Lee"]
    del ben


def test_context_menu_move_to_thanked_adds_the_check_in_follow_up(
    main_window: MainWindow, page: PipelinePage
) -> None:
    anna = add(main_window, "Anna", "Scheduled")
    select(page, "Scheduled", [anna])
    menu = page.card_menu(column(page, "Scheduled").stage.id)
    move_to = menu.findChild(QMenu, "moveToMenu")
    assert move_to is not None
    assert [a.text() for a in move_to.actions()] == DEFAULTS
    assert not next(a for a in move_to.actions() if a.text() == "Scheduled").isEnabled()
    assert [a.text() for a in menu.actions() if a.text()][-2:] == [
        "Schedule meeting…",
        "Prepare…",
    ]
    # (Met's thank-you note waits for a meeting held: Thanked's check-in has no condition.)
    next(a for a in move_to.actions() if a.text() == "Thanked").trigger()

    assert stage_name(page, anna) == "Thanked"
    card = model_of(page).card(anna)
    assert card is not None and card.next_follow_up is not None
    assert card_rows(page.ctx.db, [anna])[anna].next_follow_up == card.next_follow_up
    main_window.undo_action.trigger()
    assert card_rows(page.ctx.db, [anna])[anna].next_follow_up is None
    assert model_of(page).card(anna).next_follow_up is None  # type: ignore[union-attr]


def test_dropping_mime_data_moves_several_cards_between_others(
    main_window: MainWindow, page: PipelinePage
) -> None:
    anna, ben = add(main_window, "Anna"), add(main_window, "Ben")
    kim, lou = add(main_window, "Kim", "Met"), add(main_window, "Lou", "Met")
    model = model_of(page)
    dragged = [model.index_of(anna), model.index_of(ben)]
    mime = model.mimeData(dragged)
    assert mime.hasFormat("application/x-rapport-contact-ids")
    met = model.stage_index(column(page, "Met").stage.id)
    assert model.dropMimeData(mime, Qt.DropAction.MoveAction, 1, 0, met)

    assert shown(page, "Met") == ["Kim Lee", "Anna Lee", "Ben Lee", "Lou Lee"]
    assert shown(page, "To contact") == []
    assert stage_name(page, anna) == stage_name(page, ben) == "Met"
    assert main_window.undo_action.text() == "&Undo Move 2 contacts to Met"
    model.reload()  # what the database says, not what the model remembers
    assert shown(page, "Met") == ["Kim Lee", "Anna Lee", "Ben Lee", "Lou Lee"]
    main_window.undo_action.trigger()
    assert shown(page, "Met") == ["Kim Lee", "Lou Lee"]
    assert shown(page, "To contact") == ["Anna Lee", "Ben Lee"]
    del kim, lou


def test_dropping_a_card_back_where_it_was_does_nothing(
    main_window: MainWindow, page: PipelinePage
) -> None:
    anna = add(main_window, "Anna")
    add(main_window, "Ben")
    model = model_of(page)
    parent = model.stage_index(column(page, "To contact").stage.id)
    mime = model.mimeData([model.index_of(anna)])
    assert not model.dropMimeData(mime, Qt.DropAction.MoveAction, 1, 0, parent)
    assert not model.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert page.ctx.undo_stack.count() == 0


@pytest.mark.parametrize("payload", [b"1,2", b"not json", b'{"ids": [1]}', b"[true, 1.5]"])
def test_a_drop_that_is_not_a_list_of_contacts_moves_nothing(
    main_window: MainWindow, page: PipelinePage, payload: bytes
) -> None:
    """Another program can drop anything under the board's type; nothing may move or fail."""
    anna = add(main_window, "Anna")
    model = model_of(page)
    mime = QMimeData()
    mime.setData("application/x-rapport-contact-ids", QByteArray(payload))
    met = model.stage_index(column(page, "Met").stage.id)
    assert not model.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, met)
    assert stage_name(page, anna) == "To contact"
    assert page.ctx.undo_stack.count() == 0


def test_filter_by_text_tag_and_company_and_escape_clears(
    main_window: MainWindow, page: PipelinePage, qtbot: QtBot
) -> None:
    add(main_window, "Anna", company="Acme", tags=["python"])
    add(main_window, "Ben", "Met", company="Globex")
    bar = page.filter_bar
    qtbot.keyClicks(bar.text, "glob")
    assert shown(page, "To contact") == []
    assert shown(page, "Met") == ["Ben Lee"]
    assert bar.matches.text() == "1 match"
    qtbot.keyClick(bar.text, Qt.Key.Key_Escape)
    assert bar.text.text() == ""
    assert shown(page, "To contact") == ["Anna Lee"]

    bar.tag.setCurrentIndex(bar.tag.findText("python"))
    assert shown(page, "Met") == []
    assert shown(page, "To contact") == ["Anna Lee"]
    bar.tag.setCurrentIndex(0)
    bar.company.setCurrentIndex(bar.company.findText("Globex"))
    assert shown(page, "To contact") == []
    assert shown(page, "Met") == ["Ben Lee"]
    qtbot.keyClick(column(page, "Met").cards, Qt.Key.Key_Escape)
    assert shown(page, "To contact") == ["Anna Lee"]


def test_changes_made_elsewhere_show_on_the_board(
    main_window: MainWindow, page: PipelinePage
) -> None:
    anna = add(main_window, "Anna")
    ctx = page.ctx
    ctx.hub.apply(update_contact(ctx.db, anna, first_name="Annabel"))
    assert shown(page, "To contact") == ["Annabel Lee"]
    ben = add(main_window, "Ben")
    assert shown(page, "To contact") == ["Annabel Lee", "Ben Lee"]
    ctx.hub.apply(update_contact(ctx.db, ben, archived=True))
    assert shown(page, "To contact") == ["Annabel Lee"]
    assert column(page, "To contact").header.count == 1


def test_enter_and_double_click_open_the_contact(
    main_window: MainWindow, page: PipelinePage, qtbot: QtBot
) -> None:
    anna = add(main_window, "Anna")
    select(page, "To contact", [anna])
    cards = column(page, "To contact").cards
    with qtbot.waitSignal(page.ctx.hub.openContactRequested) as opened:
        qtbot.keyClick(cards, Qt.Key.Key_Return)
    assert opened.args == [anna]
    with qtbot.waitSignal(page.ctx.hub.openContactRequested) as opened:
        cards.doubleClicked.emit(cards.model().index(0, 0, cards.rootIndex()))
    assert opened.args == [anna]


def test_tooltip_escapes_names(main_window: MainWindow, page: PipelinePage) -> None:
    eve = add(main_window, "<b>Eve</b>")
    tip = model_of(page).index_of(eve).data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;Eve&lt;/b&gt;" in tip
    assert "<b>Eve</b> Lee" not in tip


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_prepare_from_a_card_opens_the_prep_sheet_for_that_contact(
    main_window: MainWindow, page: PipelinePage, qtbot: QtBot
) -> None:
    from ui.prep.dialog import PrepDialog

    anna = add(main_window, "Anna", "Scheduled")
    select(page, "Scheduled", [anna])
    menu = page.card_menu(column(page, "Scheduled").stage.id)
    next(a for a in menu.actions() if a.text() == "Prepare…").trigger()
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, PrepDialog)]
    assert len(dialogs) == 1
    qtbot.addWidget(dialogs[0])
    assert dialogs[0].isVisible()
    assert "Anna Lee" in dialogs[0].windowTitle()


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_a_long_column_scroll_bar_looks_like_the_style_and_follows_scrolling(
    main_window: MainWindow, page: PipelinePage, qtbot: QtBot
) -> None:
    main_window.resize(1200, 700)
    main_window.show()
    qtbot.waitExposed(main_window)
    for n in range(40):
        add(main_window, f"Card{n:02d}")
    cards = column(page, "To contact").cards
    bar = cards.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)

    def plain_image() -> QImage:
        # The same scroll bar as Qt paints it without our image cache.
        plain = QScrollBar(bar.orientation())
        plain.setRange(bar.minimum(), bar.maximum())
        plain.setPageStep(bar.pageStep())
        plain.setValue(bar.value())
        plain.setPalette(bar.palette())
        plain.resize(bar.size())
        return image(plain)

    def image(widget: QWidget) -> QImage:
        return widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)

    def looks_alike(a: QImage, b: QImage) -> bool:
        # Within 2 of 255 per channel: the style's gradients round differently when
        # painted into an image first, which no eye can see.
        pa, pb = bytes(a.constBits()), bytes(b.constBits())  # type: ignore[call-overload]
        if a.size() != b.size():
            return False
        return max(abs(x - y) for x, y in zip(pa, pb, strict=True)) <= 2

    top = image(bar)
    assert looks_alike(top, plain_image())
    cards.scrollToBottom()
    assert bar.value() == bar.maximum()
    bottom = image(bar)
    assert bottom != top  # the handle moved down
    assert looks_alike(bottom, plain_image())
    cards.scrollToTop()
    assert image(bar) == top


def test_the_board_keys_are_actions_with_their_shortcuts(page: PipelinePage) -> None:
    keys = {a.text(): [k.toString() for k in a.shortcuts()] for a in page.keys.actions()}
    assert keys == {
        "Move to &Next Stage": ["Ctrl+Right"],
        "Move to &Previous Stage": ["Ctrl+Left"],
        "Move &Up": ["Ctrl+Up"],
        "Move &Down": ["Ctrl+Down"],
        "&Open": ["Return", "Enter"],
        "Column to the &Left": ["Left"],
        "Column to the &Right": ["Right"],
    }
    for name in DEFAULTS:
        assert column(page, name).cards.actions() == page.keys.actions()
