"""Benchmark: the Today page and the dashboard at 10,000 contacts and 50,000 interactions.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m bench.today [--contacts 10000]
        [--interactions 50000] [--samples 15]

Figures (medians of wall and CPU milliseconds, and the ratio against a baseline measured
in the same run):

- baselines: the same Today page and dashboard on an empty data file (no contacts), opened
  and painted the same way: the widgets' own cost, which the data adds to.
- Today, opened: the page's list loaded (every query of the Today list: follow-ups,
  meetings, keep-in-touch over every contact, nudges, the Not now suggestions, the week's
  goal) and the visible lines painted, as showing the page does.
- Dashboard, opened: its numbers computed (funnel, reply rate, days to a meeting, twelve
  weeks of meetings and outreach, applications by status, the referral trees per company)
  and the whole view painted.
- Today, after a change: the reload a hub signal causes on a shown page, and its repaint.

The budget (DESIGN.md): each painted within 50 ms at this size of data.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtGui import QUndoStack

from bench._common import median, print_table
from crm.store.clock import fixed_clock
from crm.store.paths import DataPaths
from crm.store.schema import open_database
from ui.app import ensure_app
from ui.context import AppContext
from ui.hub import Hub
from ui.today.dashboard import DashboardView
from ui.today.page import TodayPage

NOW = datetime(2026, 3, 10, 14, 30)
SIZE = (1100, 800)
KINDS = ("email", "call", "message", "note", "meeting")
MARK = "bench.today.interactions"
JOBS_MARK = "bench.today.jobs"
STATUSES = ("Interested", "Applied", "Interviewing", "Offer", "Rejected", "Withdrawn")


def today_folder(contacts: int) -> DataPaths:
    """A data folder of this benchmark's own (its schema has the cadence columns; the
    other benchmarks' shared folders are left as they are)."""
    root = Path(tempfile.gettempdir()) / f"rapport-bench-today-{contacts}"
    paths = DataPaths(root)
    if paths.database.exists():
        conn = sqlite3.connect(paths.database)
        try:
            count = conn.execute("SELECT count(*) FROM contacts").fetchone()[0]
        except sqlite3.Error:
            count = -1
        finally:
            conn.close()
        if count == contacts:
            return paths
    shutil.rmtree(root, ignore_errors=True)
    from crm.samples.data import generate_contacts

    database = open_database(paths.ensure()).database
    try:
        generate_contacts(database, contacts, 1)
    finally:
        database.dispose()
    return paths


def add_history(paths: DataPaths, interactions: int, seed: int = 7) -> None:
    """Interactions, nudges and follow-ups spread over the contacts (once per folder)."""
    conn = sqlite3.connect(paths.database)
    try:
        done = conn.execute("SELECT value FROM settings WHERE key = ?", (MARK,)).fetchone()
        if done is not None and int(done[0]) == interactions:
            return
        rng = random.Random(seed)
        ids = [r[0] for r in conn.execute("SELECT id FROM contacts")]
        stamp = "%Y-%m-%d %H:%M:%S.%f"
        rows = []
        for _ in range(interactions):
            when = NOW - timedelta(minutes=rng.randrange(60 * 24 * 400))
            direction = rng.choice(("out", "out", "in", None))
            rows.append((rng.choice(ids), rng.choice(KINDS), when.strftime(stamp), direction))
        with conn:
            conn.executemany(
                "INSERT INTO interactions (contact_id, kind, occurred_at, summary, body,"
                " direction) VALUES (?, ?, ?, 'Bench', '', ?)",
                rows,
            )
            follow_ups = []
            for contact_id in rng.sample(ids, len(ids) // 10):
                due = (NOW.date() + timedelta(days=rng.randrange(-20, 20))).isoformat()
                reason = rng.choice(("nudge", None, "thanks", "nudge2"))
                follow_ups.append((contact_id, "Bench follow-up", due, NOW.strftime(stamp), reason))
            conn.executemany(
                "INSERT INTO follow_ups (contact_id, title, due_date, created_at, reason)"
                " VALUES (?, ?, ?, ?, ?)",
                follow_ups,
            )
            conn.execute(
                "INSERT OR REPLACE INTO settings(key, value) VALUES (?, ?)", (MARK, interactions)
            )
    finally:
        conn.close()


def add_job_search(paths: DataPaths, seed: int = 11) -> None:
    """Introductions (one contact in 20 referred by another), 40 target employers and 300
    applications there, a third of them referred, deadlines and interviews near today."""
    conn = sqlite3.connect(paths.database)
    try:
        if conn.execute("SELECT 1 FROM settings WHERE key = ?", (JOBS_MARK,)).fetchone():
            return
        rng = random.Random(seed)
        ids = [r[0] for r in conn.execute("SELECT id FROM contacts")]
        companies = [r[0] for r in conn.execute("SELECT id FROM companies ORDER BY id")]
        stamp = NOW.strftime("%Y-%m-%d %H:%M:%S.%f")
        with conn:
            conn.executemany(
                "UPDATE contacts SET referred_by_id = ? WHERE id = ?",
                [(rng.choice(ids), cid) for cid in rng.sample(ids, len(ids) // 20)],
            )
            targets = rng.sample(companies, min(40, len(companies)))
            conn.executemany(
                "UPDATE companies SET is_target = 1, motivation = 2, target_rank = ? WHERE id = ?",
                [(float(n), cid) for n, cid in enumerate(targets, start=1)],
            )
            for n in range(300):
                day = NOW.date() + timedelta(days=rng.randrange(-10, 20))
                app_id = conn.execute(
                    "INSERT INTO applications (company_id, title, status, deadline, interview_on,"
                    " notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, '', ?, ?)",
                    (
                        rng.choice(targets),
                        f"Role {n}",
                        rng.choice(STATUSES),
                        day.isoformat(),
                        day.isoformat(),
                        stamp,
                        stamp,
                    ),
                ).lastrowid
                if n % 3 == 0:
                    conn.execute(
                        "INSERT INTO application_contacts VALUES (?, ?, 'referred_by')",
                        (app_id, rng.choice(ids)),
                    )
            conn.execute("INSERT INTO settings(key, value) VALUES (?, '1')", (JOBS_MARK,))
    finally:
        conn.close()


def timed(action: Callable[[], None], samples: int) -> tuple[float, float]:
    """Median wall and CPU milliseconds of `action`."""
    walls, cpus = [], []
    for _ in range(samples):
        wall, cpu = time.perf_counter(), time.process_time()
        action()
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return median(walls), median(cpus)


def open_today(page: TodayPage) -> None:
    page.refresher.request()
    page.refresher.run()
    page.repaint()


def reload_today(page: TodayPage) -> None:
    page.model.reload()
    page.repaint()


def open_dashboard(view: DashboardView) -> None:
    view.refresher.request()
    view.refresher.run()
    view.repaint()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=10_000)
    parser.add_argument("--interactions", type=int, default=50_000)
    parser.add_argument("--samples", type=int, default=15)
    args = parser.parse_args()
    app = ensure_app()
    paths = today_folder(args.contacts)
    open_database(paths).database.dispose()  # a folder from an earlier schema is upgraded
    add_history(paths, args.interactions)
    add_job_search(paths)
    db = open_database(paths, clock=fixed_clock(NOW)).database
    ctx = AppContext(paths=paths, db=db, hub=Hub(), undo_stack=QUndoStack())
    zone = ZoneInfo("UTC")

    empty_root = Path(tempfile.mkdtemp(prefix="rapport-bench-today-empty-"))
    empty_db = open_database(DataPaths(empty_root).ensure(), clock=fixed_clock(NOW)).database
    empty = AppContext(paths=paths, db=empty_db, hub=Hub(), undo_stack=QUndoStack())
    results = {}
    for name, context in (("empty", empty), ("full", ctx)):
        page = TodayPage(context, tz=zone)
        page.resize(*SIZE)
        page.show()
        view = DashboardView(context, zone)
        view.resize(*SIZE)
        view.show()
        app.processEvents()
        results[name] = (
            timed(partial(open_today, page), args.samples),
            timed(partial(reload_today, page), args.samples),
            timed(partial(open_dashboard, view), args.samples),
            len(page.model.items()),
        )
        page.close()
        view.close()
    db.dispose()
    empty_db.dispose()
    shutil.rmtree(empty_root, ignore_errors=True)
    (e_today, e_reload, e_dash, _), (today, reload, dash, items) = results["empty"], results["full"]
    rows = [
        ("Today opened, empty file (baseline)", *e_today, 1.0),
        (f"Today opened ({items} lines)", *today, today[0] / e_today[0]),
        ("Today reloaded after a change", *reload, reload[0] / e_reload[0]),
        ("Dashboard opened, empty file (baseline)", *e_dash, 1.0),
        ("Dashboard opened", *dash, dash[0] / e_dash[0]),
    ]
    print_table(
        f"Today and dashboard, {args.contacts:,} contacts, {args.interactions:,} interactions "
        f"(medians of {args.samples})",
        ("what", "wall ms", "CPU ms", "wall × baseline"),
        rows,
    )


if __name__ == "__main__":
    main()
