"""Errors the domain raises; each message is fit to show the user unless said otherwise."""

from __future__ import annotations

from pathlib import Path


class DatabaseError(Exception):
    """A data file that cannot be used; the message is fit to show the user."""


class SchemaTooNewError(DatabaseError):
    """The file was written by a newer Rapport; opening it could damage it."""


class FolderInUseError(DatabaseError):
    """Another Rapport (the window, or a command) holds the data folder's lock."""


class DamagedFileError(DatabaseError):
    """The data file is damaged; `backup` is the newest backup that passed its checks."""

    def __init__(self, message: str, backup: Path | None = None) -> None:
        super().__init__(message)
        self.backup = backup


class ForeignWalError(DatabaseError):
    """A write-ahead log beside the data file that Rapport did not write for it."""

    def __init__(self, message: str, wal: Path) -> None:
        super().__init__(message)
        self.wal = wal


class NotFoundError(LookupError):
    """The record asked for no longer exists (deleted elsewhere)."""


class CompanyNameTakenError(ValueError):
    """A rename to a name another company already has (offer a merge instead)."""

    def __init__(self, name: str, other_id: int) -> None:
        super().__init__(f"A company called {name} already exists.")
        self.other_id = other_id


class NotEmptyError(ValueError):
    """Sample data only goes into a data file without contacts."""

    def __init__(self, count: int) -> None:
        people = "contact" if count == 1 else "contacts"
        super().__init__(
            f"This data folder already has {count} {people}; "
            "sample data only goes into an empty one."
        )
        self.count = count


class CompanyInUseError(ValueError):
    """A company someone works at cannot simply be removed (undoing its creation)."""


class IcsError(Exception):
    """A calendar file that cannot be read; the message is fit to show the user."""


class ExportError(Exception):
    """The export could not be written; the message is fit to show the user."""


class ImportRefused(Exception):
    """The file as a whole cannot be imported; the message is fit to show the user."""


class ImportCancelled(Exception):
    """The user cancelled; nothing was written."""


class SyncError(Exception):
    """A sync could not be done; the message says why in plain words."""


class SyncAuthError(SyncError):
    """The server refused the user name or password."""


class SyncCertificateError(SyncError):
    """The server's certificate is not trusted; `fingerprint` is its SHA-256, for the
    user to compare and trust explicitly (never silently)."""

    def __init__(self, message: str, fingerprint: str) -> None:
        super().__init__(message)
        self.fingerprint = fingerprint


class SyncStopped(SyncError):
    """A sync asked to stop (the window closed) before it finished: it stopped between two
    transactions, and the next sync repeats it safely."""
