"""Moving cards on the pipeline board, and taking a move back.

The hot path of the board: plain SQL on the thread's kept connection (a move must save and
repaint within a frame); `move_cards` and `undo_cards` also run inside a bigger unit of
work (scheduling a meeting moves its attendees in the meeting's own transaction).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from crm.changes import Changes
from crm.contacts.service import display_name
from crm.errors import NotFoundError
from crm.store.db import Database, write_transaction
from crm.store.id_lists import placeholders
from crm.store.localtime import local_today, local_zone
from crm.store.stored_time import stored_datetime
from crm.today.lifecycle import StageRule, close_on_stage_entered, reopen, rule_follow_up

# Below this gap between two neighbours a column is renumbered 1, 2, 3...
MIN_GAP = 1e-6


@dataclass(frozen=True)
class MovedCard:
    """One card of a move, before and after; datetimes kept as stored so undo is exact."""

    id: int
    name: str
    from_stage: int
    from_position: float
    from_entered_at: str
    from_updated_at: str
    to_stage: int
    to_position: float
    interaction_id: int | None = None
    follow_up_id: int | None = None


@dataclass(frozen=True)
class MoveResult:
    cards: tuple[MovedCard, ...]
    to_stage_name: str
    renumbered: tuple[tuple[int, float], ...] = field(default=())  # (id, old position)

    @property
    def ids(self) -> frozenset[int]:
        return frozenset(c.id for c in self.cards)


def _slots(
    conn: sqlite3.Connection, stage_id: int, moving: Sequence[int], before: int | None
) -> tuple[list[float], list[tuple[int, float]]]:
    """Positions for `moving` cards landing before `before` (None: at the end) in a column.

    Returns the new positions and, when the column had to be renumbered to make room,
    the (id, old position) of every card renumbered.
    """
    keep_out = f"AND id NOT IN ({placeholders(len(moving))})"
    anchor = None
    if before is not None and before not in moving:
        anchor = conn.execute(
            "SELECT stage_position FROM contacts WHERE id = ? AND stage_id = ?",
            (before, stage_id),
        ).fetchone()
    # ORDER BY … DESC LIMIT 1 walks the (stage_id, stage_position) index backwards and
    # stops at the first row that is not moving; max() with these filters scanned the
    # whole column below the drop point.
    if anchor is None:
        top = conn.execute(
            f"SELECT stage_position FROM contacts WHERE stage_id = ? {keep_out} "
            "ORDER BY stage_position DESC LIMIT 1",
            (stage_id, *moving),
        ).fetchone()
        start = (top[0] if top is not None else 0.0) + 1.0
        return [start + i for i in range(len(moving))], []
    high = float(anchor[0])
    low_row = conn.execute(
        f"SELECT stage_position FROM contacts WHERE stage_id = ? {keep_out} "
        "AND stage_position <= ? AND (stage_position < ? OR id < ?) "
        "ORDER BY stage_position DESC, id DESC LIMIT 1",
        (stage_id, *moving, high, high, before),
    ).fetchone()
    low = float(low_row[0]) if low_row is not None else high - 1.0
    step = (high - low) / (len(moving) + 1)
    if step >= MIN_GAP:
        return [low + step * (i + 1) for i in range(len(moving))], []
    # The gap is used up (many drops in one place): spread the column out again.
    rows = conn.execute(
        f"SELECT id, stage_position FROM contacts WHERE stage_id = ? {keep_out} "
        "ORDER BY stage_position, id",
        (stage_id, *moving),
    ).fetchall()
    renumbered: list[tuple[int, float]] = []
    spread: list[tuple[float, int]] = []
    slot = first = 1.0
    for contact_id, position in rows:
        if contact_id == before:
            slot += len(moving)  # leave room for the moving cards
            first = slot - len(moving)
        spread.append((slot, contact_id))
        renumbered.append((contact_id, position))
        slot += 1.0
    conn.executemany("UPDATE contacts SET stage_position = ? WHERE id = ?", spread)
    return [first + i for i in range(len(moving))], renumbered


def move_contacts(
    db: Database,
    ids: Sequence[int],
    stage_id: int,
    *,
    before: int | None = None,
    today: date | None = None,
) -> tuple[MoveResult, Changes]:
    """Move cards (in the given order) into `stage_id`, just before card `before` (None: last).

    A card entering another stage restarts its days-in-stage, gets a history entry
    ("Reached out → Scheduled") and the follow-up of the stage's rule, if it has one, due
    that many days after `today` (default: the user's local day).
    """
    now = db.now()
    today = today or local_today(now, local_zone())
    with db.connection() as conn, write_transaction(conn):
        result = move_cards(conn, ids, stage_id, before=before, now=now, today=today)
    return result, _changes(result)


def move_cards(
    conn: sqlite3.Connection,
    ids: Sequence[int],
    stage_id: int,
    *,
    before: int | None,
    now: datetime,
    today: date,
) -> MoveResult:
    """`move_contacts` inside a transaction the caller holds (a meeting's own, say)."""
    target = conn.execute(
        "SELECT name, followup_title, followup_days, followup_reason FROM stages WHERE id = ?",
        (stage_id,),
    ).fetchone()
    if target is None:
        raise NotFoundError(f"Stage {stage_id} no longer exists.")
    rule = StageRule(*target)
    wanted = list(dict.fromkeys(ids))
    found = {
        r[0]: r
        for r in conn.execute(
            "SELECT c.id, c.first_name, c.last_name, c.stage_id, c.stage_position, "
            "c.stage_entered_at, c.updated_at, s.name FROM contacts c "
            f"JOIN stages s ON s.id = c.stage_id WHERE c.id IN ({placeholders(len(wanted))})",
            wanted,
        )
    }
    order = [i for i in wanted if i in found]
    if not order:
        raise NotFoundError("The contacts to move no longer exist.")
    positions, renumbered = _slots(conn, stage_id, order, before)
    stamp = stored_datetime(now)
    cards = []
    for contact_id, position in zip(order, positions, strict=True):
        _, first, last, old_stage, old_pos, entered, updated, old_name = found[contact_id]
        interaction_id = follow_up_id = None
        if old_stage == stage_id:
            conn.execute(
                "UPDATE contacts SET stage_position = ? WHERE id = ?", (position, contact_id)
            )
        else:
            conn.execute(
                "UPDATE contacts SET stage_id = ?, stage_position = ?, stage_entered_at = ?,"
                " updated_at = ? WHERE id = ?",
                (stage_id, position, stamp, stamp, contact_id),
            )
            interaction_id = conn.execute(
                "INSERT INTO interactions (contact_id, kind, occurred_at, summary, body) "
                "VALUES (?, 'stage', ?, ?, '')",
                (contact_id, stamp, f"{old_name} → {target[0]}"),
            ).lastrowid
            assert interaction_id is not None
            key = f"move:{interaction_id}"
            close_on_stage_entered(conn, contact_id, rule, key, now)
            follow_up_id = rule_follow_up(conn, contact_id, rule, today=today, now=now)
        cards.append(
            MovedCard(
                id=contact_id,
                name=display_name(first, last),
                from_stage=old_stage,
                from_position=old_pos,
                from_entered_at=entered,
                from_updated_at=updated,
                to_stage=stage_id,
                to_position=position,
                interaction_id=interaction_id,
                follow_up_id=follow_up_id,
            )
        )
    return MoveResult(tuple(cards), target[0], tuple(renumbered))


def undo_move(db: Database, result: MoveResult) -> Changes:
    """Put the cards of a move back: stage, position, days in stage; drop its history entries
    and the follow-ups it created."""
    with db.connection() as conn, write_transaction(conn):
        undo_cards(conn, result)
    return _changes(result)


def undo_cards(conn: sqlite3.Connection, result: MoveResult) -> None:
    """`undo_move` inside a transaction the caller holds."""
    conn.executemany(
        "UPDATE contacts SET stage_position = ? WHERE id = ?",
        [(position, contact_id) for contact_id, position in result.renumbered],
    )
    for card in result.cards:
        conn.execute(
            "UPDATE contacts SET stage_id = ?, stage_position = ?, stage_entered_at = ?, "
            "updated_at = ? WHERE id = ?",
            (
                card.from_stage,
                card.from_position,
                card.from_entered_at,
                card.from_updated_at,
                card.id,
            ),
        )
        if card.interaction_id is not None:
            reopen(conn, f"move:{card.interaction_id}")
            conn.execute("DELETE FROM interactions WHERE id = ?", (card.interaction_id,))
        if card.follow_up_id is not None:
            conn.execute("DELETE FROM follow_ups WHERE id = ?", (card.follow_up_id,))


def _changes(result: MoveResult) -> Changes:
    return Changes(
        contacts=result.ids | {contact_id for contact_id, _ in result.renumbered},
        # Entering another stage may create a rule's follow-up or close a nudge.
        follow_ups=any(c.interaction_id is not None for c in result.cards),
    )
