"""Sync Now (F5), automatic syncs, and the status line that says how the last one went."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QObject, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QLabel, QLineEdit, QMessageBox, QToolButton

from crm.changes import Changes
from crm.errors import NotFoundError
from crm.sync.accounts import ago, keep_password, list_accounts, stored_password, trust_certificate
from crm.sync.report import SyncReport
from crm.sync.state import AccountInfo
from crm.sync.undo import redo_sync, undo_sync
from ui.common.undo import Command, push
from ui.context import AppContext
from ui.icons import icon
from ui.main_window import MainWindow
from ui.sync.log_dialog import SyncEntry
from ui.sync.worker import SyncJob, SyncRequest

AUTO_SYNC_MS = 10 * 60 * 1000
START_DELAY_MS = 3000
CLOSE_WAIT_MS = 8000
STOP_WAIT_MS = 3000  # for a sync asked to stop at close to reach a point between transactions


class SyncStepCommand(Command):
    """A finished sync as one step in history: undo puts back what it changed here (and
    the next sync sends that to the server), redo applies it again."""

    def __init__(self, ctx: AppContext, account: str, report: SyncReport) -> None:
        super().__init__(ctx.db, ctx.hub, f"Sync with {account} ({report.counts()})")
        self.sync_report = report  # its undo steps stay packed until undo needs them

    def do(self) -> Changes:
        return Changes()  # the sync already wrote its changes and announced them

    def take_back(self) -> Changes:
        return undo_sync(self.db, self.sync_report.undo_steps())

    def do_again(self) -> Changes:
        return redo_sync(self.db, self.sync_report.undo_steps())


class SyncController(QObject):
    """Owns the sync actions, the timer and the status line; runs syncs on a pool thread
    (each in a child process, see SyncJob)."""

    # Every sync asked for has ended and the window has taken its outcome (applied the
    # changes, pushed the undo step, shown the status, asked its question).
    idle = Signal()

    def __init__(self, window: MainWindow, ctx: AppContext) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = ctx
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)  # one sync at a time, in the order asked
        self._passwords: dict[int, str] = {}  # for this session, when there is no keyring
        self._running = 0
        self.log: list[SyncEntry] = []  # the finished syncs of this session, for File ▸ Sync Log
        self._last: tuple[datetime, int] | None = None
        self._error = ""
        self._jobs: set[SyncJob] = set()
        self._step = ""  # progress of a long sync

        self.status = QLabel()
        self.status.setObjectName("syncStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.button = QToolButton()
        self.button.setObjectName("syncNowButton")
        self.sync_action = QAction(icon("sync"), "Sync &Now", window)
        self.sync_action.setObjectName("syncNowAction")
        self.sync_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.sync_action.setStatusTip("Sync contacts with your CardDAV accounts now")
        self.sync_action.triggered.connect(lambda: self.sync_all(quiet=False))
        self.button.setDefaultAction(self.sync_action)
        self.button.setAutoRaise(True)
        window.statusBar().addPermanentWidget(self.status)
        window.statusBar().addPermanentWidget(self.button)

        self.timer = QTimer(self)
        self.timer.setInterval(AUTO_SYNC_MS)
        self.timer.timeout.connect(lambda: self.sync_all(quiet=True))
        self.clock = QTimer(self)
        self.clock.setInterval(60_000)
        self.clock.timeout.connect(self._show)
        window.closing.connect(self.sync_at_close)
        self._show()

    @property
    def running(self) -> int:
        """How many syncs are asked for and not yet taken by the window."""
        return self._running

    @property
    def error(self) -> str:
        """Why the last sync failed, in plain words; empty after a sync that went well."""
        return self._error

    def start(self) -> None:
        """Sync soon after start-up, then every few minutes."""
        if list_accounts(self.ctx.db):
            QTimer.singleShot(START_DELAY_MS, lambda: self.sync_all(quiet=True))
        self.timer.start()
        self.clock.start()

    # -- running ---------------------------------------------------------------------

    def _password(self, account: AccountInfo, quiet: bool) -> str | None:
        if account.id in self._passwords:
            return self._passwords[account.id]
        password = stored_password(account.name, account.username)
        if password is None and not quiet:
            password, ok = QInputDialog.getText(
                self.window,
                "Sync password",
                f"Password for {account.username} on {account.name}:",
                QLineEdit.EchoMode.Password,
            )
            if not ok:
                return None
            if not keep_password(account.name, account.username, password):
                self.window.statusBar().showMessage(
                    "No system keyring: Rapport will ask for this password each session.", 8000
                )
        if password is not None:
            self._passwords[account.id] = password
        return password

    def remember_password(self, account_id: int, password: str) -> None:
        self._passwords[account_id] = password

    @Slot()
    def sync_all(self, quiet: bool = False) -> int:
        """Start a sync of every account; returns how many were started."""
        started = 0
        for account in list_accounts(self.ctx.db):
            password = self._password(account, quiet)
            if password is None:
                continue
            self.run(SyncRequest(account, password, quiet=quiet))
            started += 1
        if not started and not quiet:
            self.window.statusBar().showMessage(
                "No sync account yet: add one in File ▸ Sync Accounts…", 8000
            )
        return started

    def run(self, request: SyncRequest) -> SyncJob:
        job = SyncJob(self.ctx.db, request)
        # Bound to this QObject, so results queue to the GUI thread; the job is kept
        # until then (a finished runnable's signals object would otherwise be freed first).
        job.signals.finished.connect(self._finished)
        job.signals.failed.connect(self._failed)
        job.signals.certificate.connect(self._certificate)
        job.signals.progress.connect(self._progress)
        self._jobs.add(job)
        self._running += 1
        self._show()
        self.pool.start(job)
        return job

    @Slot()
    def sync_at_close(self) -> None:
        """A last sync as the window closes, waited for up to CLOSE_WAIT_MS.

        A sync still running then is asked to stop at its next point between two
        transactions (crm.sync.child), and ended if it has not within STOP_WAIT_MS: none
        goes on writing after the window is gone, and the next sync repeats what it left.
        """
        if list_accounts(self.ctx.db) and self._running == 0:
            self.sync_all(quiet=True)
        if self.pool.waitForDone(CLOSE_WAIT_MS):
            return
        self.pool.clear()  # syncs queued and not begun
        for job in list(self._jobs):
            job.stop()
        if not self.pool.waitForDone(STOP_WAIT_MS):
            for job in list(self._jobs):
                job.kill()
            self.pool.waitForDone(STOP_WAIT_MS)

    # -- results ---------------------------------------------------------------------

    def _done(self, request: SyncRequest) -> None:
        self._running -= 1
        self._step = ""
        self._jobs = {j for j in self._jobs if j.request is not request}

    def _settle(self) -> None:
        if self._running == 0:
            self.idle.emit()

    @Slot(object, object)
    def _finished(self, request: SyncRequest, report: SyncReport) -> None:
        self._done(request)
        try:
            self._take(request, report)
        finally:
            self._settle()

    def _take(self, request: SyncRequest, report: SyncReport) -> None:
        self.ctx.hub.apply(report.changes)
        if report.waiting:
            if request.quiet:  # an automatic sync asks nothing: the user's next F5 does
                self._error = "waiting for your agreement: press F5 (Sync Now)"
                self._show()
            else:
                self._ask(request, report)
            return
        self.log.append(SyncEntry(datetime.now(), request.account.name, report))
        if report.has_steps:
            push(self.ctx, SyncStepCommand(self.ctx, request.account.name, report))
        changed = report.uploaded + report.downloaded + report.merged
        changed += report.deleted_here + report.deleted_there
        self._last = (datetime.now(), changed)
        self._error = ""
        self._show()
        if report.conflicts and not request.quiet:
            self.window.statusBar().showMessage(
                f"{report.conflicts} sync conflicts: see File ▸ Sync Conflicts…", 8000
            )

    def _ask(self, request: SyncRequest, report: SyncReport) -> None:
        if report.needs_review:
            text = (
                f"First sync of {request.account.name}: {report.review()}.\n\n"
                "Matching contacts are merged; nothing is uploaded until you agree."
            )
            again = SyncRequest(
                request.account, request.password, accept_first_sync=True, quiet=False
            )
        else:
            text = (
                f"This sync of {request.account.name} would delete "
                f"{report.held_deletions} contacts. Check the address book first if "
                "that is unexpected."
            )
            again = SyncRequest(
                request.account,
                request.password,
                accept_first_sync=True,
                allow_deletions=True,
                quiet=False,
            )
        box = QMessageBox(QMessageBox.Icon.Question, "Sync", text, parent=self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)
        go = box.addButton("Sync", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Not Now", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is go:
            self.run(again)
        else:
            self._show()

    @Slot(object, str)
    def _failed(self, request: SyncRequest, message: str) -> None:
        self._done(request)
        self._error = message
        self._show()
        self._settle()

    @Slot(object, str, str)
    def _certificate(self, request: SyncRequest, message: str, fingerprint: str) -> None:
        self._done(request)
        try:
            self._distrust(request, message, fingerprint)
        finally:
            self._settle()

    def _distrust(self, request: SyncRequest, message: str, fingerprint: str) -> None:
        self._error = message
        self._show()
        if not fingerprint:
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning, "Untrusted certificate", message, parent=self.window
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        trust = box.addButton("Trust This Certificate", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is trust:
            try:
                account = trust_certificate(self.ctx.db, request.account.id, fingerprint)
            except NotFoundError:
                return
            self.run(SyncRequest(account, request.password, quiet=False))

    @Slot(int, int, str)
    def _progress(self, done: int, total: int, what: str) -> None:
        self._step = f"Syncing {what}… {done:,} of {total:,}" if total > 25 else ""
        self._show()

    @Slot()
    def _show(self) -> None:
        if self._running:
            text = self._step or "Syncing…"
        elif self._error:
            text = f"Sync failed: {self._error}"
        elif self._last is not None:
            when, changed = self._last
            text = f"Synced {ago(when, datetime.now())} · {changed} change{'s' * (changed != 1)}"
        elif list_accounts(self.ctx.db):
            text = "Not synced yet"
        else:
            text = ""
        self.status.setText(text)
        self.status.setToolTip(self._error)
        self.status.setVisible(bool(text))


def install(window: MainWindow, ctx: AppContext) -> SyncController:
    from ui.sync.accounts_dialog import AccountsActions

    controller = SyncController(window, ctx)
    AccountsActions(window, ctx, controller)
    window.sync = controller  # type: ignore[attr-defined]
    controller.start()
    return controller
