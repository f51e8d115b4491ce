"""Undoable Today actions that are not the calendar's or the pipeline's: logging that you
kept in touch or sent a message, snoozing a keep-in-touch line, and setting an interval.
"""

from __future__ import annotations

from datetime import date

from crm.changes import Changes
from crm.store.db import Database
from crm.today.cadence import set_contact_cadence
from crm.today.log import Logged, log_contact, log_message_sent, undo_log
from crm.today.preferences import set_setting
from crm.today.touch_snooze import snooze_keep_in_touch
from ui.common.undo import Command, SwapCommand
from ui.hub import Hub


class KeptInTouchCommand(Command):
    """Done on a keep-in-touch line: a note in the history, which resets the cadence."""

    def __init__(self, db: Database, hub: Hub, contact_id: int, name: str) -> None:
        super().__init__(db, hub, f"Kept in touch with {name}")
        self.contact_id = contact_id
        self.logged: Logged | None = None

    def do(self) -> Changes:
        self.logged, changes = log_contact(
            self.db, self.contact_id, "note", direction="out", summary="Kept in touch"
        )
        return changes

    def take_back(self) -> Changes:
        assert self.logged is not None
        return undo_log(self.db, self.logged)


class SnoozeKeepInTouchCommand(SwapCommand[int, date | None]):
    """Put a keep-in-touch line off to a later day; the interval is left as it is."""

    def __init__(self, db: Database, hub: Hub, contact_id: int, name: str, until: date) -> None:
        text = f"Snooze keeping in touch with {name} until {until:%d %b}"
        super().__init__(db, hub, text, snooze_keep_in_touch, contact_id, until)


class MessageSentCommand(Command):
    """An email written in the compose window: "Email sent: <subject>" and its follow-up."""

    def __init__(
        self,
        db: Database,
        hub: Hub,
        contact_id: int,
        template_kind: str | None,
        subject: str,
        body: str,
        today: date,
    ) -> None:
        super().__init__(db, hub, f"Log “Email sent: {subject.strip()}”")
        self.args = (contact_id, template_kind, subject, body)
        self.today = today
        self.logged: Logged | None = None

    def do(self) -> Changes:
        contact_id, kind, subject, body = self.args
        self.logged, changes = log_message_sent(
            self.db, contact_id, kind, subject, body, today=self.today
        )
        return changes

    def take_back(self) -> Changes:
        assert self.logged is not None
        return undo_log(self.db, self.logged)


class SetCadenceCommand(SwapCommand[int, int | None]):
    """Set a contact's keep-in-touch interval (None: the default from tags or stage)."""

    def __init__(
        self, db: Database, hub: Hub, contact_id: int, name: str, days: int | None
    ) -> None:
        text = f"Set keep-in-touch for {name}"
        super().__init__(db, hub, text, set_contact_cadence, contact_id, days)


class SettingCommand(SwapCommand[str, str | None]):
    """Change one of Today's preferences (the weekly goal, the name messages are signed
    with); undo puts the old value back."""

    def __init__(self, db: Database, hub: Hub, key: str, value: str, text: str) -> None:
        super().__init__(db, hub, text, set_setting, key, value)
