"""The Calendar page's actions: Meetings menu, context menus and their shortcuts."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox

from crm.calendar.ics import export_ics
from crm.calendar.meetings import get_meeting
from crm.errors import ExportError, NotFoundError
from ui.calendar import schedule
from ui.calendar.commands import DeleteFollowUpCommand, DeleteMeetingCommand, MeetingStatusCommand
from ui.calendar.notifier import ReminderSettingsDialog
from ui.common.commands import FollowUpDoneCommand, ImportIcsCommand
from ui.common.dates import weekday_date_text
from ui.common.prompts import warn
from ui.common.undo import Command, push
from ui.file_dialogs import open_file_name, save_file_name
from ui.icons import icon

if TYPE_CHECKING:
    from ui.calendar.page import CalendarPage

ICS_FILTER = "iCalendar files (*.ics);;All files (*)"


class CalendarActions(QObject):
    """Every calendar action once; the menu bar, context menus and shortcuts share them."""

    def __init__(self, page: CalendarPage) -> None:
        super().__init__(page)
        self.page = page
        self.ctx = page.ctx
        self.new_meeting = self._action("New meeting…", self.schedule, "meeting", "Ctrl+Shift+M")
        self.add_follow_up = self._action("Add follow-up…", self.follow_up, "follow-up")
        self.edit = self._action("Edit meeting…", lambda: self._with_meeting(self.edit_meeting))
        self.prepare = self._action(
            "Prepare…", self.prepare_selected, "prepare", "Ctrl+P", local=True
        )
        self.record_answers = self._action(
            "Record answers…", lambda: self._with_meeting(self.record_answers_for), "answers"
        )
        self.mark_done = self._action(
            "Mark done…", self.mark_selected_done, "", "Ctrl+D", local=True
        )
        self.cancel = self._action("Cancel meeting", self.toggle_cancel)
        self.delete = self._action(
            "Delete", self.delete_selected, "delete", QKeySequence.StandardKey.Delete, local=True
        )
        self.follow_up_done = self._action("Mark follow-up done", self.toggle_follow_up)
        self.open_contact = self._action("Open contact", self.open_selected_contact, "contacts")
        self.export_one = self._action("Export meeting to .ics…", self.export_selected, "export")
        self.export_all = self._action(
            "Export all meetings to .ics…", self.export_everything, "export"
        )
        self.import_ics = self._action("Import .ics…", self.import_dialog, "import")
        self.reminders = self._action("Reminders…", self.reminder_settings, "follow-up")
        self.today = self._action("Today", page.go_today, "", "Home", local=True)
        self.previous = self._action("Previous", lambda: page.step(-1), "", "PgUp", local=True)
        self.next = self._action("Next", lambda: page.step(1), "", "PgDown", local=True)
        page.new_button.clicked.connect(lambda: self.schedule())
        page.follow_up_button.clicked.connect(lambda: self.follow_up())
        self.update_enabled()

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        icon_name: str = "",
        keys: str | QKeySequence.StandardKey = "",
        *,
        local: bool = False,
    ) -> QAction:
        action = QAction(text, self.page)
        if icon_name:
            action.setIcon(icon(icon_name))
        if keys:
            action.setShortcut(QKeySequence(keys))
            if local:
                # Only while the Calendar page has focus: other pages use the same keys.
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                self.page.addAction(action)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def populate_menu(self, menu: QMenu) -> None:
        for action in (self.new_meeting, self.add_follow_up, None, self.edit, self.prepare):
            menu.addSeparator() if action is None else menu.addAction(action)
        menu.addAction(self.record_answers)
        for action in (self.mark_done, self.cancel, self.delete, None, self.import_ics):
            menu.addSeparator() if action is None else menu.addAction(action)
        for action in (self.export_one, self.export_all, None, self.reminders):
            menu.addSeparator() if action is None else menu.addAction(action)

    # -- state ---------------------------------------------------------------------------

    def update_enabled(self) -> None:
        selected = self.page.selected()
        entry = self.page.entry(*selected) if selected else None
        meeting = entry is not None and entry.is_meeting
        follow_up = entry is not None and not entry.is_meeting
        self.edit.setEnabled(meeting)
        self.prepare.setEnabled(meeting)
        self.record_answers.setEnabled(meeting and entry is not None and entry.status == "done")
        self.mark_done.setEnabled(meeting and entry is not None and entry.status == "planned")
        self.cancel.setEnabled(meeting and entry is not None and entry.status != "done")
        cancelled = entry is not None and entry.status == "cancelled"
        self.cancel.setText("Plan meeting again" if cancelled else "Cancel meeting")
        self.delete.setEnabled(entry is not None)
        self.delete.setText("Delete follow-up" if follow_up else "Delete meeting")
        self.export_one.setEnabled(meeting)
        self.follow_up_done.setEnabled(follow_up)
        done = follow_up and entry is not None and entry.status == "done"
        self.follow_up_done.setText("Mark follow-up not done" if done else "Mark follow-up done")
        self.open_contact.setEnabled(entry is not None and bool(entry.contact_ids))

    def context_menu(self, day: date | None) -> QMenu:
        menu = QMenu(self.page)
        selected = self.page.selected()
        entry = self.page.entry(*selected) if selected else None
        if entry is not None and entry.is_meeting:
            actions: list[QAction | None] = [self.edit, self.prepare, self.record_answers]
            actions.append(self.mark_done)
            actions += [self.cancel, None, self.open_contact, self.export_one, None, self.delete]
        elif entry is not None:
            actions = [self.follow_up_done, self.open_contact, None, self.delete]
        else:
            actions = []
        if entry is None and day is not None:
            named = weekday_date_text(day, self.page.month_model.today())
            new = menu.addAction(icon("meeting"), f"New meeting on {named}…")
            new.triggered.connect(
                lambda: self.schedule(start=schedule.default_start(self.ctx, self.page.tz, day))
            )
            follow = menu.addAction(icon("follow-up"), f"Add follow-up due {named}…")
            follow.triggered.connect(lambda: self.follow_up(due=day))
        for action in actions:
            menu.addSeparator() if action is None else menu.addAction(action)
        return menu

    def _report(self, text: str) -> None:
        warn(self.page, "Rapport", text)

    def _status(self, text: str) -> None:
        self.ctx.show_status(text)

    def _with_meeting(self, act: Callable[[int], object]) -> None:
        meeting_id = self.page.selected_meeting_id()
        if meeting_id is not None:
            act(meeting_id)

    # -- meetings ------------------------------------------------------------------------

    def schedule(
        self, *, start: datetime | None = None, contact_ids: Sequence[int] = ()
    ) -> int | None:
        new_id = schedule.schedule_meeting(
            self.ctx, self.page, contact_ids=contact_ids, start=start, tz=self.page.tz
        )
        if new_id is not None:
            self._status(f"Scheduled “{get_meeting(self.ctx.db, new_id).title}”. Undo with Ctrl+Z.")
        return new_id

    def edit_meeting(self, meeting_id: int) -> None:
        schedule.edit_meeting(self.ctx, self.page, meeting_id, tz=self.page.tz)

    def prepare_selected(self) -> None:
        meeting_id = self.page.selected_meeting_id()
        if meeting_id is None:
            return
        from ui.prep.dialog import open_prep_dialog  # the prep sheet loads Jinja: only on demand

        open_prep_dialog(self.ctx, self.page, meeting_id=meeting_id)

    def record_answers_for(self, meeting_id: int) -> None:
        from ui.prep.answers import open_record_answers  # prep loads Jinja: only on demand

        open_record_answers(self.ctx, self.page, meeting_id)

    def mark_selected_done(self) -> None:
        meeting_id = self.page.selected_meeting_id()
        if meeting_id is not None and schedule.mark_meeting_done(
            self.ctx, self.page, meeting_id, tz=self.page.tz
        ):
            self._status("Meeting marked done. Undo with Ctrl+Z.")

    def toggle_cancel(self) -> None:
        meeting_id = self.page.selected_meeting_id()
        if meeting_id is None:
            return
        try:
            meeting = get_meeting(self.ctx.db, meeting_id)
        except NotFoundError as exc:
            self._report(str(exc))
            return
        if meeting.status == "done":
            return
        command = MeetingStatusCommand(
            self.ctx.db, self.ctx.hub, meeting_id, meeting.title, meeting.status != "cancelled"
        )
        push(self.ctx, command, self._report)
        self.update_enabled()

    def delete_selected(self) -> None:
        selected = self.page.selected()
        entry = self.page.entry(*selected) if selected else None
        if entry is None:
            return
        db, hub = self.ctx.db, self.ctx.hub
        command: Command
        if entry.is_meeting:
            command = DeleteMeetingCommand(db, hub, entry.id, entry.title)
        else:
            command = DeleteFollowUpCommand(db, hub, entry.id, entry.title)
        if push(self.ctx, command, self._report):
            self._status(f"{command.text()}. Undo with Ctrl+Z.")

    # -- follow-ups ----------------------------------------------------------------------

    def follow_up(self, *, due: date | None = None, contact_id: int | None = None) -> int | None:
        return schedule.add_follow_up(
            self.ctx, self.page, contact_id=contact_id, due=due, tz=self.page.tz
        )

    def toggle_follow_up(self) -> None:
        selected = self.page.selected()
        entry = self.page.entry(*selected) if selected else None
        if entry is None or entry.is_meeting:
            return
        done = entry.status != "done"
        command = FollowUpDoneCommand(self.ctx.db, self.ctx.hub, [entry.id], entry.title, done)
        push(self.ctx, command, self._report)

    def open_selected_contact(self) -> None:
        selected = self.page.selected()
        entry = self.page.entry(*selected) if selected else None
        if entry is not None and entry.contact_ids:
            self.ctx.hub.openContactRequested.emit(entry.contact_ids[0])

    # -- .ics ----------------------------------------------------------------------------

    def export_selected(self) -> None:
        meeting_id = self.page.selected_meeting_id()
        if meeting_id is None:
            return
        title = get_meeting(self.ctx.db, meeting_id).title
        name = "".join(c if c.isalnum() or c in " -_" else "_" for c in title).strip() or "meeting"
        path = save_file_name(
            self.page, self.ctx.paths, "Export meeting", f"{name}.ics", ICS_FILTER
        )
        if path is not None:
            self.export_file(path, [meeting_id])

    def export_everything(self) -> None:
        path = save_file_name(
            self.page, self.ctx.paths, "Export all meetings", "meetings.ics", ICS_FILTER
        )
        if path is not None:
            self.export_file(path, None)

    def export_file(self, path: Path, meeting_ids: Sequence[int] | None) -> int:
        try:
            count = export_ics(self.ctx.db, path, meeting_ids, tz=self.page.tz)
        except ExportError as exc:
            self._report(str(exc))
            return 0
        self._status(f"Exported {count} meeting{'s' if count != 1 else ''} to {path.name}.")
        return count

    def import_dialog(self) -> None:
        path = open_file_name(self.page, self.ctx.paths, "Import calendar", ICS_FILTER)
        if path is not None:
            self.import_file(path)

    def import_file(self, path: Path) -> ImportIcsCommand:
        """Import an .ics file as one undoable step and say what happened."""
        command = ImportIcsCommand(self.ctx.db, self.ctx.hub, path, self.page.tz)
        if not push(self.ctx, command, self._report):
            return command
        summary = command.summary
        assert summary is not None
        parts = [f"Imported {summary.created} meeting{'s' if summary.created != 1 else ''}"]
        if summary.already_present:
            parts.append(f"{summary.already_present} already here")
        if summary.skipped:
            parts.append(f"{len(summary.skipped)} skipped")
        self._status(", ".join(parts) + ".")
        if summary.skipped or summary.unmatched_attendees:
            lines = [html.escape(", ".join(parts)) + "."]
            if summary.unmatched_attendees:
                who = ", ".join(summary.unmatched_attendees[:8])
                lines.append(f"No contact has the email of: {html.escape(who)}.")
            lines += [html.escape(s) for s in summary.skipped[:8]]
            box = QMessageBox(
                QMessageBox.Icon.Information, "Import", "<br>".join(lines), parent=self.page
            )
            box.setTextFormat(Qt.TextFormat.RichText)
            box.open()
        return command

    def reminder_settings(self) -> None:
        ReminderSettingsDialog(self.ctx, self.page).exec()
