"""Small editors of the detail panel: company combo, contact picker and tags entry."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QStringListModel, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLineEdit,
    QToolButton,
    QWidget,
)

from crm.contacts.listing import ContactChoice, contact_choices
from crm.store.db import Database
from ui.common.indexes import Index


class CompanyCombo(QComboBox):
    """An editable combo of existing companies; typing a new name creates it on commit."""

    committed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self._names = QStringListModel(self)
        self.setModel(self._names)
        completer = QCompleter(self._names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        line = self.line()
        line.setPlaceholderText("Company")
        line.editingFinished.connect(self._commit)
        self.textActivated.connect(lambda _text: self._commit())

    def line(self) -> QLineEdit:
        line = self.lineEdit()
        assert line is not None  # the combo is editable
        return line

    def set_names(self, names: list[str]) -> None:
        text = self.currentText()
        self._names.setStringList(names)
        self.setEditText(text)

    def set_company(self, name: str) -> None:
        self.setEditText(name)
        self.line().setCursorPosition(0)
        self.line().setModified(False)

    @Slot()
    def _commit(self) -> None:
        self.committed.emit(" ".join(self.currentText().split()))


class ContactPicker(QWidget):
    """Pick another contact by typing part of a name (searched as you type), or clear it."""

    picked = Signal(object)  # int | None

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._choices: list[ContactChoice] = []
        self._current_id: int | None = None
        self._current_name = ""
        self.exclude: int | None = None

        self.edit = QLineEdit()
        self.edit.setPlaceholderText("Type a name…")
        self._model = QStringListModel(self)
        self._completer = QCompleter(self._model, self)
        # The list is already the search result; the completer must not filter it again.
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.edit.setCompleter(self._completer)
        self._completer.activated[QModelIndex].connect(self._on_activated)  # type: ignore[index]
        self.edit.textEdited.connect(self._search)
        self.edit.editingFinished.connect(self._on_finished)

        self.clear_button = QToolButton()
        self.clear_button.setText("Clear")
        self.clear_button.setToolTip("No referrer")
        self.clear_button.setAccessibleName("Clear referrer")
        self.clear_button.clicked.connect(self._clear)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.clear_button)

    def set_contact(self, contact_id: int | None, name: str) -> None:
        self._current_id = contact_id
        self._current_name = name if contact_id is not None else ""
        self.edit.setText(self._current_name)
        self.edit.setModified(False)
        self.clear_button.setEnabled(contact_id is not None)

    def current_id(self) -> int | None:
        return self._current_id

    @Slot(str)
    def _search(self, text: str) -> None:
        self._choices = contact_choices(self._db, text, limit=12, exclude=self.exclude)
        self._model.setStringList([c.label for c in self._choices])
        if self._choices:
            self._completer.complete()

    @Slot(QModelIndex)
    def _on_activated(self, index: QModelIndex) -> None:
        if 0 <= index.row() < len(self._choices):
            choice = self._choices[index.row()]
            self.set_contact(choice.id, choice.name)
            self.picked.emit(choice.id)

    @Slot()
    def _on_finished(self) -> None:
        text = self.edit.text().strip()
        if not text and self._current_id is not None:
            self._clear()
        elif text != self._current_name:
            # Only a picked contact counts: a half-typed name goes back to the current one.
            self.edit.setText(self._current_name)

    @Slot()
    def _clear(self) -> None:
        was = self._current_id
        self.set_contact(None, "")
        if was is not None:
            self.picked.emit(None)


class _CommaCompleter(QCompleter):
    """Completes the last comma-separated word of a line edit."""

    def pathFromIndex(self, index: Index) -> str:
        line = self.widget()
        assert isinstance(line, QLineEdit)
        head = line.text().rsplit(",", 1)[0] if "," in line.text() else ""
        chosen = str(index.data())
        return f"{head}, {chosen}, " if head else f"{chosen}, "

    def splitPath(self, path: str) -> list[str]:
        return [path.rsplit(",", 1)[-1].strip()]


class TagsEdit(QLineEdit):
    """Tags as comma-separated words, completing existing tag names."""

    committed = Signal(tuple)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("Comma-separated, e.g. mentor, design")
        self._names = QStringListModel(self)
        completer = _CommaCompleter(self._names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(completer)
        self.editingFinished.connect(lambda: self.committed.emit(self.tags()))

    def set_names(self, names: list[str]) -> None:
        self._names.setStringList(names)

    def set_tags(self, tags: tuple[str, ...]) -> None:
        self.setText(", ".join(tags))
        self.setModified(False)

    def tags(self) -> tuple[str, ...]:
        seen: dict[str, str] = {}
        for raw in self.text().split(","):
            name = " ".join(raw.split())
            if name and name.lower() not in seen:
                seen[name.lower()] = name
        return tuple(seen.values())
