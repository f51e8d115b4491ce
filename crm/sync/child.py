"""A sync run in a child process, so the window's interpreter only waits on a pipe meanwhile.

A sync beside the window in the same interpreter blocked it however it was scheduled:
the cycle collector's full passes, set off by the sync's allocations, walk every object
the sync holds with the interpreter lock held (about 40 ms each at 5,000 contacts), and
each Python call of a repaint waits for the busy sync thread to hand the lock over. In a
process of its own the sync has its own interpreter, lock and collector.

The window's pool thread starts the child with the `spawn` method (the window runs Qt
threads: a forked copy of them is unsafe), sends it the order over a pipe (the password
with it: never on the command line nor in the environment), and relays what comes back:
progress, then exactly one outcome. Everything that travels pickles (a test checks a
real report). The child opens the data file beside the window (`Database.beside`) and
runs the same `sync_account` as the command line.

Stopping (the window closes while a sync runs): a word on the order pipe, or the pipe
closing because the window is gone, makes the child stop before its next write: before
Rapport's side is written, or between two writes to the server. Those fall between
transactions, where the next sync repeats the rest safely (see crm.sync.run).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from crm.errors import DatabaseError, NotFoundError, SyncCertificateError, SyncError, SyncStopped
from crm.store.clock import Clock
from crm.store.db import Database
from crm.sync.report import SyncReport
from crm.sync.run import sync_account
from crm.sync.state import AccountInfo
from crm.sync.webdav import CardDavClient

JOIN_S = 5.0  # for a child that sent its outcome to exit
PROGRESS_EVERY = 25  # items written between two progress messages


@dataclass(frozen=True)
class SyncOrder:
    """What one sync is to do, as the child receives it."""

    path: Path  # the data file
    clock: Clock
    account: AccountInfo
    password: str
    dry_run: bool = False
    accept_first_sync: bool = False
    allow_deletions: bool = False


@dataclass(frozen=True)
class Started:
    """The child's first word: its interpreter is up and has the order."""


@dataclass(frozen=True)
class Progressed:
    done: int
    total: int
    what: str  # "contacts", "meetings", "follow-ups"


@dataclass(frozen=True)
class Finished:
    report: SyncReport
    requests: int  # sent to the server
    cpu_seconds: float  # of the process that ran the sync


@dataclass(frozen=True)
class Failed:
    message: str  # in plain words, fit for the status line


@dataclass(frozen=True)
class Untrusted:
    message: str
    fingerprint: str  # the certificate's SHA-256, for the user to trust explicitly


Outcome = Finished | Failed | Untrusted
Message = Progressed | Outcome
Send = Callable[[Message], None]


def run_order(
    db: Database, order: SyncOrder, send: Send, stopping: Callable[[], bool] = lambda: False
) -> None:
    """Run the sync `order` asks for on `db`: its progress (every PROGRESS_EVERY items),
    then exactly one outcome, go to `send`. A sync must never take the window down with
    it: every error is an outcome. `stopping` is asked before each write: once it holds,
    the sync stops there (between two transactions)."""

    def progress(done: int, total: int, what: str) -> None:
        if stopping():
            raise SyncStopped("The sync was stopped before it finished (Rapport closed).")
        if done % PROGRESS_EVERY == 0:
            send(Progressed(done, total, what))

    cpu = time.process_time()
    client: CardDavClient | None = None
    outcome: Outcome
    try:
        account = order.account
        client = CardDavClient(
            account.addressbook_url or account.url,
            account.username,
            order.password,
            trusted_certificate=account.trusted_certificate,
        )
        report = sync_account(
            db,
            account,
            client,
            dry_run=order.dry_run,
            accept_first_sync=order.accept_first_sync,
            allow_deletions=order.allow_deletions,
            progress=progress,
        )
    except SyncCertificateError as exc:
        outcome = Untrusted(str(exc), exc.fingerprint)
    except (SyncError, NotFoundError, DatabaseError) as exc:
        outcome = Failed(str(exc))
    except Exception as exc:
        outcome = Failed(f"The sync failed ({exc.__class__.__name__}: {exc}).")
    else:
        outcome = Finished(report.with_steps_packed(), client.requests, time.process_time() - cpu)
    finally:
        if client is not None:
            client.close()
    send(outcome)


# -- in the child ----------------------------------------------------------------------


def serve(orders: Connection, news: Connection) -> None:
    """The child's body: one order in, progress and one outcome out."""
    # Ctrl+C in a terminal reaches the whole process group: the window decides when its
    # sync stops (at close, between transactions), not the keyboard.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    order: SyncOrder = orders.recv()
    news.send(Started())
    stopping = threading.Event()
    threading.Thread(target=_watch, args=(orders, stopping), daemon=True).start()

    def send(message: Message) -> None:
        with contextlib.suppress(OSError):  # the window is gone: nobody to tell
            news.send(message)

    try:
        db = Database.beside(order.path, clock=order.clock)
    except DatabaseError as exc:
        send(Failed(str(exc)))
        return
    try:
        run_order(db, order, send, stopping.is_set)
    finally:
        db.dispose()


def _watch(orders: Connection, stopping: threading.Event) -> None:
    """Any word from the window, or its end of the pipe closing, means stop."""
    with contextlib.suppress(EOFError, OSError):
        orders.recv()
    stopping.set()


# -- in the window's pool thread ---------------------------------------------------------


class SyncChild:
    """The child process of one sync, as the window's pool thread runs it."""

    def __init__(self, order: SyncOrder) -> None:
        self.order = order
        self.pid: int | None = None
        self.started_in = 0.0  # seconds from the start to the child's first word
        self._lock = threading.Lock()
        self._orders: Connection | None = None
        self._process: multiprocessing.process.BaseProcess | None = None
        self._stopped = False

    def run(self, send: Send) -> None:
        """Start the child and relay its messages to `send` until its outcome; a child
        that dies (a crash, killed) or is stopped before it began is an outcome too."""
        context = multiprocessing.get_context("spawn")
        orders_in, orders_out = context.Pipe(duplex=False)
        news_in, news_out = context.Pipe(duplex=False)
        process = context.Process(
            target=serve, args=(orders_in, news_out), name="rapport-sync", daemon=True
        )
        began = time.perf_counter()
        with self._lock:  # the order goes first: a stop sent before it would be read as one
            if self._stopped:
                send(Failed("The sync was stopped before it began."))
                return
            process.start()
            self._process, self._orders, self.pid = process, orders_out, process.pid
            orders_in.close()  # the child's ends: only its copies remain, so its death is seen
            news_out.close()
            with contextlib.suppress(OSError):  # a child that died at once: seen below
                orders_out.send(self.order)
        try:
            message = news_in.recv()
            self.started_in = time.perf_counter() - began
            if isinstance(message, Started):
                message = news_in.recv()
            while isinstance(message, Progressed):
                send(message)
                message = news_in.recv()
            send(message)
        except (EOFError, OSError):
            process.join(JOIN_S)
            send(Failed(_death(process.exitcode)))
        finally:
            news_in.close()
            with self._lock:
                self._orders = None
                orders_out.close()
            process.join(JOIN_S)
            if process.is_alive():
                process.kill()
                process.join()

    @property
    def alive(self) -> bool:
        """Whether the child process runs (started and not yet ended)."""
        with self._lock:
            return self._process is not None and self._process.is_alive()

    def stop(self) -> None:
        """Ask the child to stop at its next point between transactions."""
        with self._lock:
            self._stopped = True
            if self._orders is not None:
                with contextlib.suppress(OSError):
                    self._orders.send("stop")

    def kill(self) -> None:
        """End the child at once (the last resort at exit): SQLite rolls back a
        transaction it had open, and the next sync repeats what it had not done."""
        with self._lock:
            if self._process is not None and self._process.is_alive():
                self._process.kill()


def _death(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        how = f"it was ended by signal {-exitcode}"
    else:
        how = f"exit code {exitcode}"
    return f"The sync stopped unexpectedly ({how}); the next sync repeats it."
