"""Reminders while Rapport is closed: off by default, asked once — when the first follow-up
is created — and switched in the View menu afterwards."""

from __future__ import annotations

import os
from collections.abc import Mapping

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QWidget

from crm.changes import Changes
from crm.today.autostart import autostart_command, disable_autostart, enable_autostart
from crm.today.preferences import TRAY_ASKED_KEY, get_setting, set_setting
from ui.context import AppContext
from ui.today.reminder_helper import rapport_command

QUESTION = (
    "Get a desktop notification of what is due, even when Rapport is closed?\n\n"
    "A small helper starts at login; it only reads your data. "
    "You can change this later in the View menu."
)


def set_reminders(ctx: AppContext, on: bool, env: Mapping[str, str] = os.environ) -> None:
    """Start the helper at login, or stop doing so (a preference, kept with the data)."""
    if on:
        enable_autostart(rapport_command(ctx.paths, "reminders"), env)
    else:
        disable_autostart(env)
    set_setting(ctx.db, TRAY_ASKED_KEY, "on" if on else "off")


def _any_follow_up(ctx: AppContext) -> bool:
    with ctx.db.connection() as conn:
        return conn.execute("SELECT 1 FROM follow_ups LIMIT 1").fetchone() is not None


class RemindersQuestion(QObject):
    """Asks "Show reminders when Rapport is closed?" once, as the data file gets its first
    follow-up (made by the user, a stage rule or a meeting). A file that already had
    follow-ups is not asked again at each one: the View menu holds the switch."""

    answered = Signal(bool)

    def __init__(self, ctx: AppContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx, self.parent_widget = ctx, parent
        self.env: Mapping[str, str] = os.environ
        self.box: QMessageBox | None = None  # the open question (tests answer it here)
        self.waiting = get_setting(ctx.db, TRAY_ASKED_KEY) is None and not _any_follow_up(ctx)
        ctx.hub.changed.connect(self._changed)

    @Slot(object)
    def _changed(self, changes: Changes) -> None:
        if not self.waiting or not (changes.follow_ups or changes.everything):
            return
        if get_setting(self.ctx.db, TRAY_ASKED_KEY) is not None:
            self.waiting = False
        elif _any_follow_up(self.ctx):
            self.waiting = False
            # An import, a restore or the sample data brought follow-ups the user did not
            # make: they are not asked then (the View menu holds the switch).
            if not changes.everything:
                self.ask()

    def ask(self) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Reminders when Rapport is closed",
            QUESTION,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self.parent_widget,
        )
        box.button(QMessageBox.StandardButton.Yes).setText("Turn on reminders")
        box.button(QMessageBox.StandardButton.No).setText("No thanks")
        box.setDefaultButton(QMessageBox.StandardButton.No)  # off unless chosen
        box.setWindowModality(Qt.WindowModality.WindowModal)
        # Opened, not exec()'d: the action that made the follow-up finishes first.
        box.finished.connect(lambda result: self._answer(result == QMessageBox.StandardButton.Yes))
        self.box = box
        box.open()

    def _answer(self, on: bool) -> None:
        set_reminders(self.ctx, on, self.env)
        self.box = None
        self.answered.emit(on)


def reminders_action(ctx: AppContext, parent: QWidget) -> QAction:
    """The View menu's checkable "Reminders when Rapport is closed"."""
    action = QAction("Reminders when Rapport is closed", parent)
    action.setCheckable(True)
    action.setChecked(autostart_command() is not None)
    action.toggled.connect(lambda on: set_reminders(ctx, on))
    return action
