"""The meeting dialog (schedule or edit) and the "mark done" dialog."""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import datetime, timedelta, tzinfo

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from crm.calendar.meetings import (
    DEFAULT_MINUTES,
    MET,
    SCHEDULED,
    MeetingFields,
    MeetingRow,
    default_title,
    stage_offers,
)
from crm.pipeline.stage_offers import StageOffer
from crm.prep.questions import meeting_questions
from crm.store.db import Database
from crm.store.localtime import to_local, to_utc
from crm.wording import plural
from ui.calendar.attendees import AttendeePicker
from ui.calendar.clash_note import ClashNote
from ui.common.dates import date_edit_format
from ui.common.dialogs import Dialog
from ui.common.fields import line_edit, text_box
from ui.dialog_keys import save_cancel_buttons


def to_qdatetime(local: datetime) -> QDateTime:
    return QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))


def from_qdatetime(value: QDateTime) -> datetime:
    d, t = value.date(), value.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


def offer_text(offers: Sequence[StageOffer], stage: str) -> str:
    names = [o.name for o in offers]
    who = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    were = offers[0].stage_name if len({o.stage_name for o in offers}) == 1 else "earlier stages"
    return f"Move {who} to {stage} (now in {were})"


class MeetingDialog(Dialog):
    """Title, start, length, place or link, goal, attendees, notes; offers the move to Scheduled."""

    def __init__(
        self,
        db: Database,
        tz: tzinfo,
        parent: QWidget | None = None,
        *,
        meeting: MeetingRow | None = None,
        people: Sequence[tuple[int, str]] = (),
        start: datetime | None = None,  # local wall-clock time
    ) -> None:
        super().__init__("meetingDialog", "Edit meeting" if meeting else "Schedule meeting", parent)
        self._db, self._tz = db, tz
        self.setMinimumWidth(460)

        self.title = QLineEdit()

        self.title.setObjectName("meetingTitle")
        self._title_auto = meeting is None
        self.title.textEdited.connect(self._title_edited)
        self.start = QDateTimeEdit()
        self.start.setObjectName("meetingStart")
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat(date_edit_format(with_time=True))
        self.duration = QSpinBox()
        self.duration.setObjectName("meetingDuration")
        self.duration.setRange(5, 8 * 60)
        self.duration.setSingleStep(15)
        self.duration.setSuffix(" min")
        self.duration_hint = QLabel(
            "Ask for no more than 30 minutes: a short request is easier to accept."
        )
        self.duration_hint.setWordWrap(True)
        self.duration_hint.setEnabled(False)  # the palette's muted text
        self.clash = ClashNote(db, tz, meeting.id if meeting else None)
        self.location = line_edit("meetingLocation", "Address, phone number or video link")
        self.goal = text_box("meetingGoal", "What do you want to learn from this conversation?")
        self.goal.setFixedHeight(56)
        self.attendees = AttendeePicker(db, self)
        self.attendees.changed.connect(self._attendees_changed)
        self.notes = text_box("meetingNotes")
        self.notes.setFixedHeight(72)
        self.move_box = QCheckBox()
        self.move_box.setObjectName("moveToScheduled")
        self.move_box.setChecked(True)
        self.move_box.setVisible(False)
        self._offers: list[StageOffer] = []

        form = QFormLayout()
        form.addRow("&Title:", self.title)
        form.addRow("&Start:", self.start)
        form.addRow("&Duration:", self.duration)
        form.addRow("", self.duration_hint)
        form.addRow("", self.clash)
        form.addRow("&Where:", self.location)
        form.addRow("&Goal:", self.goal)
        form.addRow("&Attendees:", self.attendees)
        form.addRow("&Notes:", self.notes)
        buttons = save_cancel_buttons(self, ctrl_return=True)
        self.error = QLabel()
        self.error.setStyleSheet("color: #dc2626;")
        self.error.setVisible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.move_box)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

        if meeting is not None:
            local_start = to_local(meeting.start_at, tz)
            self.title.setText(meeting.title)
            self.duration.setValue(int((meeting.end_at - meeting.start_at).total_seconds() // 60))
            self.location.setText(meeting.location)
            self.goal.setPlainText(meeting.goal)
            self.notes.setPlainText(meeting.notes)
            self.attendees.set_people([(a.contact_id, a.name) for a in meeting.attendees])
        else:
            local_start = start or datetime.now().replace(second=0, microsecond=0)
            self.duration.setValue(DEFAULT_MINUTES)
            self.attendees.set_people(people)
        self.start.setDateTime(to_qdatetime(local_start))
        self.duration.valueChanged.connect(self._duration_changed)
        self._duration_changed(self.duration.value())
        self.start.dateTimeChanged.connect(self._check_clash)
        self.duration.valueChanged.connect(self._check_clash)
        self._check_clash()
        self._attendees_changed()
        (self.attendees.search if meeting is None and not people else self.title).setFocus()

    @Slot(str)
    def _title_edited(self, _text: str) -> None:
        self._title_auto = False

    @Slot()
    def _attendees_changed(self) -> None:
        if self._title_auto:
            self.title.setText(default_title(self.attendees.names()))
        self._offers = stage_offers(self._db, self.attendees.ids(), SCHEDULED)
        if self._offers:
            self.move_box.setText(offer_text(self._offers, SCHEDULED))
        self.move_box.setVisible(bool(self._offers))

    @Slot(int)
    def _duration_changed(self, minutes: int) -> None:
        self.duration_hint.setEnabled(minutes <= DEFAULT_MINUTES)
        self.duration_hint.setStyleSheet("" if minutes <= DEFAULT_MINUTES else "color: #b45309;")

    @Slot()
    def _check_clash(self) -> None:
        values = self.fields()
        self.clash.check(values.start_at, values.end_at)

    def local_start(self) -> datetime:
        return from_qdatetime(self.start.dateTime())

    def fields(self) -> MeetingFields:
        start = self.local_start()
        end = start + timedelta(minutes=self.duration.value())
        return MeetingFields(
            title=self.title.text(),
            start_at=to_utc(start, self._tz),
            end_at=to_utc(end, self._tz),
            location=self.location.text(),
            goal=self.goal.toPlainText(),
            notes=self.notes.toPlainText(),
            attendee_ids=self.attendees.ids(),
        )

    def move_ids(self) -> tuple[int, ...]:
        if not self._offers or not self.move_box.isChecked():
            return ()
        return tuple(o.contact_id for o in self._offers)

    def accept(self) -> None:
        if not self.title.text().strip():
            self._fail("Give the meeting a title.")
            self.title.setFocus()
            return
        if not self.attendees.ids() and not self._confirm_no_attendees():
            self.attendees.search.setFocus()
            return
        super().accept()

    def _confirm_no_attendees(self) -> bool:
        answer = QMessageBox.question(
            self,
            "No attendees",
            "Save this meeting without attendees?\n\nIt will not appear in anyone's history, "
            "and no thank-you note is suggested after it.",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Save

    def _fail(self, text: str) -> None:
        self.error.setText(html.escape(text))
        self.error.setVisible(True)


class DoneDialog(Dialog):
    """Notes from the meeting, and the offer to move attendees still behind Met."""

    def __init__(self, db: Database, meeting: MeetingRow, parent: QWidget | None = None) -> None:
        super().__init__("doneDialog", "Mark meeting done", parent)
        self.setMinimumWidth(440)
        heading = QLabel(f"<b>{html.escape(meeting.title)}</b>")
        heading.setTextFormat(Qt.TextFormat.RichText)
        self.notes = text_box("doneNotes", "What did you learn? What did you promise?")
        self.notes.setPlainText(meeting.notes)
        self._offers = stage_offers(db, meeting.attendee_ids, MET)
        self.move_box = QCheckBox()
        self.move_box.setObjectName("moveToMet")
        self.move_box.setChecked(True)
        if self._offers:
            self.move_box.setText(offer_text(self._offers, MET))
        self.move_box.setVisible(bool(self._offers))
        asked = len(meeting_questions(db, meeting.id))
        self.record_box = QCheckBox(f"Then record their answers to the {plural(asked, 'question')}")
        self.record_box.setObjectName("recordAnswersAfter")
        self.record_box.setChecked(asked > 0)
        self.record_box.setVisible(asked > 0)
        note = QLabel(
            "Each attendee's history gets this meeting with your notes."
            if meeting.attendees
            else "This meeting has no attendees, so no history entry is written."
        )
        note.setWordWrap(True)
        note.setEnabled(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        done = buttons.addButton("Mark done", QDialogButtonBox.ButtonRole.AcceptRole)
        done.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        notes_label = QLabel("&Notes:")
        notes_label.setBuddy(self.notes)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(notes_label)
        layout.addWidget(self.notes, 1)
        layout.addWidget(note)
        layout.addWidget(self.move_box)
        layout.addWidget(self.record_box)
        layout.addWidget(buttons)
        self.notes.setFocus()

    def move_ids(self) -> tuple[int, ...]:
        if not self._offers or not self.move_box.isChecked():
            return ()
        return tuple(o.contact_id for o in self._offers)
