"""Editing after adding: an application's dates (applied on, deadline, next interview) and
an opening's details, each one undoable step."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QWidget,
)

from crm.changes import Changes
from crm.store.db import Database
from crm.targets.applications import (
    ApplicationDates,
    ApplicationRow,
    OpeningFields,
    OpeningRow,
    set_dates,
    update_opening,
)
from ui.common.dates import date_edit_format
from ui.common.dialogs import Dialog
from ui.common.undo import SetCommand
from ui.companies.job_forms import OpeningForm
from ui.dialog_keys import ok_cancel_buttons
from ui.hub import Hub


def _dates(db: Database, application_id: int, dates: ApplicationDates) -> Changes:
    return set_dates(db, application_id, dates)[1]


def _opening(db: Database, opening_id: int, fields: OpeningFields) -> Changes:
    return update_opening(db, opening_id, fields)[1]


class SetDatesCommand(SetCommand[int, ApplicationDates]):
    def __init__(self, db: Database, hub: Hub, row: ApplicationRow, new: ApplicationDates) -> None:
        old = ApplicationDates(row.applied_on, row.deadline, row.interview_on)
        super().__init__(db, hub, f"Change the dates of {row.title}", _dates, row.id, old, new)


class EditOpeningCommand(SetCommand[int, OpeningFields]):
    def __init__(self, db: Database, hub: Hub, row: OpeningRow, new: OpeningFields) -> None:
        old = OpeningFields(row.title, row.url, row.source, row.seen_on, row.notes)
        super().__init__(db, hub, f"Edit the opening {row.title}", _opening, row.id, old, new)


class OptionalDate:
    """A date that may be left out: a check box naming it and a date field beside it."""

    def __init__(self, label: str, name: str, value: date | None, parent: QWidget) -> None:
        self.check = QCheckBox(label, parent)
        self.check.setObjectName(f"has{name}")
        self.edit = QDateEdit(parent)
        self.edit.setObjectName(f"application{name}")
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat(date_edit_format())
        if value is None:
            self.edit.setDate(QDate.currentDate())
        else:
            self.edit.setDate(QDate(value.year, value.month, value.day))
        self.check.setChecked(value is not None)
        self.edit.setEnabled(value is not None)
        self.check.toggled.connect(self.edit.setEnabled)

    def value(self) -> date | None:
        if not self.check.isChecked():
            return None
        picked: date = self.edit.date().toPython()  # type: ignore[assignment]
        return picked


class DatesForm(Dialog):
    """When the user applied, the deadline to apply by, and the next interview."""

    def __init__(self, row: ApplicationRow, parent: QWidget | None = None) -> None:
        super().__init__("applicationDatesForm", f"Dates: {row.title}", parent)
        self.applied = OptionalDate("&Applied on:", "AppliedOn", row.applied_on, self)
        self.deadline = OptionalDate("&Deadline:", "Deadline", row.deadline, self)
        self.interview = OptionalDate("&Interview on:", "InterviewOn", row.interview_on, self)
        form = QFormLayout(self)
        for field in (self.applied, self.deadline, self.interview):
            form.addRow(field.check, field.edit)
        form.addRow(ok_cancel_buttons(self))

    def dates(self) -> ApplicationDates:
        return ApplicationDates(self.applied.value(), self.deadline.value(), self.interview.value())


class EditOpeningForm(OpeningForm):
    """The opening form filled with an opening's details, and the day it was seen."""

    def __init__(self, row: OpeningRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Edit opening: {row.title}")
        self.url.setText(row.url)
        self.url.setCursorPosition(0)  # the start of a long link: its site
        self.title.setText(row.title)
        self.source.setText(row.source)
        self.notes.setPlainText(row.notes)
        self.seen = OptionalDate("S&een on:", "SeenOn", row.seen_on, self)
        form = self.layout()
        assert isinstance(form, QFormLayout)
        form.insertRow(3, self.seen.check, self.seen.edit)

    def fields(self) -> OpeningFields:
        typed = super().fields()
        return OpeningFields(typed.title, typed.url, typed.source, self.seen.value(), typed.notes)
