"""The one setup of a table that lists rows (companies, openings, backups, duplicates, …):
whole rows selected, no row numbers, not edited in place unless asked, columns sized as
the caller says; the setup lists share; and which rows are selected."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypeVar

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QListView, QTableView

from ui.common.rows_model import RowsModel

R = TypeVar("R")

Selection = QAbstractItemView.SelectionMode
Edit = QAbstractItemView.EditTrigger


def rows_table(
    view: QTableView,
    name: str,
    model: QAbstractItemModel,
    *,
    accessible_name: str = "",
    selection: Selection = Selection.SingleSelection,
    edit: Edit = Edit.NoEditTriggers,
    grid: bool = False,
    stretch: Sequence[int] = (),
    fit: Sequence[int] = (),
    widths: Mapping[int, int] | None = None,
) -> QTableView:
    """Set `view` up to list `model`'s rows and return it.

    Rows are striped, one line each, without a grid, unless `grid` (a table comparing
    cells, as the duplicates and conflicts dialogs do). `stretch` columns share the spare
    width, `fit` columns are as wide as their contents, `widths` sets starting widths.
    """
    view.setObjectName(name)
    if accessible_name:
        view.setAccessibleName(accessible_name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(selection)
    view.setEditTriggers(edit)
    if not grid:
        view.setAlternatingRowColors(True)
        view.setShowGrid(False)
        view.setWordWrap(False)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    for column in stretch:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    for column in fit:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    for column, width in (widths or {}).items():
        view.setColumnWidth(column, width)
    return view


def rows_list(name: str, model: QAbstractItemModel, accessible_name: str) -> QListView:
    """A list of `model`'s rows, named for tests and screen readers."""
    view = QListView()
    view.setObjectName(name)
    view.setAccessibleName(accessible_name)
    view.setModel(model)
    return view


def selected_rows(view: QAbstractItemView) -> list[int]:
    """The numbers of the rows selected in `view`, top to bottom."""
    return sorted({index.row() for index in view.selectionModel().selectedRows()})


def selected_row(view: QAbstractItemView, model: RowsModel[R]) -> R | None:
    """The row selected in a single-selection `view` of `model`; None when there is none."""
    rows = selected_rows(view)
    return model.row_at(rows[0]) if rows else None
