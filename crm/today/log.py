"""Logging what happened with a contact (an email, a call, their reply), with its effects:
a reply closes the nudges, a message sent from a template sets the right follow-up.

One write transaction per logged entry; the returned record lets undo take all of it back.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, datetime

from crm.changes import Changes
from crm.errors import NotFoundError
from crm.store.db import Database, write_transaction
from crm.store.stored_time import stored_datetime
from crm.today.business_days import add_business_days
from crm.today.cadence import IN_TOUCH_KINDS
from crm.today.lifecycle import (
    NUDGE,
    NUDGE_BUSINESS_DAYS,
    SECOND_NUDGE,
    SECOND_NUDGE_TITLE,
    THANKS,
    THEY_REPLIED,
    close_follow_ups,
    close_nudges,
    insert_follow_up,
    remove_created,
    reopen,
)

DIRECTIONS = ("out", "in")
OUTREACH_TITLE = "Nudge if no reply"


@dataclass(frozen=True)
class Logged:
    """One logged entry and the step key its follow-up effects are filed under."""

    interaction_id: int
    contact_id: int

    @property
    def key(self) -> str:
        return f"entry:{self.interaction_id}"


def log_contact(
    db: Database,
    contact_id: int,
    kind: str,
    *,
    direction: str | None = None,
    summary: str = "",
    body: str = "",
    at: datetime | None = None,
) -> tuple[Logged, Changes]:
    """Add an entry to the contact's history; `direction` "in" (from them) closes their
    nudges ("closed: they replied"). `at` (naive UTC) defaults to now and may not be later."""
    logged, _ = _log(db, contact_id, kind, direction, summary, body, at, template=None)
    return logged, _changes(contact_id)


def log_message_sent(
    db: Database,
    contact_id: int,
    template_kind: str | None,
    subject: str,
    body: str,
    *,
    today: date,
) -> tuple[Logged, Changes]:
    """Log "Email sent: <subject>" and set the follow-up that message calls for: outreach
    expects a reply (nudge in a few business days), a nudge is the nudge done (and a second
    one once), a thank-you note ticks the open thank-you follow-up."""
    summary = f"Email sent: {' '.join(subject.split())}".strip()
    return _log(
        db, contact_id, "email", "out", summary, body, None, template=(template_kind, today)
    )[0], _changes(contact_id)


def undo_log(db: Database, logged: Logged) -> Changes:
    """Take a logged entry back with every follow-up it closed or created."""
    with db.connection() as conn, write_transaction(conn):
        reopen(conn, logged.key)
        remove_created(conn, logged.key)
        conn.execute("DELETE FROM interactions WHERE id = ?", (logged.interaction_id,))
    return _changes(logged.contact_id)


def _changes(contact_id: int) -> Changes:
    return Changes(contacts=frozenset({contact_id}), follow_ups=True)


def _log(
    db: Database,
    contact_id: int,
    kind: str,
    direction: str | None,
    summary: str,
    body: str,
    at: datetime | None,
    *,
    template: tuple[str | None, date] | None,
) -> tuple[Logged, None]:
    if kind not in IN_TOUCH_KINDS:
        raise ValueError(
            f"Unknown kind of interaction: {kind} (one of {', '.join(IN_TOUCH_KINDS)})"
        )
    if direction is not None and direction not in DIRECTIONS:
        raise ValueError("The direction is “out” (you reached out) or “in” (from them).")
    now = db.now()
    when = now if at is None else at
    if when > now:
        raise ValueError("An interaction cannot be logged later than now.")
    with db.connection() as conn, write_transaction(conn):
        if conn.execute("SELECT 1 FROM contacts WHERE id = ?", (contact_id,)).fetchone() is None:
            raise NotFoundError(f"Contact {contact_id} no longer exists.")
        entry = conn.execute(
            "INSERT INTO interactions (contact_id, kind, occurred_at, summary, body, direction)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (contact_id, kind, stored_datetime(when), " ".join(summary.split()), body, direction),
        ).lastrowid
        logged = Logged(int(entry or 0), contact_id)
        if direction == "in":
            close_nudges(conn, [contact_id], THEY_REPLIED, logged.key, now)
        if template is not None:
            _after_message(conn, logged, template[0], template[1], now)
    return logged, None


def _after_message(
    conn: sqlite3.Connection,
    logged: Logged,
    template_kind: str | None,
    today: date,
    now: datetime,
) -> None:
    cid, key = logged.contact_id, logged.key

    def open_of(reason: str) -> list[tuple[int, int, str]]:
        rows = conn.execute(
            "SELECT id, contact_id, title FROM follow_ups WHERE contact_id = ? AND reason = ? "
            "AND done_at IS NULL",
            (cid, reason),
        ).fetchall()
        return [(int(a), int(b), str(c)) for a, b, c in rows]

    if template_kind == "outreach" and not open_of(NUDGE) and not open_of(SECOND_NUDGE):
        due = add_business_days(today, NUDGE_BUSINESS_DAYS)
        insert_follow_up(conn, cid, OUTREACH_TITLE, due, now, reason=NUDGE, origin=key)
    elif template_kind == "nudge":
        first, second = open_of(NUDGE), open_of(SECOND_NUDGE)
        close_follow_ups(conn, first + second, "nudge sent", key, now, in_history=False)
        if first and not second and not _had_second_nudge(conn, cid):
            due = add_business_days(today, NUDGE_BUSINESS_DAYS)
            insert_follow_up(
                conn, cid, SECOND_NUDGE_TITLE, due, now, reason=SECOND_NUDGE, origin=key
            )
    elif template_kind == "thanks":
        close_follow_ups(conn, open_of(THANKS), "thank-you sent", key, now, in_history=False)


def _had_second_nudge(conn: sqlite3.Connection, contact_id: int) -> bool:
    """A second nudge is made once per contact, ever: after it, the user decides."""
    return (
        conn.execute(
            "SELECT 1 FROM follow_ups WHERE contact_id = ? AND reason = ?",
            (contact_id, SECOND_NUDGE),
        ).fetchone()
        is not None
    )
