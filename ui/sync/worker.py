"""Sync work off the window's thread: a sync, in a child process the pool thread waits on
(`SyncJob`), and the accounts dialog's few questions to a server, on the pool thread
itself (they mostly wait on the network and hold little)."""

from __future__ import annotations

import pickle
import threading
from dataclasses import dataclass

from PySide6.QtCore import QObject, QRunnable, Signal

from crm.errors import SyncCertificateError, SyncError
from crm.store.db import Database
from crm.sync.child import (
    Failed,
    Finished,
    Message,
    Progressed,
    SyncChild,
    SyncOrder,
    Untrusted,
    run_order,
)
from crm.sync.state import AccountInfo
from crm.sync.webdav import CardDavClient, Collection


@dataclass(frozen=True)
class SyncRequest:
    account: AccountInfo
    password: str
    dry_run: bool = False
    accept_first_sync: bool = False
    allow_deletions: bool = False
    quiet: bool = True  # an automatic sync: no questions, no password prompts


class SyncSignals(QObject):
    finished = Signal(object, object)  # SyncRequest, SyncReport
    failed = Signal(object, str)  # SyncRequest, message in plain words
    certificate = Signal(object, str, str)  # SyncRequest, message, fingerprint
    found = Signal(object)  # list[Collection], for the accounts dialog
    calendars = Signal(object)  # list[Collection]: the calendars, before `found`
    progress = Signal(int, int, str)  # done, total, what ("contacts", "meetings", "follow-ups")


class SyncJob(QRunnable):
    """One sync: on a pool thread that starts a child process to run it (crm.sync.child)
    and relays its progress and outcome to the signals.

    The sync runs in-process on the pool thread instead only when a child could not open
    the same data (a database that is not a file on disk, or a clock that does not
    pickle): then it shares the window's interpreter, as syncs did before.
    """

    def __init__(self, db: Database, request: SyncRequest) -> None:
        super().__init__()
        self.db = db
        self.request = request
        self.signals = SyncSignals()
        self.outcome: Finished | Failed | Untrusted | None = None
        self.order = SyncOrder(
            db.path,
            db.clock,
            request.account,
            request.password,
            dry_run=request.dry_run,
            accept_first_sync=request.accept_first_sync,
            allow_deletions=request.allow_deletions,
        )
        self.child = SyncChild(self.order) if _travels(self.order) else None
        self._stopping = threading.Event()  # for a sync run here, without a child

    def run(self) -> None:
        if self.child is not None:
            self.child.run(self._relay)
        else:
            run_order(self.db, self.order, self._relay, self._stopping.is_set)

    def stop(self) -> None:
        """Ask the sync to stop between two transactions (the window closes)."""
        self._stopping.set()
        if self.child is not None:
            self.child.stop()

    def kill(self) -> None:
        """End a running child at once: the last resort when it did not stop."""
        if self.child is not None:
            self.child.kill()

    def _relay(self, message: Message) -> None:
        request = self.request
        if isinstance(message, Progressed):
            self.signals.progress.emit(message.done, message.total, message.what)
            return
        self.outcome = message
        if isinstance(message, Finished):
            self.signals.finished.emit(request, message.report)
        elif isinstance(message, Untrusted):
            self.signals.certificate.emit(request, message.message, message.fingerprint)
        else:
            self.signals.failed.emit(request, message.message)


def _travels(order: SyncOrder) -> bool:
    """Whether a child process can run this order: a data file on disk, and everything
    in the order pickles."""
    if not order.path.is_file():
        return False
    try:
        pickle.dumps(order)
    except (pickle.PicklingError, TypeError, AttributeError):
        return False
    return True


class ServerJob(QRunnable):
    """A question to a server the accounts dialog asks before an account is saved: the
    server's address and login, and the signals the answer comes back through."""

    def __init__(self, url: str, username: str, password: str, trusted: str = "") -> None:
        super().__init__()
        self.url, self.username, self.password, self.trusted = url, username, password, trusted
        self.signals = SyncSignals()
        # No account yet: what the signals carry as the request holds the password only.
        self.request = SyncRequest(None, password)  # type: ignore[arg-type]


class DiscoverJob(ServerJob):
    """Finds the address books and calendars of a server for the accounts dialog."""

    def run(self) -> None:
        try:
            client = CardDavClient(
                self.url, self.username, self.password, trusted_certificate=self.trusted
            )
            try:
                books: list[Collection] = client.addressbooks()
                if not books:
                    books = [client.create_addressbook("Contacts")]
                versions = {b.href: client.supports_vcard4(b.href) for b in books}
            finally:
                client.close()
            calendars = self._calendars()
        except SyncCertificateError as exc:
            self.signals.certificate.emit(self.request, str(exc), exc.fingerprint)
        except SyncError as exc:
            self.signals.failed.emit(self.request, str(exc))
        except Exception as exc:
            self.signals.failed.emit(self.request, f"The server could not be asked ({exc}).")
        else:
            self.signals.calendars.emit(calendars)
            self.signals.found.emit([(b, versions[b.href]) for b in books])

    def _calendars(self) -> list[Collection]:
        """The server's calendars; none when it speaks CardDAV only (contacts still sync)."""
        from crm.sync.calendars import find_calendars

        try:
            return find_calendars(
                self.url, self.username, self.password, trusted_certificate=self.trusted
            )
        except SyncError:
            return []


class CreateCalendarJob(ServerJob):
    """Makes the calendar "Rapport" on the server when the user chose a new one."""

    def run(self) -> None:
        from crm.sync.calendars import create_calendar

        try:
            made = create_calendar(
                self.url, self.username, self.password, "Rapport", trusted_certificate=self.trusted
            )
        except SyncError as exc:
            self.signals.failed.emit(self.request, str(exc))
        else:
            self.signals.found.emit(made)
