"""The column-mapping step for a CSV whose layout Rapport does not know."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crm.importing import FIELDS, Target, guess_mapping
from crm.importing.csv_mapping import is_usable
from ui.common.fields import named
from ui.importing.models import SampleRowsModel

SAMPLE_ROWS = 5


class MappingPage(QWidget):
    """A field chooser per column, pre-set from the headers, above the first rows."""

    changed = Signal()

    def __init__(
        self, headers: Sequence[str], rows: Sequence[Sequence[str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importMapping")
        self.headers = tuple(headers)
        intro = QLabel(
            "Rapport does not know this layout. Say what each column holds; "
            "the first rows of the file are shown below."
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        self.combos: list[QComboBox] = []
        for header, target in zip(self.headers, guess_mapping(self.headers), strict=True):
            combo = QComboBox()
            combo.setAccessibleName(f"Column {header}")
            for key, title in FIELDS.items():
                combo.addItem(title, key)
            combo.setCurrentIndex(combo.findData(target.field if target else "ignore"))
            combo.currentIndexChanged.connect(self.changed)
            self.combos.append(combo)
            form.addRow(header or "(no header)", combo)
        holder = QWidget()
        holder.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidget(holder)
        scroll.setWidgetResizable(True)
        self.sample = named(QTableView(), "importSampleRows")
        self.sample.setModel(SampleRowsModel(self.headers, rows[:SAMPLE_ROWS]))
        self.sample.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.sample.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.sample.verticalHeader().setVisible(False)
        self.sample.setMaximumHeight(170)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(QLabel("First rows of the file:"))
        layout.addWidget(self.sample)

    def mapping(self) -> list[Target | None]:
        targets: list[Target | None] = []
        for combo in self.combos:
            field = str(combo.currentData())
            targets.append(None if field == "ignore" else Target(field))
        return targets

    def is_usable(self) -> bool:
        return is_usable(self.mapping())
