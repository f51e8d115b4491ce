"""The SQLite engine with Rapport's pragmas, explicit transactions and the unit of work."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crm.errors import DatabaseError
from crm.store.clock import Clock, utc_now
from crm.store.paths import make_private_file
from crm.store.wal_owner import claim_wal, release_wal

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_MS = 5000
READ_ONLY = "rapport_read_only"  # execution option: this transaction only reads


def open_connection(path: Path) -> sqlite3.Connection:
    """The one way a connection to the data file is made, with Rapport's pragmas.

    Sessions (through the engine's pool) and the kept connections of the hot paths both
    come from here. Autocommit in the driver: every transaction is begun explicitly.
    """
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA journal_mode=WAL")
    # A personal database is small: losing an edit is worse than a millisecond.
    conn.execute("PRAGMA synchronous=FULL")
    return conn


def make_engine(path: Path) -> Engine:
    """An engine on `path` whose transactions really include schema changes.

    Python's sqlite3 driver (3.11) opens transactions itself and never before DDL, so a
    failing migration would half-apply. Its connections are in autocommit and we emit
    BEGIN ourselves, the recipe SQLAlchemy documents for pysqlite.
    """
    from sqlalchemy import create_engine, event

    engine = create_engine(f"sqlite:///{path}", creator=lambda: open_connection(path))

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # A write takes the write lock at its first statement: begun deferred, a unit of
        # work that read first and then wrote while another process wrote failed at once
        # with "database is locked" (its snapshot was stale), whatever the busy timeout.
        reading = conn.get_execution_options().get(READ_ONLY, False)
        conn.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")

    return engine


@contextmanager
def write_transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT on a plain connection, or ROLLBACK on any exception.

    IMMEDIATE takes the write lock at once, so a concurrent writer waits (busy_timeout)
    instead of failing halfway through with "database is locked".
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


class Database:
    """One open data file: an engine, a session factory and the clock services use.

    The engine and the sessions are made on their first use: the window's first frame
    reads through the plain connection alone, so SQLAlchemy (about 0.3 s to import on
    these machines) loads after it.
    """

    def __init__(self, path: Path, *, clock: Clock = utc_now) -> None:
        self.path = path
        self.clock = clock
        existed = path.exists() and path.stat().st_size > 0
        self._claimed = False
        self._engine: Engine | None = None
        self._factories: tuple[sessionmaker[Session], sessionmaker[Session]] | None = None
        self._local = threading.local()  # this thread's kept connection and nesting depth
        self._kept: list[sqlite3.Connection] = []
        self._kept_lock = threading.Lock()
        if not existed:
            with self.connection() as conn:
                conn.execute("PRAGMA user_version")  # creates the file
            make_private_file(path)

    @classmethod
    def beside(cls, path: Path, *, clock: Clock = utc_now) -> Database:
        """The data file as another process of this Rapport holds it open (the window,
        for a sync it runs in a child process): a light open.

        No folder lock (the window holds it), no checks, no migration, no backup (the
        window did those at its open), and no claim on the write-ahead log: the window
        keeps its own connections open until it closes, so this process closing its own
        is never the last close, and the log the window recorded stays the one beside the
        file. A file that is gone is not made anew.
        """
        if not path.is_file():
            raise DatabaseError(f"The data file {path.name} is gone.")
        return cls(path, clock=clock)

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = make_engine(self.path)
        return self._engine

    @engine.setter
    def engine(self, engine: Engine) -> None:
        self._engine, self._factories = engine, None

    def _sessionmakers(self) -> tuple[sessionmaker[Session], sessionmaker[Session]]:
        """The factories of write and read-only sessions, made on the first unit of work."""
        if self._factories is None:
            from sqlalchemy.orm import sessionmaker

            reader = self.engine.execution_options(**{READ_ONLY: True})
            self._factories = (
                sessionmaker(self.engine, expire_on_commit=False),
                sessionmaker(reader, expire_on_commit=False),
            )
        return self._factories

    def now(self) -> datetime:
        return self.clock()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: commit on success, roll back on any exception."""
        session = self._sessionmakers()[0]()
        try:
            with session.begin():
                yield session
        finally:
            session.close()

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only unit of work (rolled back, never committed; takes no write lock)."""
        session = self._sessionmakers()[1]()
        try:
            yield session
        finally:
            session.rollback()
            session.close()

    @staticmethod
    def sql(session: Session) -> sqlite3.Connection:
        """The plain connection under `session`, inside its transaction.

        Hot-path SQL (a board move) that is part of a bigger user action (scheduling a
        meeting moves its attendees) runs here, so the whole action commits or rolls back
        as one transaction. Pending ORM changes are flushed first.
        """
        session.flush()
        conn = session.connection().connection.driver_connection
        assert isinstance(conn, sqlite3.Connection)
        return conn

    @contextmanager
    def connection(self) -> Iterator[sqlite3.Connection]:
        """This thread's kept plain connection, for the hot paths' SQL (lists, search,
        board moves, bulk import, backups); the ORM's sessions are for everything else.

        Opening a connection costs more than a small query (SQLite reads and parses the
        whole schema on its first statement), and the board runs several per card move.
        The body must end any transaction it begins; one still open when the outermost
        `with` ends (an exception in between) is rolled back, so the next user starts
        clean. A restore writes into the open file, which kept connections then see.
        """
        local = self._local
        conn: sqlite3.Connection | None = getattr(local, "conn", None)
        if conn is None:
            conn = open_connection(self.path)
            local.conn, local.depth = conn, 0
            with self._kept_lock:
                self._kept.append(conn)
        local.depth += 1
        try:
            yield conn
        finally:
            local.depth -= 1
            if local.depth == 0 and conn.in_transaction:
                conn.execute("ROLLBACK")

    @contextmanager
    def bulk_connection(self, cache_kib: int) -> Iterator[sqlite3.Connection]:
        """This thread's kept connection, set up for one big write (an import).

        Room for the pages a big write touches (contacts, their indexes, the search
        index), so they are not spilled and read back mid-transaction. No checkpoint at
        commit: it would copy the whole log into the file (a twentieth of a 10,000-row
        import); the write is durable once the log is synced, so the copy is left to
        `checkpoint` afterwards. The usual settings come back for the connection's next use.
        """
        with self.connection() as conn:
            cache, autocheckpoint = (
                int(conn.execute(f"PRAGMA {name}").fetchone()[0])
                for name in ("cache_size", "wal_autocheckpoint")
            )
            conn.execute(f"PRAGMA cache_size = -{cache_kib}")
            conn.execute("PRAGMA wal_autocheckpoint = 0")
            try:
                yield conn
            finally:
                conn.execute(f"PRAGMA cache_size = {cache}")
                conn.execute(f"PRAGMA wal_autocheckpoint = {autocheckpoint}")

    def checkpoint(self) -> None:
        """Copy the write-ahead log into the data file now.

        After a big write (an import) the app runs this on a worker thread: the commit
        itself skips SQLite's automatic checkpoint, so the user is not kept waiting for it.
        """
        with self.connection() as conn:
            conn.execute("PRAGMA wal_checkpoint(PASSIVE)")

    def claim_wal(self) -> None:
        """Record this file's write-ahead log as Rapport's (see crm.store.wal_owner)."""
        with self.connection() as conn:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # opens the -wal
            with contextlib.suppress(OSError):  # a read-only folder: it cannot change
                claim_wal(self.path)
        self._claimed = True

    def dispose(self) -> None:
        with self._kept_lock:
            kept, self._kept = self._kept, []
        for conn in kept:
            conn.close()
        self._local = threading.local()
        if self._engine is not None:
            self._engine.dispose()
        if self._claimed:
            with contextlib.suppress(OSError):  # a read-only folder: nothing to record
                release_wal(self.path)
