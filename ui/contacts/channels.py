"""The editor of a contact's emails, phones and links: one row per channel."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from crm.contacts.service import Channel
from ui.common.elided_edit import ElidedLineEdit
from ui.contacts.channel_value import ChannelValueActions, IconCombo
from ui.icons import icon

KINDS = (("email", "Email"), ("phone", "Phone"), ("url", "Link"), ("social", "Social"))
LABELS = {
    "email": ("work", "home", "other"),
    "phone": ("mobile", "work", "home", "other"),
    "url": ("website", "portfolio", "blog", "other"),
    "social": ("twitter", "mastodon", "github", "other"),
}
KIND_ICONS = {"email": "email", "phone": "call", "url": "link", "social": "message"}
PLACEHOLDERS = {
    "email": "name@example.com",
    "phone": "+1 555 0100",
    "url": "https://…",
    "social": "@handle",
}


def _value_needs(value: QLineEdit) -> int:
    """The width that shows a value whole, with the open and warning signs inside it."""
    text = value.text() or value.placeholderText()
    shown = sum(1 for action in value.actions() if action.isVisible())
    # Each sign is a 16-pixel icon in a 22-pixel button, 4 apart (QLineEdit's side widgets);
    # the frame and the text's own margins take about 12 more.
    return value.fontMetrics().horizontalAdvance(text) + 26 * shown + 12


class ChannelRow:
    """The widgets of one channel: kind, label, value and a remove button."""

    def __init__(self, editor: ChannelsEditor, channel: Channel) -> None:
        self.kind = IconCombo()
        for key, title in KINDS:
            self.kind.addItem(icon(KIND_ICONS[key]), title, key)
        index = self.kind.findData(channel.kind)
        self.kind.setCurrentIndex(max(index, 0))
        self.kind.setAccessibleName("Kind")
        self.kind.setToolTip(self.kind.currentText())
        self.kind.currentTextChanged.connect(self.kind.setToolTip)
        self.label = QComboBox()
        self.label.setEditable(True)
        self.label.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.label.setAccessibleName("Label")
        self.label.setMinimumContentsLength(5)
        # Wide enough for the usual labels ("website"); longer ones are read in the list.
        self.label.setFixedWidth(self.label.fontMetrics().horizontalAdvance("website") + 34)
        self.label.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self._fill_labels()
        self.label.setEditText(channel.label)
        self.value = ElidedLineEdit(channel.value)
        self.value.setCursorPosition(0)
        self.value.setMinimumWidth(self.value.fontMetrics().horizontalAdvance("name@example"))
        self.value.setAccessibleName("Value")
        self.value.setPlaceholderText(PLACEHOLDERS.get(self.kind_key(), ""))
        self.value_actions = ChannelValueActions(self.value, self.kind_key)
        self.remove = QToolButton()
        self.remove.setIcon(icon("delete"))
        self.remove.setToolTip("Remove")
        self.remove.setAccessibleName("Remove channel")
        self.remove.setAutoRaise(True)

        self.kind.activated.connect(lambda _i: self._kind_changed(editor))
        label_line = self.label.lineEdit()
        assert label_line is not None
        label_line.editingFinished.connect(editor.commit)
        self.label.textActivated.connect(lambda _t: editor.commit())
        self.value.editingFinished.connect(editor.commit)
        self.remove.clicked.connect(lambda: editor.remove_row(self))

    def kind_key(self) -> str:
        return str(self.kind.currentData())

    def _fill_labels(self) -> None:
        text = self.label.currentText()
        self.label.clear()
        self.label.addItems(list(LABELS.get(self.kind_key(), ())))
        self.label.setEditText(text)

    def _kind_changed(self, editor: ChannelsEditor) -> None:
        self._fill_labels()
        self.value.setPlaceholderText(PLACEHOLDERS.get(self.kind_key(), ""))
        self.value_actions.check()
        editor.commit()

    def channel(self) -> Channel:
        return Channel(self.kind_key(), self.value.text().strip(), self.label.currentText().strip())

    def widgets(self) -> tuple[QWidget, ...]:
        return (self.kind, self.label, self.value, self.remove)


class ChannelsEditor(QWidget):
    """Rows of channels plus an "Add" menu; emits the whole list when any row is committed."""

    edited = Signal(tuple)  # tuple[Channel, ...]

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ChannelRow] = []
        self._shown: tuple[Channel, ...] = ()
        self._wide = False
        self._grid = QGridLayout()
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(6)
        self._grid.setVerticalSpacing(4)
        self._grid.setColumnStretch(2, 1)

        self.add_button = QToolButton()
        self.add_button.setText("Add email, phone or link")
        self.add_button.setIcon(icon("link"))
        self.add_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.add_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.add_button)
        for key, title in KINDS:
            action = menu.addAction(title)
            action.triggered.connect(lambda _c=False, k=key: self.add_row(k))
        self.add_button.setMenu(menu)

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._grid)
        layout.addLayout(buttons)

    def channels(self) -> tuple[Channel, ...]:
        return tuple(c for c in (r.channel() for r in self._rows) if c.value)

    def set_channels(self, channels: tuple[Channel, ...]) -> None:
        """Show `channels`; rows being typed into survive when nothing really changed."""
        self._shown = channels
        if channels == self.channels():
            return
        self._clear_rows()
        for channel in channels:
            self._append(channel)

    def _clear_rows(self) -> None:
        for row in self._rows:
            for widget in row.widgets():
                self._grid.removeWidget(widget)
                widget.deleteLater()
        self._rows = []

    def _append(self, channel: Channel) -> ChannelRow:
        row = ChannelRow(self, channel)
        self._rows.append(row)
        self._place(row, len(self._rows) - 1)
        for widget in row.widgets():
            # Qt quirk: a layout shows a new child later (queued) and only if its parent is
            # visible then; one added while the Details tab is hidden could stay hidden.
            # Shown explicitly, it appears whenever its parent does (and focus works now).
            widget.show()
        row.value.textChanged.connect(self._arrange)
        self._arrange()
        return row

    def _place(self, row: ChannelRow, n: int) -> None:
        """Put a row's widgets in the grid: the value beside kind and label where it fits
        whole, else on a line of its own under them (two grid lines per channel)."""
        for widget in row.widgets():
            self._grid.removeWidget(widget)
        self._grid.addWidget(row.kind, 2 * n, 0)
        self._grid.addWidget(row.label, 2 * n, 1)
        self._grid.addWidget(row.remove, 2 * n, 3)
        if self._wide:
            self._grid.addWidget(row.value, 2 * n, 2)
        else:
            self._grid.addWidget(row.value, 2 * n + 1, 0, 1, 4)

    def value_room(self) -> int:
        """The width a value field has beside its kind and label, in this editor's width."""
        if not self._rows:
            return self.width()
        row = self._rows[0]
        beside = row.kind.sizeHint().width() + row.label.width() + row.remove.sizeHint().width()
        return self.width() - beside - 3 * self._grid.horizontalSpacing()

    @Slot()
    def _arrange(self) -> None:
        wide = all(self.value_room() >= _value_needs(r.value) for r in self._rows)
        if wide != self._wide:
            self._wide = wide
            for n, row in enumerate(self._rows):
                self._place(row, n)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange()

    @Slot(str)
    def add_row(self, kind: str) -> None:
        label = LABELS.get(kind, ("",))[0]
        row = self._append(Channel(kind, "", label))
        row.value.setFocus()

    def remove_row(self, row: ChannelRow) -> None:
        remaining = [r.channel() for r in self._rows if r is not row]
        self._clear_rows()
        for channel in remaining:
            self._append(channel)
        self.commit()

    @Slot()
    def commit(self) -> None:
        channels = self.channels()
        if channels != self._shown:
            self._shown = channels
            self.edited.emit(channels)
