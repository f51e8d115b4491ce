"""Kill -9 at random points during real work, then check nothing acknowledged was lost and
nothing was half-applied.

A long-lived driver process imports Rapport and opens one data file once; for each kill
point it forks a worker that runs a deterministic stream of real user actions through the
services (create a contact, schedule a meeting that moves its attendee, mark it done, take
that back, log a note, move the card on the board, delete…), appending an fsynced line to
a log after each action returns. The driver kills the worker with SIGKILL after a random
delay, then compares the data file with the log: every logged action must be there, the
one in flight may be there or not, and no action may be there in part. The next worker
starts a fresh cycle of actions on the same file (after SQLite's crash recovery).

Run by tests/unit/test_kill_points.py (200 points) and bench/kill_points.py (more):
    python -m tests.kill_points --points 200 --seed 1
prints one JSON object: {"tried": N, "failed": N, "acknowledged": N, "problems": [...]}.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from crm.calendar.holding import DoneRecord, mark_done, undo_done
from crm.calendar.meetings import MeetingFields
from crm.calendar.scheduling import (
    MeetingSnapshot,
    create_meeting,
    delete_meeting,
    restore_meeting,
    schedule_again,
    unschedule_meeting,
)
from crm.contacts.history import log_interaction
from crm.contacts.service import ContactFields, create_contact, delete_contacts
from crm.pipeline.card_moves import MoveResult, move_contacts, undo_move
from crm.store.db import Database
from crm.store.paths import DataPaths
from crm.store.schema import open_database

START = datetime(2026, 3, 12, 9, 0)


@dataclass
class Cycle:
    """One contact's and one meeting's story; what undo needs is kept in memory."""

    j: int
    contact: int = 0
    meeting: int = 0
    board_move: MoveResult | None = None
    schedule_move: MoveResult | None = None
    done: DoneRecord | None = None
    snapshot: MeetingSnapshot | None = None
    extra: dict[str, Any] = field(default_factory=dict)


Action = Callable[[Database, Cycle], None]


def _create(db: Database, c: Cycle) -> None:
    c.contact, _ = create_contact(db, ContactFields(first_name=f"K{c.j}", last_name="Kill"))


def _schedule(db: Database, c: Cycle) -> None:
    start = START + timedelta(hours=c.j)
    values = MeetingFields(
        f"M{c.j}", start, start + timedelta(minutes=30), attendee_ids=(c.contact,)
    )
    c.meeting, c.schedule_move, _ = create_meeting(db, values, move_ids=[c.contact], tz=UTC)


def _unschedule(db: Database, c: Cycle) -> None:
    c.snapshot, _ = unschedule_meeting(db, c.meeting, c.schedule_move)


def _schedule_again(db: Database, c: Cycle) -> None:
    assert c.snapshot is not None
    c.schedule_move, _ = schedule_again(db, c.snapshot, [c.contact], UTC)


def _done(db: Database, c: Cycle) -> None:
    c.done, _ = mark_done(db, c.meeting, f"notes {c.j}", move_ids=[c.contact], tz=UTC)


def _undo_done(db: Database, c: Cycle) -> None:
    assert c.done is not None
    undo_done(db, c.done)


def _log(db: Database, c: Cycle) -> None:
    log_interaction(db, c.contact, "note", START, f"note {c.j}")


def _board_move(db: Database, c: Cycle) -> None:
    with db.read() as session:
        thanked = session.execute(_stage_id_sql("Thanked")).scalar_one()
    c.board_move, _ = move_contacts(db, [c.contact], thanked)


def _undo_board_move(db: Database, c: Cycle) -> None:
    assert c.board_move is not None
    undo_move(db, c.board_move)


def _delete_meeting(db: Database, c: Cycle) -> None:
    c.snapshot, _ = delete_meeting(db, c.meeting)


def _restore_meeting(db: Database, c: Cycle) -> None:
    assert c.snapshot is not None
    restore_meeting(db, c.snapshot)


def _delete_contact(db: Database, c: Cycle) -> None:
    delete_contacts(db, [c.contact])


def _stage_id_sql(name: str) -> Any:
    from sqlalchemy import select

    from crm.store.models import Stage

    return select(Stage.id).where(Stage.name == name)


# Three stories, chosen by cycle number; each exercises a different undo path.
VARIANTS: tuple[tuple[Action, ...], ...] = (
    (_create, _schedule, _done, _undo_done, _done, _log, _board_move, _delete_contact),
    (_create, _schedule, _unschedule, _schedule_again, _done, _log, _board_move, _undo_board_move),
    (_create, _schedule, _done, _log, _delete_meeting, _restore_meeting, _delete_contact),
)


def actions_of(j: int) -> tuple[Action, ...]:
    return VARIANTS[j % len(VARIANTS)]


def observe(conn: sqlite3.Connection, j: int) -> tuple[object, ...]:
    """What a user could see of cycle `j`: the contact's stage, history and follow-ups,
    and the meeting's status and attendees."""
    contact = conn.execute(
        "SELECT c.id, s.name FROM contacts c JOIN stages s ON s.id = c.stage_id "
        "WHERE c.first_name = ? AND c.last_name = 'Kill'",
        (f"K{j}",),
    ).fetchone()
    history: tuple[object, ...] = ()
    if contact is not None:
        history = tuple(
            conn.execute(
                "SELECT kind, summary FROM interactions WHERE contact_id = ? "
                "ORDER BY kind, summary",
                (contact[0],),
            ).fetchall()
        ) + tuple(
            conn.execute(
                "SELECT title, done_at IS NULL FROM follow_ups WHERE contact_id = ? ORDER BY title",
                (contact[0],),
            ).fetchall()
        )
    meeting = conn.execute(
        "SELECT m.status, m.notes, (SELECT count(*) FROM meeting_attendees a "
        "WHERE a.meeting_id = m.id) FROM meetings m WHERE m.title = ?",
        (f"M{j}",),
    ).fetchall()
    return (contact[1] if contact else None, history, tuple(meeting))


def _normalise(state: object, j: int) -> Any:
    """The state with cycle `j`'s own number taken out of its texts, so cycles of one story
    compare."""
    if isinstance(state, str):
        return re.sub(rf"\b([KM]?){j}\b", r"\1#", state)
    if isinstance(state, tuple | list):
        return tuple(_normalise(item, j) for item in state)
    return state


def expected_states(db: Database) -> list[list[tuple[object, ...]]]:
    """For each story, the state after 0, 1, 2… of its actions (run here without kills)."""
    states = []
    for variant in range(len(VARIANTS)):
        j = 3_000_000 + variant  # same story as cycles j % 3 == variant
        cycle = Cycle(j)
        with sqlite3.connect(db.path) as conn:
            row = [_normalise(observe(conn, j), j)]
        for action in actions_of(j):
            action(db, cycle)
            with sqlite3.connect(db.path) as conn:
                row.append(_normalise(observe(conn, j), j))
        states.append(row)
    return states


def work(db: Database, log: Path, first_cycle: int) -> None:
    """The worker: cycles of real actions from `first_cycle` on, each one logged once done.

    It runs in a forked copy of the driver, on the driver's `Database` (whose connections
    were closed before the fork): SQLAlchemy's compiled statements come along, so the
    worker starts working at once.
    """
    fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    j = first_cycle
    while True:
        cycle = Cycle(j)
        for k, action in enumerate(actions_of(j)):
            action(db, cycle)
            os.write(fd, f"{j} {k}\n".encode())
            os.fsync(fd)
        j += 1


def acknowledged(log: Path) -> dict[int, int]:
    """Per cycle, how many of its actions the worker reported done (complete lines only)."""
    counts: dict[int, int] = {}
    text = log.read_text() if log.exists() else ""
    for line in text.split("\n")[:-1]:
        j, k = (int(x) for x in line.split())
        counts[j] = max(counts.get(j, 0), k + 1)
    return counts


@dataclass
class Report:
    tried: int = 0
    failed: int = 0
    acknowledged: int = 0
    in_flight: dict[str, int] = field(default_factory=dict)  # kills per action under way
    problems: list[str] = field(default_factory=list)


def check(
    database: Path,
    cycles: range,
    applied: dict[int, int],
    in_flight: int,
    expected: list[list[tuple[object, ...]]],
) -> list[str]:
    """Problems found in `cycles`: a lost acknowledged action or a half-applied one.

    `applied` holds how many actions of each cycle are known to be in the file (those
    acknowledged); the in-flight one may be there or not, and `applied` learns which.
    """
    problems = []
    conn = sqlite3.connect(database)
    try:
        for j in cycles:
            states = expected[j % len(VARIANTS)]
            done = applied.get(j, 0)
            allowed = (done, done + 1) if j == in_flight else (done,)
            seen = _normalise(observe(conn, j), j)
            match = next((n for n in allowed if n < len(states) and states[n] == seen), None)
            if match is None:
                problems.append(f"cycle {j}: {done} acknowledged, found {seen}")
            else:
                applied[j] = match
    finally:
        conn.close()
    return problems


def _wait_for_lines(log: Path, offset: int, lines: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if log.exists():
            with log.open("rb") as handle:
                handle.seek(offset)
                if handle.read().count(b"\n") >= lines:
                    return
        time.sleep(0.002)


def run(points: int, seed: int, folder: Path, max_delay: float = 0.03) -> Report:
    rng = random.Random(seed)
    paths = DataPaths(folder).ensure()
    db = open_database(paths).database
    expected = expected_states(db)
    log = folder / "acknowledged.log"
    report = Report()
    next_cycle = 0
    applied: dict[int, int] = {}
    for _ in range(points):
        db.dispose()  # no connection may cross the fork
        offset = log.stat().st_size if log.exists() else 0
        pid = os.fork()
        if pid == 0:  # the worker
            try:
                work(db, log, next_cycle)
            finally:
                os._exit(1)
        # Let the worker get a random number of actions in, so kills land at every step of
        # a story, then kill it a random moment later.
        _wait_for_lines(log, offset, rng.randrange(9))
        time.sleep(rng.uniform(0.0, max_delay))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        report.tried += 1
        acked = acknowledged(log)
        applied.update((j, n) for j, n in acked.items() if j >= next_cycle)
        last = max(acked, default=next_cycle - 1)
        last = max(last, next_cycle - 1)
        # The action in flight: the one after the last acknowledged, in its cycle or the next.
        if last >= next_cycle and acked.get(last, 0) < len(actions_of(last)):
            in_flight = last
        else:
            in_flight = last + 1
        problems = check(
            paths.database, range(next_cycle, in_flight + 1), applied, in_flight, expected
        )
        step = actions_of(in_flight)[min(acked.get(in_flight, 0), len(actions_of(in_flight)) - 1)]
        name = step.__name__.lstrip("_")
        report.in_flight[name] = report.in_flight.get(name, 0) + 1
        if problems:
            report.failed += 1
            report.problems.extend(problems[:3])
        next_cycle = in_flight + 1
    acked = acknowledged(log)
    report.acknowledged = sum(acked.values())
    # A last look at everything, after all the crashes: still nothing lost.
    final = check(paths.database, range(next_cycle), applied, -1, expected)
    report.problems.extend(final[:3])
    if final:
        report.failed += 1
    with sqlite3.connect(paths.database) as conn:
        verdict = conn.execute("PRAGMA integrity_check").fetchone()[0]
    if verdict != "ok":
        report.failed += 1
        report.problems.append(f"integrity: {verdict}")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--points", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-delay", type=float, default=0.03, help="seconds")
    parser.add_argument("--folder", type=Path, help="data folder (default: a new temporary one)")
    args = parser.parse_args(argv)
    folder = args.folder or Path(tempfile.mkdtemp(prefix="rapport-kill-"))
    report = run(args.points, args.seed, folder, args.max_delay)
    print(json.dumps(report.__dict__))
    return 0 if report.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
