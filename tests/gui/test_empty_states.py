"""Pipeline and Companies explain themselves while empty and offer the first step."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from crm.changes import EVERYTHING
from crm.contacts.service import ContactFields, create_contact
from ui.main_window import MainWindow
from ui.pipeline.page import PipelinePage


def shown(qtbot: QtBot, window: MainWindow, page_id: str) -> QWidget:
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    return window.show_page(page_id)


def button(window: MainWindow, name: str) -> QPushButton:
    found = window.findChild(QPushButton, name)
    assert found is not None
    return found


def test_empty_pipeline_guides_to_a_first_contact(qtbot: QtBot, main_window: MainWindow) -> None:
    page = shown(qtbot, main_window, "pipeline")
    assert isinstance(page, PipelinePage)
    empty = main_window.findChild(QWidget, "pipelineEmpty")
    assert empty is not None
    qtbot.waitUntil(lambda: page.board is not None)
    assert empty.isVisible() and page.board is not None and not page.board.isVisible()
    qtbot.mouseClick(button(main_window, "pipelineAdd"), Qt.MouseButton.LeftButton)
    assert main_window.current_page_id() == "contacts"

    create_contact(main_window.ctx.db, ContactFields(first_name="Anna", last_name="Lee"))
    main_window.ctx.hub.apply(EVERYTHING)
    main_window.show_page("pipeline")
    qtbot.waitUntil(lambda: page.board is not None and page.board.isVisible())
    assert not empty.isVisible()


def test_empty_companies_page_explains_and_offers_a_contact(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    page = shown(qtbot, main_window, "companies")
    empty = main_window.findChild(QWidget, "companiesEmpty")
    assert empty is not None and empty.isVisible()
    assert "Company field" in " ".join(w.text() for w in empty.findChildren(QLabel))
    qtbot.mouseClick(button(main_window, "companiesAdd"), Qt.MouseButton.LeftButton)
    assert main_window.current_page_id() == "contacts"

    create_contact(main_window.ctx.db, ContactFields(first_name="Anna", company="Globex"))
    main_window.ctx.hub.apply(EVERYTHING)
    main_window.show_page("companies")
    qtbot.waitUntil(lambda: not empty.isVisible())
    assert page.isVisible()
