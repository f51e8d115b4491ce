"""One sync run on a pool thread: the network never blocks the window."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, QRunnable, Signal

from crm.errors import NotFoundError, SyncCertificateError, SyncError
from crm.store.db import Database
from crm.sync.report import SyncReport
from crm.sync.run import sync_account
from crm.sync.state import AccountInfo
from crm.sync.webdav import CardDavClient, Collection
from ui.sync.lock_sharing import window_first


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
    """Runs sync_contacts with its own HTTP session; results come back by signal."""

    def __init__(self, db: Database, request: SyncRequest) -> None:
        super().__init__()
        self.db = db
        self.request = request
        self.signals = SyncSignals()

    def run(self) -> None:
        with window_first():
            self._run()

    def _run(self) -> None:
        request = self.request
        account = request.account
        try:
            client = CardDavClient(
                account.addressbook_url or account.url,
                account.username,
                request.password,
                trusted_certificate=account.trusted_certificate,
            )
            try:
                report: SyncReport = sync_account(
                    self.db,
                    account,
                    client,
                    dry_run=request.dry_run,
                    accept_first_sync=request.accept_first_sync,
                    allow_deletions=request.allow_deletions,
                    progress=self.signals.progress.emit,
                )
            finally:
                client.close()
        except SyncCertificateError as exc:
            self.signals.certificate.emit(request, str(exc), exc.fingerprint)
        except (SyncError, NotFoundError) as exc:
            self.signals.failed.emit(request, str(exc))
        except Exception as exc:  # a sync must never take the window down with it
            self.signals.failed.emit(request, f"The sync failed ({exc.__class__.__name__}: {exc}).")
        else:
            self.signals.finished.emit(request, report)


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
