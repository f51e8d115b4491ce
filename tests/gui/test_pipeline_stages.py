"""Managing stages from the board and the stage dialog: the columns follow, undo restores."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame
from pytestqt.qtbot import QtBot

from crm.changes import Changes
from crm.contacts.service import ContactFields, create_contact
from crm.pipeline.stages import get_stage, list_stages
from tests.gui.windows import pipeline_page
from tests.people import stage_id
from ui.main_window import MainWindow
from ui.pipeline.page import PipelinePage
from ui.pipeline.stage_dialog import StageManagerDialog

# The offscreen platform warns about size hints when a dialog is shown; harmless here.
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def page(main_window: MainWindow) -> PipelinePage:
    return pipeline_page(main_window)


def open_dialog(page: PipelinePage, qtbot: QtBot, at: str) -> StageManagerDialog:
    """Pipeline ▸ Stages… shown, with the stage called `at` selected."""
    dialog = StageManagerDialog(page.ctx, page)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.select(stage_id(page.ctx.db, at))
    return dialog


def column_names(window: MainWindow) -> list[str]:
    return [c.accessibleName() for c in window.findChildren(QFrame, "stageColumn")]


def test_dialog_adds_renames_and_sets_a_rule(
    main_window: MainWindow, page: PipelinePage, qtbot: QtBot
) -> None:
    dialog = open_dialog(page, qtbot, at="Scheduled")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert column_names(main_window)[3] == "New stage"
    assert dialog.name.hasFocus() or dialog.name.selectedText() == "New stage"

    dialog.name.clear()
    qtbot.keyClicks(dialog.name, "Coffee booked")
    dialog.rule.setChecked(True)
    qtbot.keyClicks(dialog.rule_title, "Confirm the day before")
    dialog.rule_days.setValue(2)
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)

    stage = next(s for s in list_stages(page.ctx.db) if s.name == "Coffee booked")
    assert (stage.followup_title, stage.followup_days) == ("Confirm the day before", 2)
    assert column_names(main_window)[3] == "Coffee booked"
    main_window.undo_action.trigger()
    assert column_names(main_window)[3] == "New stage"
    main_window.undo_action.trigger()
    assert "New stage" not in column_names(main_window)


def test_dialog_moves_stages_and_the_board_follows(
    main_window: MainWindow, page: PipelinePage, qtbot: QtBot
) -> None:
    dialog = open_dialog(page, qtbot, at="Met")
    qtbot.mouseClick(dialog.up_button, Qt.MouseButton.LeftButton)
    assert column_names(main_window)[2:4] == ["Met", "Scheduled"]
    assert dialog.current() is not None and dialog.current().name == "Met"  # type: ignore[union-attr]
    main_window.undo_action.trigger()
    assert column_names(main_window)[2:4] == ["Scheduled", "Met"]


def test_dialog_keeps_unapplied_edits_when_switching_stage(
    page: PipelinePage, qtbot: QtBot
) -> None:
    dialog = open_dialog(page, qtbot, at="Met")
    qtbot.mouseClick(dialog.closed, Qt.MouseButton.LeftButton)
    dialog.select(stage_id(page.ctx.db, "Thanked"))
    assert get_stage(page.ctx.db, stage_id(page.ctx.db, "Met")).is_closed


def test_dialog_refuses_a_duplicate_name_clearly(
    page: PipelinePage, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(StageManagerDialog, "_report", lambda self, text: warnings.append(text))
    dialog = open_dialog(page, qtbot, at="Met")
    dialog.name.clear()
    qtbot.keyClicks(dialog.name, "thanked")
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert warnings and "already a stage called" in warnings[0]
    assert "Met" in [s.name for s in list_stages(page.ctx.db)]


def test_dragging_a_header_onto_another_place_reorders(
    main_window: MainWindow, page: PipelinePage
) -> None:
    assert page.board is not None
    met = page.board.columns()[3].stage.id
    page.board.strip.stageDropped.emit(met, 0)  # what a header drop at the far left reports
    assert column_names(main_window)[0] == "Met"
    assert main_window.undo_action.text() == "&Undo Move stage Met"
    main_window.undo_action.trigger()
    assert column_names(main_window)[3] == "Met"


def test_stage_change_elsewhere_keeps_cards(main_window: MainWindow, page: PipelinePage) -> None:
    ctx = page.ctx
    anna, changes = create_contact(ctx.db, ContactFields("Anna"))
    ctx.hub.apply(changes)
    ctx.hub.apply(Changes(stages=True))
    assert page.model is not None
    assert page.model.ids_in(page.model.stages()[0].id) == [anna]
    cards = main_window.findChildren(QFrame, "stageColumn")[0].cards  # type: ignore[attr-defined]
    assert cards.model().rowCount(cards.rootIndex()) == 1
