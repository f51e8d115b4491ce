"""Searching the Contacts page as a user types: filtering, ranking, the first page at once,
long lists loaded on scroll and refreshed in place."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from crm.changes import EVERYTHING
from crm.contacts.service import ContactFields, create_contact, get_contact
from tests.gui.contacts_page import add_people, names_shown, people, show
from ui.main_window import MainWindow

__all__ = ["people"]  # a fixture, found by pytest here


def test_typing_filters_the_table_and_escape_clears(
    qtbot: QtBot, main_window: MainWindow, people: dict[str, int]
) -> None:
    page = show(qtbot, main_window)
    search = main_window.findChild(QLineEdit, "contactSearch")
    assert search is page.search
    assert names_shown(main_window) == ["Anna Lee", "Annie Ng", "Ben Okafor"]
    qtbot.keyClicks(search, "ann goo")
    assert names_shown(main_window) == ["Anna Lee"]
    search.clear()
    qtbot.keyClicks(search, "example.com")
    assert names_shown(main_window) == ["Anna Lee"]
    search.clear()
    qtbot.keyClicks(search, "ann")
    assert names_shown(main_window) == ["Anna Lee", "Annie Ng"]
    assert page.count_label.text() == "2 found"
    qtbot.keyClick(search, Qt.Key.Key_Escape)
    assert search.text() == ""
    assert len(names_shown(main_window)) == 3


def test_ctrl_f_focuses_search_and_enter_moves_to_the_table(
    qtbot: QtBot, main_window: MainWindow, people: dict[str, int]
) -> None:
    page = show(qtbot, main_window)
    page.view.setFocus()
    qtbot.keyClick(main_window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(page.search.hasFocus)
    qtbot.keyClicks(page.search, "ben")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.view.hasFocus()
    assert page.detail.contact_id == people["ben"]


def test_large_list_loads_the_rest_on_scroll(
    qtbot: QtBot, main_window: MainWindow, qtmodeltester: object, tmp_path: Path
) -> None:
    add_people(main_window, 450)
    page = show(qtbot, main_window)
    assert page.model.rowCount() == 200
    qtbot.waitUntil(lambda: page.count_label.text() == "450 contacts")
    page.view.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.rowCount() == 450)
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]


def test_a_broad_search_shows_its_exact_first_page_at_once(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    add_people(main_window, 450)
    create_contact(main_window.ctx.db, ContactFields(first_name="Aaron", last_name="Pamuk"))
    main_window.ctx.hub.apply(EVERYTHING)
    page = show(qtbot, main_window)
    qtbot.keyClicks(page.search, "p")
    # The first paint after the key is already the true first page: nothing replaces it.
    first = names_shown(main_window)
    assert first[0] == "Aaron Pamuk" and page.count_label.text() == "200+ found"
    qtbot.wait(400)
    assert names_shown(main_window) == first
    page.view.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.rowCount() == 451)
    qtbot.keyClicks(page.search, "erson01")
    assert page.count_label.text() == "10 found"


def test_a_search_ranks_names_first_and_says_why_others_are_listed(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    from ui.contacts.cells import HINT_ROLE

    db = main_window.ctx.db
    create_contact(db, ContactFields("Marcus", "Adler", notes="Introduced me to Anna Lee"))
    create_contact(db, ContactFields("Anna", "Lee", company="Google"))
    create_contact(db, ContactFields("Ravi", "Patel", title="Lee & Anna Partners"))
    main_window.ctx.hub.apply(EVERYTHING)
    page = show(qtbot, main_window)
    qtbot.keyClicks(page.search, "anna lee")
    # Name, then title, then notes, although Marcus Adler comes first by name.
    assert names_shown(main_window) == ["Anna Lee", "Ravi Patel", "Marcus Adler"]
    hints = [page.model.index(r, 0).data(HINT_ROLE) for r in range(3)]
    assert hints[:2] == [None, None]
    assert hints[2] is not None and hints[2].startswith("notes: ")
    assert "Anna Lee" in hints[2]
    assert page.view.horizontalHeader().sortIndicatorSection() == -1
    # A header click sorts by that column, search or not.
    header = page.view.horizontalHeader()
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(header.sectionPosition(0) + 5, 5)
    )
    assert names_shown(main_window) == ["Marcus Adler", "Anna Lee", "Ravi Patel"]
    # Erasing the search goes back to the column order; a new search ranks again.
    page.search.clear()
    qtbot.keyClicks(page.search, "lee")
    assert names_shown(main_window)[0] == "Anna Lee"


def test_edits_in_a_long_scrolled_list_refresh_rows_in_place(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    add_people(main_window, 450)
    page = show(qtbot, main_window)
    page.view.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.rowCount() == 450)
    db = main_window.ctx.db
    last = page.model.contact_id(449)
    page.select_contact(last)
    retitle = page.detail.lines["title"]
    retitle.setFocus()
    qtbot.keyClicks(retitle, "Analyst")
    qtbot.keyClick(retitle, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.model.index(449, 2).data() == "Analyst")
    assert page.model.rowCount() == 450  # still the whole list, scrolled where it was
    qtbot.mouseClick(page.detail.archived, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.model.rowCount() == 449)
    assert last not in page.model.ids()
    assert get_contact(db, last).archived


def test_a_search_that_hides_the_open_contact_empties_the_detail_until_erased(
    qtbot: QtBot, main_window: MainWindow, people: dict[str, int]
) -> None:
    page = show(qtbot, main_window)
    page.select_contact(people["ben"])
    qtbot.keyClicks(page.search, "ann")
    assert page.detail.contact_id is None
    assert not page.detail.body.isVisible()
    qtbot.keyClick(page.search, Qt.Key.Key_Escape)
    assert page.detail.contact_id == people["ben"]
    assert page.selected_ids() == [people["ben"]]
