"""The prep dialog: goal, questions and a live preview of the sheet; print, PDF, answers."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from PySide6.QtCore import QDateTime, Qt, QTimer, Slot
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from crm.calendar.meetings import MeetingFields, default_title
from crm.contacts.service import get_contact
from crm.errors import NotFoundError
from crm.prep.finding import next_planned_meeting
from crm.prep.prep_state import get_prep_state
from crm.prep.questions import ChosenQuestion
from crm.prep.sheet import MeetingInfo, PrepSheet, build_prep_sheet
from crm.store.localtime import local_zone, to_local, to_utc
from ui.common.dates import date_edit_format
from ui.common.dialogs import Dialog
from ui.common.fields import named, text_box
from ui.common.prompts import Keep, ask_to_keep, warn
from ui.common.undo import push
from ui.context import AppContext
from ui.icons import icon
from ui.prep.commands import SavePrepCommand
from ui.prep.picker import QuestionPicker
from ui.prep.planning import plan_and_prepare
from ui.prep.preview import SheetPreview
from ui.prep.printing import print_preview, print_sheet, save_pdf
from ui.refresh import refresh_page

PREVIEW_DELAY_MS = 150  # typing in the goal relays the page at most this often
DEFAULT_QUESTIONS = ("typical day", "How did you get where", "Who else would you suggest")


class PrepDialog(Dialog):
    """Prepare one meeting (or a contact's meeting not yet scheduled)."""

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None,
        *,
        meeting_id: int | None,
        contact_id: int | None,
    ) -> None:
        super().__init__("prepDialog", "Prepare", parent)
        self.ctx = ctx
        self.contact_id = contact_id
        self.meeting_id = meeting_id
        if meeting_id is None and contact_id is not None:
            self.meeting_id = next_planned_meeting(ctx.db, contact_id)
        self.setSizeGripEnabled(True)
        self.resize(1180, 780)

        self.heading = named(QLabel(), "prepHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.goal = text_box(
            "prepGoal",
            "What do you want to come away with? e.g. understand how their team hires",
            accessible_name="Goal for this meeting",
        )
        self.goal.setFixedHeight(self.goal.fontMetrics().lineSpacing() * 4)
        self.picker = QuestionPicker(ctx, self)
        self.preview = SheetPreview(self)
        self.schedule = self._build_schedule()
        self.buttons = self._build_buttons()
        self._build_layout()

        self._timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.refresh_preview)
        self._load()
        self.goal.textChanged.connect(self.schedule_refresh)
        self.picker.changed.connect(self.schedule_refresh)
        # The sheet of a meeting being planned shows the time and place as they are picked.
        self.when.dateTimeChanged.connect(self.schedule_refresh)
        self.minutes.valueChanged.connect(self.schedule_refresh)
        self.place.textChanged.connect(self.schedule_refresh)
        # Closed (hidden), the dialog stops following the data: the hub outlives it.
        self._refresher = refresh_page(
            self, ctx.hub, self.schedule_refresh, lambda c: bool(c.contacts or c.meetings)
        )
        self.refresh_preview()

    # -- building ------------------------------------------------------------------------

    def _build_schedule(self) -> QFrame:
        frame = named(QFrame(), "prepSchedule")
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        form = QFormLayout(frame)
        self.schedule_note = QLabel()
        self.schedule_note.setWordWrap(True)
        self.schedule_note.setTextFormat(Qt.TextFormat.PlainText)
        form.addRow(self.schedule_note)
        self.when = named(QDateTimeEdit(), "prepWhen")
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat(date_edit_format(with_time=True))
        self.minutes = named(QSpinBox(), "prepMinutes")
        self.minutes.setRange(10, 240)
        self.minutes.setSingleStep(5)
        self.minutes.setValue(30)
        self.minutes.setSuffix(" min")
        self.place = named(QLineEdit(), "prepPlace")
        self.place.setPlaceholderText("A café, an office, or a video link")
        form.addRow("&When", self.when)
        form.addRow("&Length", self.minutes)
        form.addRow("&Place or link", self.place)
        return frame

    def _build_buttons(self) -> QDialogButtonBox:
        box = QDialogButtonBox()
        self.answers_button = QPushButton(icon("answers"), "Record &answers…")
        self.answers_button.setToolTip("Write down what was said, after the meeting")
        self.preview_button = QPushButton(icon("print"), "Print pre&view…")
        self.print_button = QPushButton(icon("print"), "&Print…")
        self.pdf_button = QPushButton(icon("pdf"), "Save as P&DF…")
        self.save_button = QPushButton("&Save")
        self.save_button.setDefault(True)
        for button in (self.answers_button, self.preview_button, self.print_button):
            box.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        box.addButton(self.pdf_button, QDialogButtonBox.ButtonRole.ActionRole)
        box.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        box.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.answers_button.clicked.connect(self.record_answers)
        self.preview_button.clicked.connect(lambda: print_preview(self, self.current_sheet))
        self.print_button.clicked.connect(lambda: print_sheet(self, self.current_sheet))
        self.pdf_button.clicked.connect(self._save_pdf)
        box.accepted.connect(self.save_and_close)
        box.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_button.click)
        QShortcut(QKeySequence("Ctrl+Shift+P"), self, self.preview_button.click)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_and_close)
        return box

    def _build_layout(self) -> None:
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 8, 0)
        column.addWidget(self.heading)
        column.addWidget(self.schedule)
        goal_label = QLabel("&Goal for this meeting")
        goal_label.setBuddy(self.goal)
        column.addWidget(goal_label)
        column.addWidget(self.goal)
        column.addWidget(self.picker, 1)
        splitter = named(QSplitter(Qt.Orientation.Horizontal), "prepSplitter")
        splitter.addWidget(left)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 6)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        row = QHBoxLayout()
        row.addWidget(self.buttons)
        layout.addLayout(row)

    # -- state ---------------------------------------------------------------------------

    def _load(self) -> None:
        chosen: list[ChosenQuestion] = []
        goal = ""
        if self.meeting_id is not None:
            state = get_prep_state(self.ctx.db, self.meeting_id)
            goal = state.goal
            chosen = [ChosenQuestion(q.text, q.question_id) for q in state.questions]
        self._saved = (goal, tuple(chosen))
        if not chosen:
            chosen = self._default_questions()
        self.goal.setPlainText(goal)
        self.goal.moveCursor(QTextCursor.MoveOperation.End)  # add to the goal, not before it
        self.picker.chosen_model.set_items(chosen)
        self._shown = self._current_state()
        self._update_heading()

    def _default_questions(self) -> list[ChosenQuestion]:
        # A first prep starts from three questions every coffee chat benefits from.
        bank = self.picker.bank_model
        picks = []
        for needle in DEFAULT_QUESTIONS:
            for row in range(bank.rowCount()):
                question = bank.row_at(row)
                if needle.lower() in question.text.lower():
                    picks.append(ChosenQuestion(question.text, question.id))
                    break
        return picks

    def _update_heading(self) -> None:
        scheduled = self.meeting_id is not None
        self.schedule.setVisible(not scheduled)
        self.answers_button.setEnabled(scheduled)
        sheet = self._sheet()
        self.heading.setText(sheet.title)
        self.setWindowTitle(f"Prepare: {sheet.title}")
        if not scheduled:
            name = sheet.person.name if sheet.person else "them"
            self.schedule_note.setText(
                f"No meeting is planned with {name} yet. Pick a time: the sheet shows it, "
                "and Save puts the meeting on your calendar."
            )
            start = _next_slot(to_local(self.ctx.db.now(), local_zone()))
            self.when.setDateTime(
                QDateTime(start.year, start.month, start.day, start.hour, start.minute, 0)
            )

    def _current_state(self) -> tuple[str, tuple[ChosenQuestion, ...]]:
        return self.goal.toPlainText().strip(), tuple(self.picker.chosen_model.items())

    def is_dirty(self) -> bool:
        return self._current_state() != self._shown

    def _sheet(self) -> PrepSheet:
        goal, chosen = self._current_state()
        sheet = build_prep_sheet(
            self.ctx.db,
            meeting_id=self.meeting_id,
            contact_id=self.contact_id,
            goal=goal,
            questions=[c.text for c in chosen],
        )
        if self.meeting_id is None and sheet.person is not None:
            start, end = self._planned_times()
            title = default_title([sheet.person.name])
            draft = MeetingInfo(None, title, start, end, self.place.text().strip(), "planned")
            sheet = replace(sheet, meeting=draft)
        return sheet

    def _planned_times(self) -> tuple[datetime, datetime]:
        """Start and end (naive UTC) of the meeting being planned, as picked in the form."""
        chosen_time = self.when.dateTime().toPython()
        assert isinstance(chosen_time, datetime)
        start = to_utc(chosen_time, local_zone()).replace(second=0, microsecond=0)
        return start, start + timedelta(minutes=self.minutes.value())

    def current_sheet(self) -> PrepSheet:
        """The sheet as the dialog shows it now, unsaved edits included."""
        return (
            self.preview.sheet
            if self.preview.sheet and not self._timer.isActive()
            else (self._sheet())
        )

    def schedule_refresh(self, *_changed: object) -> None:
        """Relayout the preview soon; edits in a burst (typing) cost one layout."""
        self._timer.start()

    def done(self, result: int) -> None:
        # No preview is laid out after closing, even for a change made while it closed.
        self._timer.stop()
        self._refresher.forget()
        super().done(result)

    @Slot()
    def refresh_preview(self) -> None:
        self._timer.stop()
        try:
            self.preview.set_sheet(self._sheet())
        except NotFoundError as exc:
            warn(self, "Cannot prepare this meeting", str(exc))
            self.reject()

    # -- actions -------------------------------------------------------------------------

    def save(self) -> bool:
        """Keep the goal and questions with the meeting (planning it first if needed)."""
        goal, chosen = self._current_state()
        if self.meeting_id is not None:
            if (goal, chosen) != self._saved:
                title = self._sheet().title
                push(self.ctx, SavePrepCommand(self.ctx, self.meeting_id, title, goal, chosen))
        else:
            if self.contact_id is None:
                return False
            name = get_contact(self.ctx.db, self.contact_id).name
            start, end = self._planned_times()
            fields = MeetingFields(
                title=default_title([name]),
                start_at=start,
                end_at=end,
                location=self.place.text().strip(),
                goal=goal,
                attendee_ids=(self.contact_id,),
            )
            meeting_id, error = plan_and_prepare(self.ctx, self.contact_id, fields, goal, chosen)
            if meeting_id is None:
                warn(self, "Could not plan the meeting", error)
                return False
            self.meeting_id = meeting_id
            self._update_heading()
        self._saved = self._shown = (goal, chosen)
        return True

    @Slot()
    def save_and_close(self) -> None:
        if self.save():
            self.accept()

    @Slot()
    def record_answers(self) -> None:
        from ui.prep.answers import open_record_answers

        if self.meeting_id is None:
            return
        self.save()
        open_record_answers(self.ctx, self, self.meeting_id)

    @Slot()
    def _save_pdf(self) -> None:
        path = save_pdf(self, self.ctx.paths, self.current_sheet)
        if path is not None:
            self.ctx.show_status(f"Saved the prep sheet to {path.name}")

    def reject(self) -> None:
        if self.is_dirty():
            answer = ask_to_keep(
                self,
                "Keep your preparation?",
                "Save the goal and questions you chose for this meeting?",
            )
            if answer is Keep.CANCEL:
                return
            if answer is Keep.SAVE and not self.save():
                return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()
        self.reject()


def _next_slot(now_local: datetime) -> datetime:
    """Tomorrow (or the next weekday) at 10:00, a sensible first guess for a coffee chat."""
    day = now_local.date() + timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return datetime(day.year, day.month, day.day, 10, 0)


def open_prep_dialog(
    ctx: AppContext,
    parent: QWidget | None,
    *,
    meeting_id: int | None = None,
    contact_id: int | None = None,
) -> PrepDialog:
    """Open the prep dialog for a meeting, or for a contact's next (or unscheduled) meeting."""
    if meeting_id is None and contact_id is None:
        raise ValueError("Prepare for a meeting or a contact.")
    dialog = PrepDialog(ctx, parent, meeting_id=meeting_id, contact_id=contact_id)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
