"""The dashboard's numbers: the funnel by stage, reply rate, days from outreach to meeting,
meetings held and new people contacted per week, and who introduced whom.

Each is one aggregate query (the dashboard is painted within 50 ms at 10,000 contacts).
"""

from __future__ import annotations

import sqlite3
import statistics
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from crm.store.db import Database
from crm.store.localtime import day_bounds_utc, to_local
from crm.today.lifecycle import stamp
from crm.today.outreach import week_start
from crm.today.preferences import weekly_goal

WEEKS = 12
# An outgoing message; entries from before directions were recorded count as outgoing.
_OUT = "kind IN ('email', 'message', 'call') AND (direction IS NULL OR direction = 'out')"


@dataclass(frozen=True)
class FunnelStep:
    stage: str
    color: str
    reached: int  # people who ever reached this stage


@dataclass(frozen=True)
class Referral:
    company: str
    introducer: str
    introduced: tuple[str, ...]


@dataclass(frozen=True)
class DashboardData:
    funnel: tuple[FunnelStep, ...]
    contacted: int  # people written to at least once
    replied: int  # of those, who answered (or got further than waiting for an answer)
    median_days_to_meeting: float | None
    weeks: tuple[date, ...]  # the Mondays of the last WEEKS weeks, oldest first
    meetings_held: tuple[int, ...]
    new_contacted: tuple[int, ...]
    goal: int
    referrals: tuple[Referral, ...]

    @property
    def reply_rate(self) -> float | None:
        return self.replied / self.contacted if self.contacted else None


def _funnel(
    conn: sqlite3.Connection, stages: list[tuple[int, str, str, int]]
) -> tuple[FunnelStep, ...]:
    """How many people ever reached each open stage: the furthest stage each one was in
    (now, or named on either side of a history entry "Reached out → Scheduled")."""
    position = {name.casefold(): pos for _sid, name, _color, pos in stages}
    furthest: dict[int, int] = {}
    for contact_id, pos in conn.execute(
        "SELECT c.id, s.position FROM contacts c JOIN stages s ON s.id = c.stage_id "
        "WHERE s.is_closed = 0"
    ):
        furthest[contact_id] = pos
    for contact_id, summary in conn.execute(
        "SELECT contact_id, summary FROM interactions WHERE kind = 'stage'"
    ):
        for name in str(summary).split(" → "):
            pos = position.get(name.strip().casefold())
            if pos is not None and pos > furthest.get(contact_id, -1):
                furthest[contact_id] = pos
    reached = sorted(furthest.values())
    steps = []
    for _sid, name, color, pos in stages:
        count = len(reached) - bisect_left(reached, pos)
        steps.append(FunnelStep(name, color, count))
    return tuple(steps)


def dashboard(db: Database, today: date, tz: tzinfo) -> DashboardData:
    """Everything the dashboard shows, as of the user's local `today`."""
    first_week = week_start(today) - timedelta(weeks=WEEKS - 1)
    weeks = tuple(first_week + timedelta(weeks=n) for n in range(WEEKS))
    start, end = day_bounds_utc(first_week, today, tz)
    with db.connection() as conn:
        stages = conn.execute(
            "SELECT id, name, color, position FROM stages WHERE is_closed = 0 ORDER BY position"
        ).fetchall()
        funnel = _funnel(conn, stages)
        nudge_position = conn.execute(
            "SELECT min(position) FROM stages WHERE followup_reason = 'nudge' AND is_closed = 0"
        ).fetchone()[0]
        firsts = conn.execute(
            f"SELECT contact_id, min(occurred_at) FROM interactions WHERE {_OUT} "
            "GROUP BY contact_id"
        ).fetchall()
        replied = conn.execute(
            f"SELECT count(*) FROM (SELECT DISTINCT contact_id FROM interactions WHERE {_OUT}) o "
            "JOIN contacts c ON c.id = o.contact_id JOIN stages s ON s.id = c.stage_id "
            "WHERE EXISTS (SELECT 1 FROM interactions i WHERE i.contact_id = c.id "
            "AND i.direction = 'in') OR (s.is_closed = 0 AND s.position > ?) "
            "OR EXISTS (SELECT 1 FROM meeting_attendees a WHERE a.contact_id = c.id)",
            (nudge_position if nudge_position is not None else 1 << 30,),
        ).fetchone()[0]
        first_meetings = dict(
            conn.execute(
                "SELECT a.contact_id, min(m.start_at) FROM meeting_attendees a "
                "JOIN meetings m ON m.id = a.meeting_id WHERE m.status != 'cancelled' "
                "GROUP BY a.contact_id"
            ).fetchall()
        )
        held = conn.execute(
            "SELECT start_at FROM meetings WHERE status = 'done' AND start_at >= ? "
            "AND start_at < ?",
            (stamp(start), stamp(end)),
        ).fetchall()
        referrals = conn.execute(
            "SELECT coalesce(co.name, ''), r.first_name, r.last_name, c.first_name, c.last_name "
            "FROM contacts c JOIN contacts r ON r.id = c.referred_by_id "
            "LEFT JOIN companies co ON co.id = c.company_id "
            "ORDER BY co.name IS NULL, co.name COLLATE NOCASE, r.last_name, r.first_name, "
            "c.last_name, c.first_name"
        ).fetchall()
    days = []
    for contact_id, first in firsts:
        met = first_meetings.get(contact_id)
        if met is not None and met >= first:
            gap = datetime.fromisoformat(met) - datetime.fromisoformat(first)
            days.append(gap.total_seconds() / 86400)
    held_per_week = [0] * WEEKS
    for (start_at,) in held:
        index = (to_local(datetime.fromisoformat(start_at), tz).date() - first_week).days // 7
        if 0 <= index < WEEKS:
            held_per_week[index] += 1
    new_per_week = [0] * WEEKS
    for _contact, first in firsts:
        local = to_local(datetime.fromisoformat(first), tz).date()
        index = (local - first_week).days // 7
        if 0 <= index < WEEKS and local <= today:
            new_per_week[index] += 1
    return DashboardData(
        funnel=funnel,
        contacted=len(firsts),
        replied=int(replied),
        median_days_to_meeting=statistics.median(days) if days else None,
        weeks=weeks,
        meetings_held=tuple(held_per_week),
        new_contacted=tuple(new_per_week),
        goal=weekly_goal(db),
        referrals=_group(referrals),
    )


def _group(rows: list[tuple[str, str, str, str, str]]) -> tuple[Referral, ...]:
    grouped: dict[tuple[str, str], list[str]] = {}
    for company, rfirst, rlast, first, last in rows:
        introducer = " ".join(p for p in (rfirst, rlast) if p)
        name = " ".join(p for p in (first, last) if p)
        grouped.setdefault((company, introducer), []).append(name)
    return tuple(Referral(c, i, tuple(n)) for (c, i), n in grouped.items())
