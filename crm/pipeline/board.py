"""The pipeline board: which cards sit in which column, card details, and moving cards.

The board is the hot path (thousands of cards, a move must save and repaint within a
frame), so these services use plain sqlite3 on the thread's kept `Database.connection()`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from crm.changes import Changes
from crm.contacts.search import fts_query
from crm.contacts.service import display_name
from crm.errors import NotFoundError
from crm.store.db import Database, write_transaction
from crm.store.id_lists import chunks, placeholders
from crm.store.localtime import local_today, local_zone
from crm.today.cadence_sql import REACH_OUT_SQL
from crm.today.lifecycle import StageRule, close_on_stage_entered, reopen, rule_follow_up

# Below this gap between two neighbours a column is renumbered 1, 2, 3...
MIN_GAP = 1e-6
TAG_SEPARATOR = "\x1f"


@dataclass(frozen=True)
class BoardFilter:
    """What the board shows: a search text (same FTS search as Contacts), a tag, a company."""

    text: str = ""
    tag_id: int | None = None
    company_id: int | None = None

    @property
    def is_empty(self) -> bool:
        return fts_query(self.text) is None and self.tag_id is None and self.company_id is None


@dataclass(frozen=True)
class Column:
    """The cards of one stage, in board order, with their positions (parallel tuples)."""

    ids: tuple[int, ...]
    positions: tuple[float, ...]


@dataclass(frozen=True)
class BoardIds:
    columns: Mapping[int, Column]  # stage id -> its cards


@dataclass(frozen=True, slots=True)
class CardRow:
    """What a card shows."""

    id: int
    name: str
    company: str
    title: str
    stage_id: int
    entered_at: datetime
    next_follow_up: date | None
    tags: tuple[str, ...]
    reach_out: date | None = None  # the keep-in-touch date (crm.today.cadence)

    def days_in_stage(self, now: datetime) -> int:
        """Whole days since the card entered its stage (`now` naive UTC, as stored)."""
        return max(0, (now - self.entered_at).days)


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


def _stamp(moment: datetime) -> str:
    # The text form SQLAlchemy's SQLite DateTime type writes and reads back.
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f")


def _filter_sql(flt: BoardFilter | None) -> tuple[str, list[object]]:
    clauses = ["c.archived = 0"]
    params: list[object] = []
    if flt is not None:
        match = fts_query(flt.text)
        if match is not None:
            clauses.append("c.id IN (SELECT rowid FROM contact_fts WHERE contact_fts MATCH ?)")
            params.append(match)
        if flt.tag_id is not None:
            clauses.append("c.id IN (SELECT contact_id FROM contact_tags WHERE tag_id = ?)")
            params.append(flt.tag_id)
        if flt.company_id is not None:
            clauses.append("c.company_id = ?")
            params.append(flt.company_id)
    return " AND ".join(clauses), params


def load_board(db: Database, flt: BoardFilter | None = None) -> BoardIds:
    """The ids of the cards on the board, column by column (archived contacts left out)."""
    where, params = _filter_sql(flt)
    columns: dict[int, Column] = {}
    with db.connection() as conn:
        for (stage_id,) in conn.execute("SELECT id FROM stages").fetchall():
            # One indexed query per stage; zip(*) splits the rows without a Python loop.
            rows = conn.execute(
                f"SELECT c.id, c.stage_position FROM contacts c WHERE c.stage_id = ? "
                f"AND {where} ORDER BY c.stage_position, c.id",
                [stage_id, *params],
            ).fetchall()
            ids, positions = zip(*rows, strict=True) if rows else ((), ())
            columns[stage_id] = Column(ids, positions)
    return BoardIds(columns)


def locate_cards(
    db: Database, ids: Iterable[int], flt: BoardFilter | None = None
) -> dict[int, tuple[int, float] | None]:
    """Where each contact now belongs on the board: (stage id, position), or None if not shown."""
    wanted = list(dict.fromkeys(ids))
    where, params = _filter_sql(flt)
    found: dict[int, tuple[int, float] | None] = dict.fromkeys(wanted)
    with db.connection() as conn:
        for chunk in chunks(wanted):
            for contact_id, stage_id, position in conn.execute(
                f"SELECT c.id, c.stage_id, c.stage_position FROM contacts c "
                f"WHERE c.id IN ({placeholders(len(chunk))}) AND {where}",
                [*chunk, *params],
            ):
                found[contact_id] = (stage_id, position)
    return found


_CARD_SQL = """
SELECT c.id, c.first_name, c.last_name, coalesce(co.name, ''), c.title, c.stage_id,
       c.stage_entered_at,
       (SELECT min(f.due_date) FROM follow_ups f INDEXED BY ix_follow_ups_contact_id
         WHERE f.contact_id = c.id AND f.done_at IS NULL),
       (SELECT group_concat(t.name, char(31)) FROM contact_tags ct
          JOIN tags t ON t.id = ct.tag_id WHERE ct.contact_id = c.id),
       {reach_out}
FROM contacts c LEFT JOIN companies co ON co.id = c.company_id
WHERE c.id IN ({marks})
"""


def card_rows(db: Database, ids: Sequence[int]) -> dict[int, CardRow]:
    """What the cards of `ids` show (contacts that no longer exist are left out)."""
    rows: dict[int, CardRow] = {}
    with db.connection() as conn:
        for chunk in chunks(list(ids)):
            sql = _CARD_SQL.format(marks=placeholders(len(chunk)), reach_out=REACH_OUT_SQL)
            for r in conn.execute(sql, list(chunk)):
                rows[r[0]] = CardRow(
                    id=r[0],
                    name=display_name(r[1], r[2]),
                    company=r[3],
                    title=r[4],
                    stage_id=r[5],
                    entered_at=datetime.fromisoformat(r[6]),
                    next_follow_up=date.fromisoformat(r[7]) if r[7] else None,
                    tags=tuple(sorted(r[8].split(TAG_SEPARATOR), key=str.casefold)) if r[8] else (),
                    reach_out=date.fromisoformat(r[9]) if r[9] else None,
                )
    return rows


def next_follow_ups(db: Database, ids: Sequence[int]) -> dict[int, date]:
    """The earliest open follow-up of each of `ids` that has one."""
    found: dict[int, date] = {}
    with db.connection() as conn:
        for chunk in chunks(list(ids)):
            for contact_id, due in conn.execute(
                "SELECT contact_id, min(due_date) FROM follow_ups "
                f"WHERE done_at IS NULL AND contact_id IN ({placeholders(len(chunk))}) "
                "GROUP BY contact_id",
                list(chunk),
            ):
                found[contact_id] = date.fromisoformat(due)
    return found


def filter_choices(db: Database) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """(tags, companies) worth offering in the board's filter: those of non-archived contacts."""
    with db.connection() as conn:
        # EXISTS stops at the first card of each tag or company; a DISTINCT over the join
        # visited every card (40 ms at 5,000 cards, right after the board's first paint).
        tags = conn.execute(
            "SELECT t.id, t.name FROM tags t WHERE EXISTS (SELECT 1 FROM contact_tags ct "
            "JOIN contacts c ON c.id = ct.contact_id WHERE ct.tag_id = t.id AND c.archived = 0) "
            "ORDER BY t.name COLLATE NOCASE"
        ).fetchall()
        companies = conn.execute(
            "SELECT co.id, co.name FROM companies co WHERE EXISTS (SELECT 1 FROM contacts c "
            "WHERE c.company_id = co.id AND c.archived = 0) ORDER BY co.name COLLATE NOCASE"
        ).fetchall()
    return [(i, n) for i, n in tags], [(i, n) for i, n in companies]


# -- moving cards --------------------------------------------------------------------------


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
        stamp = _stamp(now)
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
    result = MoveResult(tuple(cards), target[0], tuple(renumbered))
    return result, _changes(result)


def undo_move(db: Database, result: MoveResult) -> Changes:
    """Put the cards of a move back: stage, position, days in stage; drop its history entries
    and the follow-ups it created."""
    with db.connection() as conn, write_transaction(conn):
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
    return _changes(result)


def _changes(result: MoveResult) -> Changes:
    return Changes(
        contacts=result.ids | {contact_id for contact_id, _ in result.renumbered},
        # Entering another stage may create a rule's follow-up or close a nudge.
        follow_ups=any(c.interaction_id is not None for c in result.cards),
    )
