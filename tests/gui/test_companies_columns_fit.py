"""The companies list shares its width: a location or an industry is not cut to leave a
name room it does not need."""

from __future__ import annotations

from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from crm.changes import EVERYTHING
from crm.samples.data import load_sample_data
from ui.main_window import MainWindow


def test_at_the_default_size_locations_and_industries_show_whole_where_there_is_room(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    load_sample_data(main_window.ctx.db)
    main_window.ctx.hub.apply(EVERYTHING)
    main_window.resize(1240, 780)
    main_window.show()
    qtbot.waitExposed(main_window)
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
