"""A searchable picker of one or more contacts (meeting attendees, a follow-up's contact)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from crm.contacts.listing import ContactChoice, contact_choices
from crm.store.db import Database
from ui.common.rows_model import RowsModel
from ui.common.tables import rows_list, selected_rows
from ui.dialog_keys import PickerField


class ChosenModel(RowsModel[tuple[int, str]]):
    """Contacts as (id, text) pairs in order: the ones picked, or the matches offered."""

    @property
    def people(self) -> list[tuple[int, str]]:
        return self._rows

    def row_data(self, person: tuple[int, str], column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return person[1]
        if role == Qt.ItemDataRole.UserRole:
            return person[0]
        return None

    def add(self, contact_id: int, name: str) -> bool:
        if any(p[0] == contact_id for p in self.people):
            return False
        self.append_row((contact_id, name))
        return True


class AttendeePicker(QWidget):
    """Type part of a name: matches are listed below; Enter (or a click) adds the highlighted
    one, Up and Down move the highlight. With `single=True` a new pick replaces the current one.

    The matches are an inline list rather than a QCompleter popup: a popup window grabs the
    keyboard, which some platforms refuse, and a list in the dialog stays put while typing.
    """

    changed = Signal()

    def __init__(
        self, db: Database, parent: QWidget | None = None, *, single: bool = False
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._single = single
        self._choices: list[ContactChoice] = []

        self.search = PickerField()
        self.search.setObjectName("attendeeSearch")
        self.search.setPlaceholderText(
            "Type a name to add a contact…" if not single else "Type a name…"
        )
        self.search.setAccessibleName("Find contact")
        self.search.setClearButtonEnabled(True)
        self.search.textEdited.connect(self._find)
        self.search.returnPressed.connect(self._take_current)
        self.search.installEventFilter(self)
        self.matches = ChosenModel(self)
        self.match_list = rows_list("attendeeMatches", self.matches, "Matching contacts")
        self.match_list.setMaximumHeight(96)
        self.match_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.match_list.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.match_list.clicked.connect(self._take)
        self.match_list.setVisible(False)

        self.chosen = ChosenModel(self)
        self.list = rows_list("attendeeList", self.chosen, "Attendees" if not single else "Contact")
        self.list.setMaximumHeight(64 if not single else 26)
        self.list.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.remove_button = QToolButton()
        self.remove_button.setText("Remove")
        self.remove_button.setToolTip("Remove the selected contact (Delete)")
        self.remove_button.clicked.connect(self._remove_selected)
        remove = QShortcut(QKeySequence.StandardKey.Delete, self.list)
        remove.setContext(Qt.ShortcutContext.WidgetShortcut)
        remove.activated.connect(self._remove_selected)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.list, 1)
        row.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.match_list)
        layout.addLayout(row)

    def ids(self) -> tuple[int, ...]:
        return tuple(p[0] for p in self.chosen.people)

    def names(self) -> list[str]:
        return [p[1] for p in self.chosen.people]

    def add(self, contact_id: int, name: str) -> None:
        if self._single:
            while self.chosen.people:
                self.chosen.remove_row(0)
        if self.chosen.add(contact_id, name):
            self.changed.emit()

    def set_people(self, people: Sequence[tuple[int, str]]) -> None:
        for contact_id, name in people:
            self.chosen.add(contact_id, name)
        self.changed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(Qt.Key(event.key()))
            if step and self._choices:
                row = self.match_list.currentIndex().row() + step
                row = max(0, min(len(self._choices) - 1, row))
                self.match_list.setCurrentIndex(self.matches.index(row))
                return True
        return super().eventFilter(watched, event)

    @Slot(str)
    def _find(self, text: str) -> None:
        self._choices = contact_choices(self._db, text, limit=8) if text.strip() else []
        self.matches.set_rows([(c.id, c.label) for c in self._choices])
        self.match_list.setVisible(bool(self._choices))
        if self._choices:
            self.match_list.setCurrentIndex(self.matches.index(0))

    @Slot(QModelIndex)
    def _take(self, index: QModelIndex) -> None:
        if 0 <= index.row() < len(self._choices):
            choice = self._choices[index.row()]
            self.add(choice.id, choice.name)
            self.search.clear()
            self._find("")
            self.search.setFocus()

    @Slot()
    def _take_current(self) -> None:
        if not self._choices and self.search.text().strip():
            self._find(self.search.text())
        if self._choices:
            current = self.match_list.currentIndex()
            self._take(current if current.isValid() else self.matches.index(0))

    @Slot()
    def _remove_selected(self) -> None:
        rows = selected_rows(self.list)[::-1]  # from the bottom up, so rows keep their numbers
        if not rows and self.list.currentIndex().isValid():
            rows = [self.list.currentIndex().row()]
        for row in rows:
            self.chosen.remove_row(row)
        if rows:
            self.changed.emit()
