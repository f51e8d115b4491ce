"""Starting the GUI for `main.py`: one instance per data folder, clear errors, clean exits."""

from __future__ import annotations

import contextlib
import shutil
import signal
import socket
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtCore import QEvent, QLockFile, QObject, QSocketNotifier, QTimer, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from crm.errors import DamagedFileError, DatabaseError, ForeignWalError
from crm.store.clock import utc_now
from crm.store.folder_lock import probe_folder
from crm.store.paths import DataPaths, make_private_file
from crm.store.restoring import restore_backup
from crm.store.wal_owner import set_wal_aside
from ui.app import create_main_window, ensure_app, finish_first_page, install_other_pages
from ui.common.prompts import ask, fail, inform
from ui.display import missing_display
from ui.long_lived import keep_start_up_objects
from ui.main_window import MainWindow
from ui.warm_up import WarmUp

QUIT_SIGNALS = (signal.SIGTERM, signal.SIGINT)
WARM_UP_DELAY_MS = 500


def acquire_lock(paths: DataPaths) -> QLockFile | None:
    """Lock the data folder; None when another Rapport already has it open.

    The command line takes the same lock (crm.store.folder_lock). A folder where the lock
    cannot be written at all (read-only, full disk) raises DatabaseError saying so.
    """
    lock = QLockFile(str(paths.lock_file))
    lock.setStaleLockTime(0)  # a lock is stale only when its process is gone
    if not lock.tryLock(100):
        lock.removeStaleLockFile()
        if not lock.tryLock(100):
            if lock.error() == QLockFile.LockError.LockFailedError:
                return None
            probe_folder(paths)  # says why the folder cannot be written
            raise DatabaseError(f"Rapport cannot write its lock file in {paths.root}.")
    make_private_file(paths.lock_file)
    return lock


def interactive() -> bool:
    """Whether someone can see and answer a message box.

    Under the offscreen platform (tests, scripts) a modal box would wait forever for a
    click nobody can make; the line on stderr carries the same message.
    """
    return QGuiApplication.platformName() not in ("offscreen", "minimal")


class QuitOnSignal(QObject):
    """Closes the window cleanly on SIGTERM or SIGINT (the backup hook and lock release run).

    Python runs signal handlers only between bytecodes, never while Qt's event loop
    waits in C++; `set_wakeup_fd` writes the signal into a socket that Qt watches, so
    the loop wakes up and the close happens on the GUI thread. Installed before the
    window is built, so a signal during start-up is honoured too.
    """

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.window: QWidget | None = None
        self.requested = False
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_signal)

    @contextlib.contextmanager
    def installed(self) -> Iterator[QuitOnSignal]:
        previous = {sig: signal.signal(sig, self._note) for sig in QUIT_SIGNALS}
        old_fd = signal.set_wakeup_fd(self._writer.fileno())
        try:
            yield self
        finally:
            signal.set_wakeup_fd(old_fd)
            for sig, handler in previous.items():
                signal.signal(sig, handler)
            self._notifier.setEnabled(False)
            self._reader.close()
            self._writer.close()

    def _note(self, _sig: int, _frame: object) -> None:
        self.requested = True  # seen by run_gui if the signal came before the event loop

    @Slot()
    def _on_signal(self) -> None:
        with contextlib.suppress(BlockingIOError):
            self._reader.recv(64)
        if self.window is not None:
            self.window.close()
        QApplication.quit()  # also when a dialog is open and the window is not the last one


def _refuse(title: str, message: str) -> None:
    print(f"rapport: {' '.join(message.split())}", file=sys.stderr)
    if interactive():
        inform(None, title, message)


def run_gui(paths: DataPaths, *, demo: bool = False) -> int:
    problem = missing_display()
    if problem:
        print(f"rapport: {problem}", file=sys.stderr)
        return 1
    app = ensure_app()
    with QuitOnSignal(app).installed() as quitter:
        if demo:
            paths = DataPaths(Path(tempfile.mkdtemp(prefix="rapport-demo-")))
        try:
            return _run_on(app, quitter, paths.ensure(), demo=demo)
        finally:
            if demo:  # the demo's folder is scratch: nothing in it outlives the window
                shutil.rmtree(paths.root, ignore_errors=True)


def _run_on(app: QApplication, quitter: QuitOnSignal, paths: DataPaths, *, demo: bool) -> int:
    try:
        lock = acquire_lock(paths)
    except DatabaseError as exc:
        _refuse("Rapport cannot use this folder", str(exc))
        return 1
    if lock is None:
        _refuse(
            "Rapport is already running",
            f"Rapport is already open on this data folder:\n{paths.root}\n\n"
            "Switch to the open window, or close it first.",
        )
        return 1
    try:
        window = _build_window(paths, demo=demo)
        if demo:
            window.mark_demo()
        quitter.window = window
        try:
            if quitter.requested:  # asked to stop while starting: close as a user would
                window.close()
                return 0
            window.show()
            # The other pages, then their warm-up, come after the first frame, so
            # start-up waits for neither.
            AfterFirstFrame(window, lambda: _finish_window(window))
            return app.exec()
        finally:
            window.ctx.db.dispose()
    finally:
        lock.unlock()


class AfterFirstFrame(QObject):
    """Calls `then` once the window has painted its first frame (on the next loop turn)."""

    def __init__(self, window: QWidget, then: Callable[[], None]) -> None:
        super().__init__(window)
        self._window = window
        self._then = then
        QApplication.instance().installEventFilter(self)  # type: ignore[union-attr]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and watched.window() is self._window
        ):
            QApplication.instance().removeEventFilter(self)  # type: ignore[union-attr]
            QTimer.singleShot(0, self._then)
        return False


def _finish_window(window: MainWindow) -> None:
    # The contacts' detail panel first, painted on its own turn of the loop; then the rest.
    finish_first_page(window)
    QTimer.singleShot(0, lambda: install_the_rest(window))


def install_the_rest(window: MainWindow) -> WarmUp:
    """The pages after the first, their warm-up, then start-up's objects set aside."""
    install_other_pages(window)
    warm_up = window.start_warm_up(WARM_UP_DELAY_MS)
    # After the warm-up: the board it builds lives as long as the window too.
    warm_up.finished.connect(keep_start_up_objects)
    return warm_up


def _build_window(paths: DataPaths, *, demo: bool) -> MainWindow:
    try:
        if demo:
            from crm.samples.data import load_sample_data
            from crm.store.schema import open_database

            opened = open_database(paths)
            load_sample_data(opened.database)
            opened.database.dispose()
        return create_main_window(paths.root, first_page_only=True)
    except DatabaseError as exc:
        if interactive() and offer_repair(paths, exc, _ask):
            return create_main_window(paths.root)
        if interactive():
            fail(None, "Rapport cannot open its data", str(exc))
        raise  # main() prints the one-line error and exits 1


def _ask(title: str, question: str) -> bool:
    return ask(None, title, question)


def offer_repair(paths: DataPaths, exc: DatabaseError, ask: Callable[[str, str], bool]) -> bool:
    """Offer what can be done about a data file that did not open: restore the newest
    sound backup, or set aside a write-ahead log that is not the file's. True when done."""
    if isinstance(exc, DamagedFileError) and exc.backup is not None:
        question = f"{exc}\n\nRestore {exc.backup.name} now?"
        if not ask("Restore a backup?", question):
            return False
        restore_backup(paths, exc.backup)  # the damaged file is kept as a backup
        return True
    if isinstance(exc, ForeignWalError):
        if not ask("Set the log aside?", f"{exc}\n\nMove {exc.wal.name} aside and open?"):
            return False
        set_wal_aside(paths.database, utc_now())
        return True
    return False
