"""The Today page (first in the navigation, Ctrl+0): the day's list with each line's
actions at hand — done, snooze, open the contact, prepare, write the message."""

from __future__ import annotations

from datetime import date, timedelta, tzinfo
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, Slot
from PySide6.QtGui import QAction, QFont, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from crm.pipeline.stages import list_stages
from crm.store.localtime import local_zone
from crm.today.day import FOLLOW_UP, KEEP_IN_TOUCH, MEETING, NOT_NOW, NUDGE, TodayItem
from crm.today.jobs_day import DEADLINE
from crm.today.preferences import WEEKLY_GOAL_KEY, weekly_goal
from ui.calendar.commands import FollowUpDoneCommand, MoveFollowUpCommand
from ui.common.buttons import new_button, side_by_side
from ui.common.tables import rows_list
from ui.common.undo import Command, push
from ui.context import AppContext
from ui.dialog_keys import ok_cancel_buttons
from ui.main_window import MainWindow
from ui.pipeline.commands import MoveCardsCommand
from ui.refresh import RefreshWhenShown
from ui.today.commands import KeptInTouchCommand, SettingCommand, SnoozeKeepInTouchCommand
from ui.today.delegate import TodayDelegate
from ui.today.model import ACTIONABLE_DONE, APPLICATIONS, SNOOZABLE, TodayModel
from ui.today.reminders_offer import RemindersQuestion, reminders_action
from ui.today.template_actions import template_actions

if TYPE_CHECKING:
    from ui.companies.jobs_dialog import JobsDialog


def next_monday(day: date) -> date:
    return day + timedelta(days=7 - day.weekday())


class TodayPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, tz: tzinfo | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.tz = tz or local_zone()
        self.setObjectName("todayPage")
        self.model = TodayModel(ctx, self.tz, self)
        self.reminders_question: RemindersQuestion | None = None  # made by install()
        self.heading = QLabel("Today")
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.heading.setFont(font)
        self.date_label = QLabel()
        self.date_label.setForegroundRole(self.date_label.foregroundRole())

        self.list = rows_list("todayList", self.model, "Today")
        self.list.setItemDelegate(TodayDelegate(self.list))
        self.list.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.list.setUniformItemSizes(True)  # see TodayDelegate.sizeHint
        self.list.doubleClicked.connect(lambda _i: self.open_contact())
        self.list.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())
        self.model.modelReset.connect(self._after_reset)
        # Loaded as the page is first shown (the window opens on Contacts and must stay
        # quick), then after each change while shown or when shown again (ui.refresh).
        self.refresher = RefreshWhenShown(
            self, lambda _changes: self.model.reload(), hub=ctx.hub, page=self
        )  # its first load is asked for by install(), once the page is in the window

        self.done_button = new_button("Done", self.mark_done, tip="Tick it off (Ctrl+Return)")
        self.snooze_button = QToolButton()
        self.snooze_button.setText("Snooze")
        self.snooze_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.snooze_menu = QMenu(self.snooze_button)
        self.snooze_tomorrow = self.snooze_menu.addAction("Tomorrow")
        self.snooze_tomorrow.triggered.connect(lambda: self.snooze(self.model.today + timedelta(1)))
        self.snooze_week = self.snooze_menu.addAction("Next week")
        self.snooze_week.triggered.connect(lambda: self.snooze(next_monday(self.model.today)))
        self.snooze_pick = self.snooze_menu.addAction("Pick a day…")
        self.snooze_pick.triggered.connect(self.snooze_to_picked_day)
        self.snooze_button.setMenu(self.snooze_menu)
        self.open_button = new_button("Open contact", self.open_contact)
        self.prepare_button = new_button("Prepare", self.prepare)
        self.write_button = new_button("Write message…", self.write_message)

        self.goal = QSpinBox()
        self.goal.setObjectName("weeklyGoal")
        self.goal.setRange(0, 100)
        self.goal.setSuffix(" new people a week")
        self.goal.setAccessibleName("Weekly outreach goal")
        self.goal.setKeyboardTracking(False)
        self.goal.valueChanged.connect(self.set_goal)
        header = QHBoxLayout()
        header.addWidget(self.heading)
        header.addWidget(self.date_label, 1, Qt.AlignmentFlag.AlignBottom)
        header.addWidget(QLabel("Goal:"))
        header.addWidget(self.goal)
        buttons = side_by_side(
            self.done_button,
            self.snooze_button,
            self.open_button,
            self.prepare_button,
            self.write_button,
            None,
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(header)
        layout.addLayout(buttons)
        layout.addWidget(self.list, 1)
        done = QAction(self)
        done.setShortcut(QKeySequence("Ctrl+Return"))
        done.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        done.triggered.connect(self.mark_done)
        self.addAction(done)
        self._after_reset()

    # -- state ---------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        if self.model.day_has_changed():  # shown again after midnight
            self.refresher.request()
        super().showEvent(event)

    def current_item(self) -> TodayItem | None:
        return self.model.item(self.list.currentIndex())

    def select(self, row: int) -> None:
        self.list.setCurrentIndex(self.model.index(row, 0))

    @Slot()
    def _after_reset(self) -> None:
        today = self.model.today
        self.date_label.setText(f"{today:%A} {today.day} {today:%B}")
        self.goal.blockSignals(True)
        self.goal.setValue(weekly_goal(self.ctx.db))
        self.goal.blockSignals(False)
        self._update_buttons()

    def _update_buttons(self) -> None:
        item = self.current_item()
        kind = item.kind if item else None
        self.done_button.setEnabled(kind in ACTIONABLE_DONE)
        done = {NOT_NOW: "Move to Not now", DEADLINE: "Applied"}
        self.done_button.setText(done.get(kind or "", "Done"))
        self.snooze_button.setEnabled(kind in SNOOZABLE)
        application = kind in APPLICATIONS
        self.open_button.setText("Open application" if application else "Open contact")
        self.open_button.setEnabled(
            item is not None and (application or item.contact_id is not None)
        )
        self.prepare_button.setEnabled(kind == MEETING)
        self.write_button.setEnabled(item is not None and item.contact_id is not None)

    # -- actions -------------------------------------------------------------------------

    def _push(self, command: Command) -> bool:
        return push(self.ctx, command)

    @Slot()
    def mark_done(self) -> None:
        item = self.current_item()
        if item is None:
            return
        db, hub = self.ctx.db, self.ctx.hub
        if item.kind == DEADLINE and item.application_id is not None:
            # Loaded when first used: the Companies page's modules wait past the first frame.
            from ui.common.commands import SetStatusCommand

            title = f"{item.title.removeprefix('Apply for ')}"
            self._push(SetStatusCommand(db, hub, item.application_id, title, "Applied"))
            return
        if item.contact_id is None:
            return
        if item.kind in (FOLLOW_UP, NUDGE) and item.follow_up_id is not None:
            self._push(FollowUpDoneCommand(db, hub, [item.follow_up_id], item.title, True))
        elif item.kind == KEEP_IN_TOUCH:
            self._push(KeptInTouchCommand(db, hub, item.contact_id, item.contact))
        elif item.kind == NOT_NOW:
            closed = [s for s in list_stages(db) if s.is_closed]
            if closed:
                text = f"Move {item.contact} to {closed[0].name}"
                self._push(MoveCardsCommand(db, hub, [item.contact_id], closed[0].id, None, text))

    def snooze(self, day: date) -> None:
        item = self.current_item()
        if item is None or item.kind not in SNOOZABLE:
            return
        db, hub = self.ctx.db, self.ctx.hub
        if item.kind == KEEP_IN_TOUCH and item.contact_id is not None:
            self._push(SnoozeKeepInTouchCommand(db, hub, item.contact_id, item.contact, day))
        elif item.follow_up_id is not None:
            self._push(MoveFollowUpCommand(db, hub, item.follow_up_id, item.title, item.due, day))

    @Slot()
    def snooze_to_picked_day(self) -> None:
        item = self.current_item()
        if item is None:
            return
        dialog = QDialog(self)
        dialog.setWindowTitle("Snooze until")
        calendar = QCalendarWidget(dialog)
        tomorrow = self.model.today + timedelta(days=1)
        calendar.setMinimumDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
        calendar.setSelectedDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
        buttons = ok_cancel_buttons(dialog)
        layout = QVBoxLayout(dialog)
        layout.addWidget(calendar)
        layout.addWidget(buttons)
        self.picker = dialog  # tests reach the open dialog here
        if dialog.exec() == QDialog.DialogCode.Accepted:
            picked = calendar.selectedDate()
            self.snooze(date(picked.year(), picked.month(), picked.day()))

    @Slot(int)
    def set_goal(self, value: int) -> None:
        if value != weekly_goal(self.ctx.db):
            text = f"Set the weekly goal to {value}"
            self._push(SettingCommand(self.ctx.db, self.ctx.hub, WEEKLY_GOAL_KEY, str(value), text))

    @Slot()
    def open_contact(self) -> None:
        item = self.current_item()
        if item is not None and item.kind in APPLICATIONS:
            self.open_application(item)
        elif item is not None and item.contact_id is not None:
            self.ctx.hub.openContactRequested.emit(item.contact_id)

    def open_application(self, item: TodayItem) -> JobsDialog | None:
        """The company's openings and applications, this one selected (returned for tests)."""
        if item.company_id is None or item.application_id is None:
            return None
        from ui.companies.jobs_dialog import JobsDialog  # loaded when first asked for

        dialog = JobsDialog(self.ctx, item.company_id, item.note, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.select_application(item.application_id)
        dialog.open()
        return dialog

    @Slot()
    def prepare(self) -> None:
        item = self.current_item()
        if item is None or item.meeting_id is None:
            return
        from ui.prep.dialog import open_prep_dialog  # Jinja is loaded only on demand

        open_prep_dialog(self.ctx, self, meeting_id=item.meeting_id)

    @Slot()
    def write_message(self) -> None:
        item = self.current_item()
        if item is None or item.contact_id is None:
            return
        from ui.today.compose import open_compose

        open_compose(self.ctx, self, item.contact_id, template_for(item), today=self.model.today)


def install(window: MainWindow, ctx: AppContext) -> TodayPage:
    """Add the Today page first in the navigation (Ctrl+0)."""
    page = TodayPage(ctx, window)
    window.add_page("today", "Today", "today", page, "Ctrl+0", at=0)
    page.refresher.request()
    action = reminders_action(ctx, window)
    page.reminders_question = RemindersQuestion(ctx, window)
    page.reminders_question.answered.connect(action.setChecked)
    window.menus["view"].addSeparator()
    window.menus["view"].addAction(action)
    window.menus["file"].addSeparator()
    window.menus["file"].addActions(template_actions(ctx, window))
    return page


def template_for(item: TodayItem) -> str:
    """Which template a line calls for."""
    if item.kind == NUDGE:
        return "nudge"
    if item.kind == KEEP_IN_TOUCH:
        return "keep_in_touch"
    if item.kind == FOLLOW_UP and "thank" in item.title.casefold():
        return "thanks"
    return "outreach"
