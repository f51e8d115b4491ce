"""Reminders while Rapport is closed: off by default, asked once — when the first follow-up
is created — and switched in the View menu afterwards."""

from __future__ import annotations

import os
from collections.abc import Mapping

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QPushButton, QToolBar, QWidget

from crm.changes import Changes
from crm.today.autostart import autostart_command, disable_autostart, enable_autostart
from crm.today.preferences import TRAY_ASKED_KEY, get_setting, set_setting
from crm.today.reminders import has_follow_ups
from ui.context import AppContext
from ui.today.reminder_helper import rapport_command

QUESTION = (
    "Be reminded of what is due while Rapport is closed? "
    "A small helper starts at login and only reads your data."
)
LATER = "View ▸ Reminders when Rapport is closed changes this later."


def set_reminders(ctx: AppContext, on: bool, env: Mapping[str, str] = os.environ) -> None:
    """Start the helper at login, or stop doing so (a preference, kept with the data)."""
    if on:
        enable_autostart(rapport_command(ctx.paths, "reminders"), env)
    else:
        disable_autostart(env)
    set_setting(ctx.db, TRAY_ASKED_KEY, "on" if on else "off")


class RemindersQuestion(QObject):
    """Asks "Show reminders when Rapport is closed?" once, as the data file gets its first
    follow-up (made by the user, a stage rule or a meeting). A file that already had
    follow-ups is not asked again at each one: the View menu holds the switch."""

    answered = Signal(bool)

    def __init__(self, ctx: AppContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx, self.parent_widget = ctx, parent
        self.env: Mapping[str, str] = os.environ
        self.bar: QToolBar | None = None  # the question while it waits for an answer
        self.yes: QPushButton | None = None
        self.no: QPushButton | None = None
        self.waiting = get_setting(ctx.db, TRAY_ASKED_KEY) is None and not has_follow_ups(ctx.db)
        ctx.hub.changed.connect(self._changed)

    @Slot(object)
    def _changed(self, changes: Changes) -> None:
        if not self.waiting or not (changes.follow_ups or changes.everything):
            return
        if get_setting(self.ctx.db, TRAY_ASKED_KEY) is not None:
            self.waiting = False
        elif has_follow_ups(self.ctx.db):
            self.waiting = False
            # An import, a restore or the sample data brought follow-ups the user did not
            # make: they are not asked then (the View menu holds the switch).
            if not changes.everything:
                self.ask()

    def ask(self) -> None:
        """Show the question as a bar across the top of the window, on whatever page the
        follow-up was made: it waits for an answer without stopping the user's work."""
        window = self.parent_widget
        bar = QToolBar("Reminders", window)
        bar.setObjectName("remindersQuestion")
        bar.setMovable(False)
        bar.setFloatable(False)
        bar.toggleViewAction().setVisible(False)  # not one of the View menu's bars
        text = QLabel(QUESTION)
        text.setToolTip(LATER)
        self.yes = QPushButton("Turn on reminders")
        self.yes.clicked.connect(lambda: self._answer(True))
        self.no = QPushButton("No thanks")
        self.no.setToolTip(LATER)
        self.no.clicked.connect(lambda: self._answer(False))
        holder = QWidget(bar)
        row = QHBoxLayout(holder)
        row.setContentsMargins(8, 0, 8, 0)
        row.addWidget(text, 1)
        row.addWidget(self.yes)
        row.addWidget(self.no)
        bar.addWidget(holder)
        if isinstance(window, QMainWindow):
            window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        self.bar = bar
        bar.show()

    def _answer(self, on: bool) -> None:
        set_reminders(self.ctx, on, self.env)
        if self.bar is not None:
            self.bar.hide()
            self.bar.deleteLater()
        self.bar = None
        self.answered.emit(on)


def reminders_action(ctx: AppContext, parent: QWidget) -> QAction:
    """The View menu's checkable "Reminders when Rapport is closed"."""
    action = QAction("Reminders when Rapport is closed", parent)
    action.setCheckable(True)
    action.setChecked(autostart_command() is not None)
    action.toggled.connect(lambda on: set_reminders(ctx, on))
    return action
