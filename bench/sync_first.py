"""The first sync of many contacts and meetings against a local Radicale, in the window.

    .venv/bin/python -m bench.sync_first [--contacts 5000] [--events 2000]

The data folder is filled first; then the app's window is built and shown the way
`main.py` starts it (first page, the other pages after it, start-up's objects set aside),
and the sync runs through the window's own controller (File ▸ Sync Now): its pool thread
starts the sync's child process and waits on it, until the window has taken the report.
Prints the requests sent, wall seconds, CPU seconds of the window's process and of the
sync's, the child's start-up (from its start to its first word back), and the longest
time the window's event loop was blocked meanwhile (a 2 ms timer measures the gaps),
against the same timer in the same window with nothing running (the baseline of the same
run). Also the longest full pass of the cycle collector in the window's process, in CPU
time of the thread that ran it.

The heavy imports are made in `main`: the sync's child process imports this module too
(as `__mp_main__`, the way it imports `main.py` in the app), and should not pay for Qt.
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from crm.store.db import Database
    from tests.interop.dav_servers import DavServer


@dataclass(frozen=True)
class Gap:
    """The longest gap between two ticks of a 2 ms timer, and the CPU time the window's
    thread had in it: a gap the thread spent working is the window's own doing; one it
    spent without CPU waited (for the interpreter lock, or for a core the machine gave
    to others: compare with the idle baseline)."""

    ms: float
    cpu_ms: float


def longest_gap(app: QApplication, until: Callable[[], bool]) -> tuple[Gap, float]:
    """(the longest gap between 2 ms timer ticks, seconds until `until()` held)."""
    from PySide6.QtCore import QElapsedTimer, QTimer

    # Only the longest gap is kept: a list of every tick (600,000 in a 20-minute sync) made
    # the window's own cycle collector walk them all, a 79 ms pass the bench itself caused.
    longest = [Gap(0.0, 0.0)]
    clock = QElapsedTimer()
    clock.start()
    last = [clock.nsecsElapsed(), time.thread_time_ns()]

    def tick() -> None:
        now, cpu = clock.nsecsElapsed(), time.thread_time_ns()
        if now - last[0] > longest[0].ms * 1e6:
            longest[0] = Gap((now - last[0]) / 1e6, (cpu - last[1]) / 1e6)
        last[0], last[1] = now, cpu

    timer = QTimer()
    timer.setInterval(2)
    timer.timeout.connect(tick)
    timer.start()
    start = time.perf_counter()
    while not until():
        app.processEvents()
        time.sleep(0.0005)
    took = time.perf_counter() - start
    timer.stop()
    return longest[0], took


def for_seconds(seconds: float) -> Callable[[], bool]:
    end = time.perf_counter() + seconds
    return lambda: time.perf_counter() >= end


class FullPasses:
    """The longest full collection, in CPU seconds of the thread that ran it."""

    def __init__(self) -> None:
        self.longest = 0.0
        self._began = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            self._began = time.thread_time()
        else:
            self.longest = max(self.longest, time.thread_time() - self._began)


def add_meetings(database: Database, count: int, contacts: range) -> None:
    """`count` meetings over the last and next months, each with one or two of `contacts`."""
    from crm.calendar.meetings import MeetingFields
    from crm.calendar.scheduling import create_meeting
    from crm.store.localtime import local_zone

    start = datetime(2026, 1, 5, 9, 0)
    for n in range(count):
        at = start + timedelta(days=n % 120, hours=n % 8)
        people = (contacts[n % len(contacts)], contacts[(n * 7 + 3) % len(contacts)])
        fields = MeetingFields(
            f"Coffee chat {n}", at, at + timedelta(minutes=30), attendee_ids=tuple(set(people))
        )
        create_meeting(database, fields, tz=local_zone())


def fill(data: Path, server: DavServer, contacts: int, events: int) -> None:
    """The user's data before the first sync: contacts, meetings, and the account."""
    from crm.samples.bulk import generate_contacts
    from crm.store.paths import DataPaths
    from crm.store.schema import open_database

    database = open_database(DataPaths(data).ensure()).database
    ids = generate_contacts(database, contacts, seed=3)
    add_meetings(database, events, ids)
    server.add_account(database, "bench", calendar=bool(events))
    database.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--contacts", type=int, default=5000)
    parser.add_argument("--events", type=int, default=2000)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    from PySide6.QtWidgets import QApplication

    from crm.sync.accounts import list_accounts
    from crm.sync.child import Finished
    from tests.interop.dav_servers import dav_server
    from ui.app import create_main_window
    from ui.launch import install_the_rest
    from ui.sync.worker import SyncRequest

    app = QApplication([])
    root = Path(tempfile.mkdtemp(prefix="rapport-bench-sync-"))
    try:
        with dav_server("radicale", root / "server") as server:
            fill(root / "data", server, args.contacts, args.events)
            window = create_main_window(root / "data", first_page_only=True)
            window.show()
            longest_gap(app, for_seconds(0.5))
            warmed = install_the_rest(window)
            longest_gap(app, lambda: warmed.done)
            base_gap, _ = longest_gap(app, for_seconds(10.0))
            controller = window.sync  # type: ignore[attr-defined]
            account = list_accounts(window.ctx.db)[0]
            taken: list[bool] = []
            controller.idle.connect(lambda: taken.append(True))
            passes = FullPasses()
            gc.callbacks.append(passes)
            cpu = time.process_time()
            job = controller.run(SyncRequest(account, "x", quiet=False))
            gap, took = longest_gap(app, lambda: bool(taken))
            cpu = time.process_time() - cpu
            gc.callbacks.remove(passes)
            outcome = job.outcome
            done = controller.log[-1].report.counts() if controller.log else controller.error
            where = "in a child process" if job.child is not None else "in the window's process"
            print(
                f"first sync of {args.contacts:,} contacts and {args.events:,} meetings "
                f"to a local Radicale, {where}: {done}"
            )
            if isinstance(outcome, Finished) and job.child is not None:
                print(
                    f"  {outcome.requests:,} requests; took {took:.1f} s wall, {cpu:.1f} s CPU "
                    f"in the window's process, {outcome.cpu_seconds:.1f} s CPU in the "
                    f"sync's; the sync's process started in {job.child.started_in:.2f} s"
                )
            print(
                f"  longest event-loop block: {gap.ms:.1f} ms, {gap.cpu_ms:.1f} ms of it on "
                f"CPU (idle baseline {base_gap.ms:.1f} ms, {base_gap.cpu_ms:.1f} ms on CPU; "
                f"{gap.ms / max(base_gap.ms, 0.1):.1f}x); longest full collection in the "
                f"window's process {passes.longest * 1000:.1f} ms CPU"
            )
            window.close()
            window.ctx.db.dispose()
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
