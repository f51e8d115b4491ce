"""The dashboard's numbers: the funnel by stage, reply rate, days from outreach to meeting,
meetings held and new people contacted per week, applications by status (and how many
came with a referral), and who introduced whom (a tree per company, crm.today.referral_tree).

Each is one aggregate query (the dashboard is painted within 50 ms at 10,000 contacts).
"""

from __future__ import annotations

import sqlite3
import statistics
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo

from crm.store.db import Database
from crm.store.job_models import APPLICATION_STATUSES
from crm.store.localtime import day_bounds_utc
from crm.store.stored_time import read_datetime, stored_datetime
from crm.today.outreach import OUTREACH, week_start
from crm.today.preferences import weekly_goal
from crm.today.referral_tree import ReferralTree, referral_trees

WEEKS = 12


@dataclass(frozen=True)
class FunnelStep:
    stage: str
    color: str
    reached: int  # people who ever reached this stage


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
    referrals: tuple[ReferralTree, ...]
    applications: tuple[tuple[str, int], ...] = ()  # (status, how many), in status order
    referred_applications: int = 0  # applications with a contact who referred the user

    @property
    def application_count(self) -> int:
        return sum(n for _s, n in self.applications)

    @property
    def reply_rate(self) -> float | None:
        return self.replied / self.contacted if self.contacted else None


_FUNNEL = """
SELECT furthest, count(*) FROM (
    SELECT id, max(pos) AS furthest FROM (
        SELECT c.id AS id, s.position AS pos FROM contacts c
        JOIN stages s ON s.id = c.stage_id WHERE s.is_closed = 0
        UNION ALL
        SELECT i.contact_id, st.position FROM interactions i JOIN stages st
        ON st.is_closed = 0
        AND (i.summary LIKE '% → ' || st.name OR i.summary LIKE st.name || ' → %')
        WHERE i.kind = 'stage'
    ) GROUP BY id
) GROUP BY furthest
"""
_FIRSTS = (
    "SELECT contact_id, min(occurred_at) AS first FROM interactions "
    f"WHERE {OUTREACH} GROUP BY contact_id"
)
# The first meeting (not cancelled) of each person met.
_FIRST_MEETINGS = """
SELECT a.contact_id, min(mt.start_at) FROM meeting_attendees a
JOIN meetings mt ON mt.id = a.meeting_id WHERE mt.status != 'cancelled' GROUP BY a.contact_id
"""
# Who answered: a reply logged from them, or they got past waiting for one (a later stage
# than the first nudging one, or a meeting).
_REPLIED = f"""
SELECT count(*) FROM (SELECT DISTINCT contact_id FROM interactions WHERE {OUTREACH}) o
JOIN contacts c ON c.id = o.contact_id JOIN stages s ON s.id = c.stage_id
WHERE EXISTS (SELECT 1 FROM interactions WHERE direction = 'in' AND contact_id = c.id)
   OR (s.is_closed = 0 AND s.position > :nudging)
   OR EXISTS (SELECT 1 FROM meeting_attendees a WHERE a.contact_id = c.id)
"""


def _funnel(conn: sqlite3.Connection) -> tuple[FunnelStep, ...]:
    """How many people ever reached each open stage: the furthest stage each one was in
    (now, or named on either side of a history entry "Reached out → Scheduled")."""
    stages = conn.execute(
        "SELECT name, color, position FROM stages WHERE is_closed = 0 ORDER BY position"
    ).fetchall()
    furthest = sorted((int(pos), int(n)) for pos, n in conn.execute(_FUNNEL))
    steps = []
    for name, color, position in stages:
        reached = sum(n for pos, n in furthest if pos >= position)
        steps.append(FunnelStep(name, color, reached))
    return tuple(steps)


def _per_week(stamps: list[str], bounds: list[str]) -> tuple[int, ...]:
    """How many of `stamps` (stored UTC text) fall in each week between `bounds`."""
    counts = [0] * (len(bounds) - 1)
    for value in stamps:
        index = bisect_right(bounds, value) - 1
        if 0 <= index < len(counts):
            counts[index] += 1
    return tuple(counts)


def dashboard(db: Database, today: date, tz: tzinfo) -> DashboardData:
    """Everything the dashboard shows, as of the user's local `today`."""
    first_week = week_start(today) - timedelta(weeks=WEEKS - 1)
    weeks = tuple(first_week + timedelta(weeks=n) for n in range(WEEKS))
    # The weeks' local midnights as stored UTC text: rows are counted by comparing text.
    bounds = [stored_datetime(day_bounds_utc(w, w, tz)[0]) for w in weeks]
    bounds.append(stored_datetime(day_bounds_utc(today, today, tz)[1]))
    with db.connection() as conn:
        funnel = _funnel(conn)
        nudging = conn.execute(
            "SELECT min(position) FROM stages WHERE followup_reason = 'nudge' AND is_closed = 0"
        ).fetchone()[0]
        # Each person's first outreach, read once: who was contacted, when (per week), and
        # the days from it to their first meeting all come from it.
        firsts = {int(c): str(v) for c, v in conn.execute(_FIRSTS)}
        first_meetings = [(int(c), str(v)) for c, v in conn.execute(_FIRST_MEETINGS)]
        replied = conn.execute(
            _REPLIED, {"nudging": nudging if nudging is not None else 1 << 30}
        ).fetchone()[0]
        held = [
            str(v)
            for (v,) in conn.execute(
                "SELECT start_at FROM meetings WHERE status = 'done' AND start_at >= ? "
                "AND start_at < ?",
                (bounds[0], bounds[-1]),
            )
        ]
        by_status = dict(conn.execute("SELECT status, count(*) FROM applications GROUP BY status"))
        referred = conn.execute(
            "SELECT count(DISTINCT application_id) FROM application_contacts "
            "WHERE role = 'referred_by'"
        ).fetchone()[0]
    days = [
        (read_datetime(met) - read_datetime(firsts[cid])).total_seconds() / 86400
        for cid, met in first_meetings
        if cid in firsts and met >= firsts[cid]
    ]
    in_weeks = [v for v in firsts.values() if bounds[0] <= v < bounds[-1]]
    return DashboardData(
        funnel=funnel,
        contacted=len(firsts),
        replied=int(replied),
        median_days_to_meeting=statistics.median(days) if days else None,
        weeks=weeks,
        meetings_held=_per_week(held, bounds),
        new_contacted=_per_week(in_weeks, bounds),
        goal=weekly_goal(db),
        referrals=referral_trees(db),
        applications=tuple((s, int(by_status.get(s, 0))) for s in APPLICATION_STATUSES),
        referred_applications=int(referred),
    )
