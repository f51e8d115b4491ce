"""The board's filter bar: search text (same search as Contacts), a tag and a company."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from crm.pipeline.board import BoardFilter
from ui.common.fields import line_edit, named
from ui.icons import icon


class FilterBar(QWidget):
    """Emits `filterChanged` whenever what the board should show changes."""

    filterChanged = Signal(object)  # BoardFilter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = line_edit(
            "pipelineFilter",
            "Filter cards: name, company, title, email… (Esc clears)",
            accessible_name="Filter cards",
        )
        self.text.setClearButtonEnabled(True)
        self.text.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.tag = named(QComboBox(), "pipelineTagFilter", "Filter by tag")
        self.tag.setMinimumContentsLength(12)
        self.company = named(QComboBox(), "pipelineCompanyFilter", "Filter by company")
        self.company.setMinimumContentsLength(16)
        self.company.setMaxVisibleItems(20)
        self.clear_button = QToolButton()
        self.clear_button.setText("Clear")
        self.clear_button.setToolTip("Show every card (Esc)")
        self.clear_button.clicked.connect(self.clear)
        self.matches = named(QLabel(), "pipelineMatches")
        self._layout = layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 0)
        layout.addWidget(self.text, 3)
        layout.addWidget(self.tag, 1)
        layout.addWidget(self.company, 1)
        layout.addWidget(self.clear_button)
        layout.addWidget(self.matches)
        self.set_choices([], [])
        self.text.textChanged.connect(self._changed)
        self.tag.currentIndexChanged.connect(self._changed)
        self.company.currentIndexChanged.connect(self._changed)
        self._update_clear()

    def add_widget(self, widget: QWidget) -> None:
        self._layout.addWidget(widget)

    def set_choices(self, tags: list[tuple[int, str]], companies: list[tuple[int, str]]) -> None:
        """Offer these tags and companies, keeping the current choice when it still exists."""
        for combo, everything, choices in (
            (self.tag, "All tags", tags),
            (self.company, "All companies", companies),
        ):
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, None)
            for item_id, name in choices:
                combo.addItem(name, item_id)
            at = combo.findData(chosen) if chosen is not None else 0
            combo.setCurrentIndex(max(0, at))
            combo.blockSignals(False)
            if chosen is not None and at < 0:
                self._changed()

    def current(self) -> BoardFilter:
        return BoardFilter(self.text.text(), self.tag.currentData(), self.company.currentData())

    def clear(self) -> None:
        was = self.current()
        for widget in (self.text, self.tag, self.company):
            widget.blockSignals(True)
        self.text.clear()
        self.tag.setCurrentIndex(0)
        self.company.setCurrentIndex(0)
        for widget in (self.text, self.tag, self.company):
            widget.blockSignals(False)
        if was != self.current():
            self._changed()

    def show_matches(self, shown: int | None) -> None:
        text = "" if shown is None else f"{shown:,} match{'es' * (shown != 1)}"
        if text != self.matches.text():  # a new text relayouts the bar: only when needed
            self.matches.setText(text)

    def _update_clear(self) -> None:
        self.clear_button.setEnabled(not self.current().is_empty)

    def _changed(self) -> None:
        self._update_clear()
        self.filterChanged.emit(self.current())
