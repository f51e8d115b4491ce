"""The small forms that add an opening (pasting its link) or an application."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from crm.companies.service import CompanyContact
from crm.targets.applications import ApplicationFields, OpeningFields, OpeningRow
from ui.common.dates import date_edit_format
from ui.common.dialogs import Dialog
from ui.dialog_keys import ok_cancel_buttons


def _buttons(dialog: QDialog, layout: QFormLayout) -> QDialogButtonBox:
    buttons = ok_cancel_buttons(dialog)
    layout.addRow(buttons)
    return buttons


class OpeningForm(Dialog):
    """An opening: paste the posting's link and type its title (nothing is fetched)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("openingForm", "Add opening", parent)
        self.url = QLineEdit()
        self.url.setObjectName("openingUrl")
        self.url.setPlaceholderText("Paste the job posting's link")
        self.title = QLineEdit()
        self.title.setObjectName("openingTitle")
        self.source = QLineEdit()
        self.source.setPlaceholderText("Company site, LinkedIn, a contact…")
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(70)
        form = QFormLayout(self)
        form.addRow("&Link:", self.url)
        form.addRow("&Title:", self.title)
        form.addRow("&Source:", self.source)
        form.addRow("&Notes:", self.notes)
        ok = _buttons(self, form).button(QDialogButtonBox.StandardButton.Ok)
        self.title.textChanged.connect(lambda text: ok.setEnabled(bool(text.strip())))
        ok.setEnabled(False)
        self.resize(460, self.sizeHint().height())

    def fields(self) -> OpeningFields:
        return OpeningFields(
            self.title.text(), self.url.text(), self.source.text(), None, self.notes.toPlainText()
        )


class ApplicationForm(Dialog):
    """An application: the role, the opening it answers, the people involved."""

    ROLES = (
        ("referred_by", "&Referred by:"),
        ("recruiter", "R&ecruiter:"),
        ("interviewer", "&Interviewer:"),
    )

    def __init__(
        self,
        openings: list[OpeningRow],
        people: list[CompanyContact],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("applicationForm", "Add application", parent)
        self.title = QLineEdit()
        self.title.setObjectName("applicationTitle")
        self.opening = QComboBox()
        self.opening.addItem("(none)", None)
        for o in openings:
            self.opening.addItem(o.title, o.id)
        self.opening.activated.connect(self._take_title)
        form = QFormLayout(self)
        form.addRow("&Opening:", self.opening)
        form.addRow("&Role:", self.title)
        self.has_deadline = QCheckBox("&Deadline:")
        self.has_deadline.setObjectName("hasDeadline")
        self.deadline = QDateEdit(QDate.currentDate().addDays(14))
        self.deadline.setObjectName("applicationDeadline")
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat(date_edit_format())
        self.deadline.setEnabled(False)
        self.has_deadline.toggled.connect(self.deadline.setEnabled)
        deadline_row = QHBoxLayout()
        deadline_row.addWidget(self.deadline, 1)
        form.addRow(self.has_deadline, deadline_row)
        self.people: dict[str, QComboBox] = {}
        for role, label in self.ROLES:
            box = QComboBox()
            box.setObjectName(f"{role}Box")
            box.addItem("(nobody)", None)
            for p in people:
                box.addItem(p.name, p.id)
            self.people[role] = box
            form.addRow(label, box)
        ok = _buttons(self, form).button(QDialogButtonBox.StandardButton.Ok)
        self.title.textChanged.connect(lambda text: ok.setEnabled(bool(text.strip())))
        ok.setEnabled(False)
        self.resize(420, self.sizeHint().height())

    def _take_title(self, _index: int) -> None:
        if not self.title.text().strip() and self.opening.currentData() is not None:
            self.title.setText(self.opening.currentText())

    def fields(self) -> ApplicationFields:
        deadline: date | None = None
        if self.has_deadline.isChecked():
            deadline = self.deadline.date().toPython()  # type: ignore[assignment]
        return ApplicationFields(
            self.title.text(), opening_id=self.opening.currentData(), deadline=deadline
        )

    def contacts(self) -> tuple[tuple[int, str], ...]:
        return tuple(
            (box.currentData(), role)
            for role, box in self.people.items()
            if box.currentData() is not None
        )
