"""The dialog that adds a follow-up to a contact: who, what and by when."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from crm.store.db import Database
from ui.calendar.attendees import AttendeePicker
from ui.common.dates import date_edit_format
from ui.common.dialogs import Dialog
from ui.dialog_keys import save_cancel_buttons

SUGGESTIONS = (
    "Send a thank-you note",
    "Check in",
    "Share an update on my search",
    "Send the article we talked about",
    "Ask for an introduction",
)


class FollowUpDialog(Dialog):
    def __init__(
        self,
        db: Database,
        due: date,
        parent: QWidget | None = None,
        *,
        contact: tuple[int, str] | None = None,
    ) -> None:
        super().__init__("followUpDialog", "Add follow-up", parent)
        self.setMinimumWidth(400)
        self.contact = AttendeePicker(db, self, single=True)
        if contact is not None:
            self.contact.set_people([contact])
        self.title = QComboBox()
        self.title.setObjectName("followUpTitle")
        self.title.setEditable(True)
        self.title.addItems(SUGGESTIONS)
        self.title.setCurrentText("Check in")
        self.due = QDateEdit()
        self.due.setObjectName("followUpDue")
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat(date_edit_format())
        self.due.setDate(QDate(due.year, due.month, due.day))
        self.error = QLabel()
        self.error.setStyleSheet("color: #dc2626;")
        self.error.setVisible(False)
        form = QFormLayout()
        form.addRow("&Contact:", self.contact)
        form.addRow("&What:", self.title)
        form.addRow("&Due:", self.due)
        buttons = save_cancel_buttons(self, ctrl_return=True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        (self.title if contact else self.contact.search).setFocus()

    def contact_id(self) -> int | None:
        ids = self.contact.ids()
        return ids[0] if ids else None

    def contact_name(self) -> str:
        names = self.contact.names()
        return names[0] if names else ""

    def title_text(self) -> str:
        return " ".join(self.title.currentText().split())

    def due_date(self) -> date:
        d = self.due.date()
        return date(d.year(), d.month(), d.day())

    def accept(self) -> None:
        if self.contact_id() is None:
            self._fail("Choose the contact this follow-up is for.")
            return
        if not self.title_text():
            self._fail("Say what to do.")
            return
        super().accept()

    def _fail(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(True)
