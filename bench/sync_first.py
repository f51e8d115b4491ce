"""The first sync of many contacts and meetings against a local Radicale, as the window runs it.

    .venv/bin/python -m bench.sync_first [--contacts 5000] [--events 2000]

Prints the requests sent, wall and CPU seconds, and the longest time the window's event
loop was blocked while the sync ran on its pool thread (a 2 ms timer measures the gaps),
against the same timer with nothing running (the baseline of the same run).
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"

import niquests
from PySide6.QtCore import QElapsedTimer, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication

from crm.calendar.meetings import MeetingFields
from crm.calendar.scheduling import create_meeting
from crm.samples.bulk import generate_contacts
from crm.store.localtime import local_zone
from crm.store.paths import DataPaths
from crm.store.schema import open_database
from tests.interop.dav_servers import dav_server
from ui.sync.worker import SyncJob, SyncRequest


def longest_gap(app: QApplication, busy: SyncJob | None, seconds: float) -> tuple[float, float]:
    """(longest gap between 2 ms timer ticks in ms, seconds until `busy` finished)."""
    gaps: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.nsecsElapsed()]

    def tick() -> None:
        now = clock.nsecsElapsed()
        gaps.append((now - last[0]) / 1e6)
        last[0] = now

    timer = QTimer()
    timer.setInterval(2)
    timer.timeout.connect(tick)
    timer.start()
    done = [False]
    if busy is not None:
        busy.signals.finished.connect(lambda *_: done.__setitem__(0, True))
        busy.signals.failed.connect(lambda _r, m: (print("failed:", m), done.__setitem__(0, True)))
        QThreadPool.globalInstance().start(busy)
    start = time.perf_counter()
    while (busy is not None and not done[0]) or (
        busy is None and time.perf_counter() - start < seconds
    ):
        app.processEvents()
        time.sleep(0.0005)
    took = time.perf_counter() - start
    timer.stop()
    return max(gaps, default=0.0), took


REQUESTS = [0]
_send = niquests.Session.request


def _counted(self: niquests.Session, *args: object, **kwargs: object) -> niquests.Response:
    REQUESTS[0] += 1
    return _send(self, *args, **kwargs)  # type: ignore[arg-type]


def add_meetings(database: object, count: int, contacts: range) -> None:
    """`count` meetings over the last and next months, each with one or two of `contacts`."""
    start = datetime(2026, 1, 5, 9, 0)
    for n in range(count):
        at = start + timedelta(days=n % 120, hours=n % 8)
        people = (contacts[n % len(contacts)], contacts[(n * 7 + 3) % len(contacts)])
        fields = MeetingFields(
            f"Coffee chat {n}", at, at + timedelta(minutes=30), attendee_ids=tuple(set(people))
        )
        create_meeting(database, fields, tz=local_zone())  # type: ignore[arg-type]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--contacts", type=int, default=5000)
    parser.add_argument("--events", type=int, default=2000)
    args = parser.parse_args()
    niquests.Session.request = _counted  # type: ignore[method-assign]
    app = QApplication([])
    root = Path(tempfile.mkdtemp(prefix="rapport-bench-sync-"))
    try:
        with dav_server("radicale", root / "server") as server:
            database = open_database(DataPaths(root / "data").ensure()).database
            contacts = generate_contacts(database, args.contacts, seed=3)
            add_meetings(database, args.events, contacts)
            account = server.add_account(database, "bench", calendar=bool(args.events))
            job = SyncJob(database, SyncRequest(account, "x"))
            REQUESTS[0] = 0
            cpu = time.process_time()
            gap, took = longest_gap(app, job, 0)
            cpu = time.process_time() - cpu
            base_gap, _ = longest_gap(app, None, min(took, 10.0))
            requests = REQUESTS[0]
            print(
                f"first sync of {args.contacts:,} contacts and {args.events:,} meetings "
                "to a local Radicale"
            )
            print(
                f"  {requests:,} requests; took {took:.1f} s wall, {cpu:.1f} s CPU (this process)"
            )
            print(
                f"  longest event-loop block: {gap:.1f} ms (idle baseline {base_gap:.1f} ms, "
                f"{gap / max(base_gap, 0.1):.1f}x)"
            )
            database.dispose()
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
