"""Opening the data file on a thread while a command reads its input file.

Opening checks the whole file for damage first (SQLite's quick_check, about 30 ms for ten
thousand contacts), and SQLite does that without holding Python's lock: a command that
then reads a big file in Python (an import) has the check done in the meantime.
"""

from __future__ import annotations

import threading

from crm.store.db import Database
from crm.store.paths import DataPaths


class OpeningDatabase:
    """open_database(paths) started on a thread; `database()` waits for it."""

    def __init__(self, paths: DataPaths) -> None:
        self._database: Database | None = None
        self._error: BaseException | None = None
        # A daemon: an interrupted command does not wait for the check to end.
        self._thread = threading.Thread(target=self._open, args=(paths,), daemon=True)
        self._thread.start()

    def _open(self, paths: DataPaths) -> None:
        from crm.store.schema import open_database

        try:
            self._database = open_database(paths).database
        except BaseException as exc:  # raised again on the caller's thread
            self._error = exc

    def database(self) -> Database:
        """The open data file, or what opening it raised (DatabaseError, OSError, ...)."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._database is not None
        return self._database
