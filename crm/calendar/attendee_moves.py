"""Moving a meeting's attendees on in the pipeline (to Scheduled, to Met) as the board does.

The move runs inside the caller's unit of work, so scheduling a meeting or marking one
done commits the meeting and its stage move together, or neither.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo

from sqlalchemy.orm import Session

from crm.changes import Changes
from crm.pipeline.card_moves import MoveResult, move_cards, undo_cards
from crm.pipeline.stage_offers import contacts_behind, stage_named
from crm.store.db import Database
from crm.store.localtime import local_today


def move_behind(
    db: Database, session: Session, ids: Sequence[int], stage_name: str, tz: tzinfo
) -> MoveResult | None:
    """Move those of `ids` still behind `stage_name` there, in `session`'s transaction
    (None: nobody to move, or the stage was renamed away)."""
    stage = stage_named(session, stage_name)
    if stage is None or not ids:
        return None
    eligible = {o.contact_id for o in contacts_behind(session, ids, stage_name)}
    order = [i for i in ids if i in eligible]
    if not order:
        return None
    now = db.now()
    conn = db.sql(session)
    return move_cards(conn, order, stage.id, before=None, now=now, today=local_today(now, tz))


def undo_behind(db: Database, session: Session, move: MoveResult | None) -> None:
    """Take back a `move_behind` in `session`'s transaction."""
    if move is not None:
        undo_cards(db.sql(session), move)


def move_changes(move: MoveResult | None) -> Changes:
    if move is None:
        return Changes()
    follow_ups = any(c.follow_up_id is not None for c in move.cards)
    return Changes(contacts=move.ids, follow_ups=follow_ups)


def move_attendees(
    db: Database, ids: Sequence[int], stage_name: str, tz: tzinfo
) -> tuple[MoveResult | None, Changes]:
    """Move those of `ids` still behind `stage_name` there, as the pipeline moves a card."""
    with db.session() as session:
        move = move_behind(db, session, ids, stage_name, tz)
    return move, move_changes(move)


def undo_move(db: Database, move: MoveResult | None) -> Changes:
    """Take back a `move_attendees`."""
    if move is None:
        return Changes()
    with db.session() as session:
        undo_behind(db, session, move)
    return move_changes(move)
