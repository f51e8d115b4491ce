"""Counted words agree with their number, and dialog titles fit their window."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel
from pytestqt.qtbot import QtBot

from crm.contacts.service import ContactFields, create_contact
from crm.pipeline.stages import list_stages
from crm.prep.advice import AdviceAnswer, AdviceTopic
from crm.wording import plural
from tests.gui.modal import when_shown
from tests.gui.test_pipeline_stages import open_dialog, page
from ui.importing.export_dialog import ExportDialog
from ui.main_window import MainWindow
from ui.pipeline.page import PipelinePage
from ui.pipeline.stage_dialog import delete_stage_asking
from ui.prep.advice import tally_sentence

__all__ = ["page"]  # a fixture used by name
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def test_plural_forms() -> None:
    assert plural(1, "answer") == "1 answer"
    assert plural(2, "answer") == "2 answers"
    assert plural(0, "company", "companies") == "0 companies"
    assert plural(1200, "contact") == "1,200 contacts"


def test_export_offers_only_the_selected_contact(qtbot: QtBot, main_window: MainWindow) -> None:
    one = ExportDialog(main_window.ctx, [1], main_window)
    qtbot.addWidget(one)
    assert one.only_selected.text() == "Only the selected contact"
    three = ExportDialog(main_window.ctx, [1, 2, 3], main_window)
    qtbot.addWidget(three)
    assert three.only_selected.text() == "Only the 3 selected contacts"


def test_follow_up_rule_days_read_as_words(page: PipelinePage, qtbot: QtBot) -> None:
    dialog = open_dialog(page, qtbot, at="To contact")
    dialog.rule.setChecked(True)
    days = dialog.rule_days
    days.setValue(2)
    days.setFocus()
    qtbot.keyClick(days, Qt.Key.Key_Down)
    assert days.text() == "due 1 day later"
    qtbot.keyClick(days, Qt.Key.Key_Up)
    assert days.text() == "due 2 days later"


def test_one_more_answer_is_singular() -> None:
    met = datetime(2026, 3, 1, 10, 0)
    answers = tuple(
        AdviceAnswer(i, "Coffee chat", met, f"Person {i}", "", f"Answer {i}", f"answer {i}")
        for i in range(6)
    )
    tally = (("answer 0", 2), *((f"answer {i}", 1) for i in range(1, 5)))
    topic = AdviceTopic("q1", "One page or two?", "CV", answers, tally)
    assert tally_sentence(topic).endswith("; 1 other answer")


def test_delete_stage_dialog_title_is_short(page: PipelinePage, qtbot: QtBot) -> None:
    db = page.ctx.db
    create_contact(db, ContactFields(first_name="Anna"))
    stage = list_stages(db)[0]
    seen: list[tuple[str, str]] = []

    def look(dialog: QDialog) -> None:
        texts = [w.text() for w in dialog.findChildren(QLabel)]
        seen.append((dialog.windowTitle(), " ".join(texts)))
        dialog.reject()

    when_shown(QDialog, look)
    assert not delete_stage_asking(page.ctx, page, stage)
    assert seen == [("Delete stage", f"“{stage.name}” holds 1 contact. Move them to:")]
