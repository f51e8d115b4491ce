"""The pipeline board: which cards sit in which column, and what each card shows.

The board is a hot path (thousands of cards), so these services use plain SQL on the
thread's kept `Database.connection()`; moving cards lives in `card_moves`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from crm.contacts.search import fts_query
from crm.contacts.service import display_name
from crm.store.db import Database
from crm.store.id_lists import chunks, placeholders
from crm.store.stored_time import read_date, read_datetime
from crm.today.cadence_sql import REACH_OUT_SQL

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
                    entered_at=read_datetime(r[6]),
                    next_follow_up=read_date(r[7]) if r[7] else None,
                    tags=tuple(sorted(r[8].split(TAG_SEPARATOR), key=str.casefold)) if r[8] else (),
                    reach_out=read_date(r[9]) if r[9] else None,
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
                found[contact_id] = read_date(due)
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
