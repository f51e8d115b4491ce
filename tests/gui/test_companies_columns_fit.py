"""The companies list shares its width: a location or an industry is not cut to leave a
name room it does not need."""

from __future__ import annotations

from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from tests.gui.windows import with_samples
from ui.main_window import MainWindow


def test_at_the_default_size_locations_and_industries_show_whole_where_there_is_room(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    with_samples(main_window, qtbot)
    main_window.show_page("companies")
    view = main_window.findChild(QTableView, "companiesView")
    assert view is not None
    qtbot.waitUntil(lambda: view.model().rowCount() > 10)
    model = view.model()
    names = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert "Orbital Freight" in names  # in Rotterdam, Netherlands: the longest location
    for column in (0, 3):  # every name and every location whole
        assert view.columnWidth(column) >= view.sizeHintForColumn(column)
    # The count is a number: its column is no wider than its header needs.
    assert view.columnWidth(1) <= view.horizontalHeader().sectionSizeHint(1) + 10
    assert not view.horizontalScrollBar().isVisible()
