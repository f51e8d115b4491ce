"""The Calendar page: month or week beside the agenda, its toolbar, and how it is installed."""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo

from PySide6.QtCore import QLocale, QModelIndex, QPoint, Qt, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from crm.calendar.agenda import Entry
from crm.store.localtime import local_zone
from ui.calendar.actions import CalendarActions
from ui.calendar.agenda import AgendaModel, AgendaView
from ui.calendar.grid_base import GridView
from ui.calendar.month_model import MonthModel
from ui.calendar.month_view import MonthView
from ui.calendar.notifier import Notifier
from ui.calendar.schedule import default_start
from ui.calendar.week_model import WeekModel
from ui.calendar.week_view import WeekView
from ui.common.dates import month_text, range_text
from ui.context import AppContext
from ui.icons import icon
from ui.main_window import MainWindow


def locale_first_weekday() -> int:
    """The locale's first day of the week, as Python counts (0 = Monday)."""
    return int(QLocale().firstDayOfWeek().value) - 1


class CalendarView(QStackedWidget):
    """The month and the week view, one shown at a time (object name `calendarView`)."""

    MONTH, WEEK = 0, 1

    def __init__(self, month: MonthView, week: WeekView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calendarView")
        self.setAccessibleName("Calendar")
        self.month = month
        self.week = week
        self.addWidget(month)
        self.addWidget(week)


class CalendarPage(QWidget):
    """Navigation (Today, previous, next, month or week), the calendar and the agenda."""

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, *, tz: tzinfo | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("calendarPage")
        self.ctx = ctx
        self.tz = tz or local_zone()
        first = locale_first_weekday()
        self.month_model = MonthModel(ctx, self.tz, first, self)
        self.week_model = WeekModel(ctx, self.tz, first, self)
        self.agenda_model = AgendaModel(ctx, self.tz, self)
        self.month = MonthView(self.month_model)
        self.week = WeekView(self.week_model)
        self.calendar = CalendarView(self.month, self.week)
        self.agenda = AgendaView(self.agenda_model)
        self._selected: tuple[str, int] | None = None

        self.title = QLabel()
        self.title.setObjectName("calendarTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.today_button = self._tool("Today", "Go to today (Home)")
        self.previous_button = self._tool("‹", "Previous (Page Up)")
        self.next_button = self._tool("›", "Next (Page Down)")
        self.previous_button.setAccessibleName("Previous")
        self.next_button.setAccessibleName("Next")
        self.month_button = self._tool("Month", "Show a month")
        self.week_button = self._tool("Week", "Show a week with time slots")
        modes = QButtonGroup(self)
        for button in (self.month_button, self.week_button):
            button.setCheckable(True)
            modes.addButton(button)
        self.month_button.setChecked(True)
        self.new_button = self._tool("New meeting…", "Schedule a meeting (Ctrl+Shift+M)")
        self.new_button.setIcon(icon("meeting"))
        self.new_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.follow_up_button = self._tool("Add follow-up…", "Add a follow-up to a contact")
        self.follow_up_button.setIcon(icon("follow-up"))
        self.follow_up_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)

        bar = QHBoxLayout()
        bar.setContentsMargins(8, 6, 8, 6)
        for widget in (self.today_button, self.previous_button, self.next_button):
            bar.addWidget(widget)
        bar.addSpacing(8)
        bar.addWidget(self.title, 1)
        for widget in (self.month_button, self.week_button):
            bar.addWidget(widget)
        bar.addSpacing(12)
        bar.addWidget(self.new_button)
        bar.addWidget(self.follow_up_button)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("calendarSplitter")
        self.splitter.addWidget(self.calendar)
        self.splitter.addWidget(self.agenda)
        # The agenda grows with the window too (a quarter of what is gained), so its lines
        # are read whole on a large screen; elided ones show in full in their tooltip.
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([760, 300])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)

        self.notifier = Notifier(ctx, self.tz, self)
        self.notifier.openRequested.connect(self._bring_forward)
        self._connect()
        self.calendar_actions = CalendarActions(self)
        self._update_title()
        for model in (self.month_model, self.week_model, self.agenda_model):
            model.refresher.watch(self)  # changes wait while the page is hidden

    def _tool(self, text: str, tip: str) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        return button

    def _connect(self) -> None:
        self.today_button.clicked.connect(self.go_today)
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.month_button.clicked.connect(lambda: self.set_mode(CalendarView.MONTH))
        self.week_button.clicked.connect(lambda: self.set_mode(CalendarView.WEEK))
        for view in (self.month, self.week.canvas):
            view.entryActivated.connect(self.open_entry)
            view.newMeetingRequested.connect(self.new_meeting_at)
            view.selectionChanged.connect(self._view_selection_changed)
            view.menuRequested.connect(self._show_menu)
        self.month.dayMoved.connect(self._month_day_moved)
        self.agenda.activated.connect(self._agenda_activated)
        self.agenda.doubleClicked.connect(self._agenda_activated)
        self.agenda.selectionModel().currentChanged.connect(self._agenda_current_changed)
        self.agenda.customContextMenuRequested.connect(self._agenda_menu)
        self.month_model.modelReset.connect(self._update_title)
        self.week_model.modelReset.connect(self._update_title)

    # -- navigation ----------------------------------------------------------------------

    def mode(self) -> int:
        return self.calendar.currentIndex()

    @Slot(int)
    def set_mode(self, mode: int) -> None:
        # Keep the same stretch of time in view when switching.
        if mode == CalendarView.WEEK:
            day = self.month.current_day
            if day.month != self.month_model.month.month:
                day = self.month_model.month
            self.week_model.show_week(day)
            self.week.canvas.current_day = day
        else:
            self.month_model.show_month(self.week.canvas.current_day)
            self.month.current_day = self.week.canvas.current_day
        self.calendar.setCurrentIndex(mode)
        (self.week_button if mode == CalendarView.WEEK else self.month_button).setChecked(True)
        self._update_title()

    @Slot()
    def go_today(self) -> None:
        today = self.month_model.today()
        self.month.current_day = self.week.canvas.current_day = today
        self.month_model.show_month(today)
        self.week_model.show_week(today)
        self.week.scroll_to_hour(8)

    def step(self, direction: int) -> None:
        if self.mode() == CalendarView.WEEK:
            day = self.week_model.first_day + timedelta(days=7 * direction)
            self.week_model.show_week(day)
            self.week.canvas.current_day = day
        else:
            month = self.month_model.month
            index = month.year * 12 + month.month - 1 + direction
            self.month_model.show_month(date(index // 12, index % 12 + 1, 1))
            self.month.current_day = self.month_model.month

    @Slot(object)
    def _month_day_moved(self, day: date) -> None:
        self.month_model.show_month(day)
        self.month.current_day = day

    def _update_title(self) -> None:
        if self.mode() == CalendarView.WEEK:
            first = self.week_model.first_day
            text = range_text(first, first + timedelta(days=6))
        else:
            text = month_text(self.month_model.month)
        self.title.setText(text)

    # -- selection and opening -----------------------------------------------------------

    def selected(self) -> tuple[str, int] | None:
        return self._selected

    def selected_meeting_id(self) -> int | None:
        return self._selected[1] if self._selected and self._selected[0] == "meeting" else None

    def _view_selection_changed(self) -> None:
        sender = self.sender()
        if isinstance(sender, GridView):
            self._selected = sender.selected
        self.calendar_actions.update_enabled()

    @Slot(QModelIndex, QModelIndex)
    def _agenda_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        entry = self.agenda_model.entry(current)
        self._selected = (entry.kind, entry.id) if entry else None
        self.calendar_actions.update_enabled()

    @Slot(QModelIndex)
    def _agenda_activated(self, index: QModelIndex) -> None:
        entry = self.agenda_model.entry(index)
        if entry is not None:
            self.open_entry(entry.kind, entry.id)

    def entry(self, kind: str, entry_id: int) -> Entry | None:
        for model in (self.month_model, self.week_model):
            found = model.entry(model.entry_index(kind, entry_id))
            if found is not None:
                return found
        row = self.agenda_model.row_of(kind, entry_id)
        return self.agenda_model.rows[row].entry if row >= 0 else None

    @Slot(str, int)
    def open_entry(self, kind: str, entry_id: int) -> None:
        """A meeting opens in its dialog; a follow-up opens its contact."""
        if kind == "meeting":
            self.calendar_actions.edit_meeting(entry_id)
            return
        entry = self.entry(kind, entry_id)
        if entry is not None and entry.contact_ids:
            self.ctx.hub.openContactRequested.emit(entry.contact_ids[0])

    @Slot(object)
    def new_meeting_at(self, start: datetime | date) -> None:
        if not isinstance(start, datetime):  # a day of the month: its first free slot
            start = default_start(self.ctx, self.tz, start)
        self.calendar_actions.schedule(start=start)

    def _show_menu(self, pos: QPoint) -> None:
        sender = self.sender()
        if isinstance(sender, GridView):
            self._selected = sender.selected
            self.calendar_actions.update_enabled()
            self.calendar_actions.context_menu(sender.current_day).exec(pos)

    @Slot(QPoint)
    def _agenda_menu(self, pos: QPoint) -> None:
        index = self.agenda.indexAt(pos)
        if index.isValid() and self.agenda_model.entry(index) is not None:
            self.agenda.setCurrentIndex(index)
            menu = self.calendar_actions.context_menu(None)
            menu.exec(self.agenda.viewport().mapToGlobal(pos))

    def _bring_forward(self) -> None:
        window = self.window()
        window.showNormal()
        window.raise_()
        window.activateWindow()
        if hasattr(window, "show_page"):
            window.show_page("calendar")


def install(window: MainWindow, ctx: AppContext) -> CalendarPage:
    """Add the Calendar page (Ctrl+3), its Meetings menu and the reminders to the window."""
    page = CalendarPage(ctx, window)
    window.add_page("calendar", "Calendar", "calendar", page, "Ctrl+3")
    menu = QMenu("&Meetings", window)
    window.menuBar().insertMenu(window.menus["help"].menuAction(), menu)
    window.menus["meetings"] = menu
    page.calendar_actions.populate_menu(menu)
    window.window_state.restore_splitter("calendar", page.splitter)
    page.notifier.start()

    def closing() -> None:
        page.notifier.stop()
        window.window_state.save_splitter("calendar", page.splitter)

    window.closing.connect(closing)
    return page
