"""Reminders while Rapport is closed: off by default, offered once on the Today page when
there is something to be reminded of, and switched in the View menu afterwards."""

from __future__ import annotations

import os
from collections.abc import Mapping

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from crm.today.preferences import TRAY_ASKED_KEY, get_setting, set_setting
from crm.today.reminders import autostart_command, disable_autostart, enable_autostart
from ui.context import AppContext
from ui.today.reminder_helper import rapport_command


def set_reminders(ctx: AppContext, on: bool, env: Mapping[str, str] = os.environ) -> None:
    """Start the helper at login, or stop doing so (a preference, kept with the data)."""
    if on:
        enable_autostart(rapport_command(ctx.paths, "reminders"), env)
    else:
        disable_autostart(env)
    set_setting(ctx.db, TRAY_ASKED_KEY, "on" if on else "off")


class RemindersOffer(QFrame):
    """The question "Show reminders when Rapport is closed?", asked once."""

    answered = Signal(bool)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.env: Mapping[str, str] = os.environ
        self.setObjectName("remindersOffer")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        text = QLabel(
            "Get a desktop notification of what is due, even when Rapport is closed? "
            "A small helper starts at login; it only reads your data."
        )
        text.setWordWrap(True)
        self.yes = QPushButton("Turn on reminders")
        self.yes.clicked.connect(lambda: self._answer(True))
        self.no = QPushButton("No thanks")
        self.no.clicked.connect(lambda: self._answer(False))
        layout = QHBoxLayout(self)
        layout.addWidget(text, 1)
        layout.addWidget(self.yes)
        layout.addWidget(self.no)
        self.hide()

    def offer_if_due(self, has_follow_ups: bool) -> None:
        """Shown once: when a follow-up exists and the question was never answered."""
        asked = get_setting(self.ctx.db, TRAY_ASKED_KEY) is not None
        self.setVisible(has_follow_ups and not asked)

    @Slot(bool)
    def _answer(self, on: bool) -> None:
        set_reminders(self.ctx, on, self.env)
        self.hide()
        self.answered.emit(on)


def reminders_action(ctx: AppContext, parent: QWidget) -> QAction:
    """The View menu's checkable "Reminders when Rapport is closed"."""
    action = QAction("Reminders when Rapport is closed", parent)
    action.setCheckable(True)
    action.setChecked(autostart_command() is not None)
    action.toggled.connect(lambda on: set_reminders(ctx, on))
    return action
