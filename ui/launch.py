"""Starting the GUI for `main.py`: one instance per data folder, clear errors, clean exits."""

from __future__ import annotations

import contextlib
import shutil
import signal
import socket
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QSocketNotifier, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from crm.errors import DatabaseError
from crm.store.paths import DataPaths
from ui.app import create_main_window, ensure_app
from ui.display import missing_display
from ui.main_window import MainWindow

QUIT_SIGNALS = (signal.SIGTERM, signal.SIGINT)
WARM_UP_DELAY_MS = 500


def acquire_lock(paths: DataPaths) -> QLockFile | None:
    """Lock the data folder; None when another Rapport already has it open."""
    lock = QLockFile(str(paths.lock_file))
    lock.setStaleLockTime(0)  # a lock is stale only when its process is gone
    if lock.tryLock(100):
        return lock
    lock.removeStaleLockFile()
    return lock if lock.tryLock(100) else None


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
        QMessageBox.information(None, title, message)


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
    lock = acquire_lock(paths)
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
            # After the first frames, so start-up itself does not wait for it.
            window.start_warm_up(WARM_UP_DELAY_MS)
            return app.exec()
        finally:
            window.ctx.db.dispose()
    finally:
        lock.unlock()


def _build_window(paths: DataPaths, *, demo: bool) -> MainWindow:
    try:
        if demo:
            from crm.samples.data import load_sample_data
            from crm.store.schema import open_database

            opened = open_database(paths)
            load_sample_data(opened.database)
            opened.database.dispose()
        return create_main_window(paths.root)
    except DatabaseError as exc:
        if interactive():
            QMessageBox.critical(None, "Rapport cannot open its data", str(exc))
        raise  # main() prints the one-line error and exits 1
