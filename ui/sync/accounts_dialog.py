"""File ▸ Sync Accounts…: add an account (find its address books and calendars first), choose
whether its calendar also carries the follow-ups as tasks, remove one."""

from __future__ import annotations

from PySide6.QtCore import QRunnable, Qt, QThreadPool, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crm.errors import SyncError
from crm.sync.accounts import (
    add_account,
    follow_ups_as_tasks,
    forget_password,
    keep_password,
    list_accounts,
    remove_account,
    set_follow_ups_as_tasks,
)
from crm.sync.webdav import Collection
from ui.common.dialogs import Dialog
from ui.context import AppContext
from ui.icons import icon
from ui.main_window import MainWindow
from ui.sync.controller import SyncController
from ui.sync.worker import CreateCalendarJob, DiscoverJob, SyncRequest

NEW_CALENDAR = "new"  # the calendar combo's choice of a calendar to make on the server


class AccountsDialog(Dialog):
    """The accounts, and a form to add one: server, user name, password, address book."""

    def __init__(self, ctx: AppContext, controller: SyncController, parent: QWidget) -> None:
        super().__init__("syncAccountsDialog", "Sync Accounts", parent)
        self.ctx = ctx
        self.controller = controller
        self.setMinimumWidth(560)
        self._ids: list[int] = []
        self._job: QRunnable | None = None  # kept until its results arrive
        self.accounts = QListWidget()
        self.accounts.setObjectName("syncAccounts")
        self.accounts.setMaximumHeight(110)
        self.accounts.currentRowChanged.connect(self._show_tasks)
        self.remove_button = QPushButton("Remove Account")
        self.remove_button.clicked.connect(self.remove_selected)
        self.account_tasks = QCheckBox("Sync follow-ups as tasks in its calendar")
        self.account_tasks.setToolTip(
            "Follow-ups appear as tasks (with their due day) in the phone's calendar or "
            "task app; ticking one there ticks it here."
        )
        self.account_tasks.toggled.connect(self._set_tasks)

        self.name = QLineEdit("Contacts")
        self.url = QLineEdit()
        self.url.setPlaceholderText("nextcloud.example.com, or an address book's full URL")
        self.username = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("password or app password (kept in the system keyring)")
        self.find_button = QPushButton("Find Address Books")
        self.find_button.clicked.connect(self.find_books)
        self.books = QComboBox()
        self.books.setEnabled(False)
        self.calendars = QComboBox()
        self.calendars.setEnabled(False)
        self.calendars.currentIndexChanged.connect(self._calendar_chosen)
        self.tasks = QCheckBox("Also sync follow-ups as tasks in this calendar")
        self.tasks.setEnabled(False)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.add_button = QPushButton("Add Account")
        self.add_button.setEnabled(False)
        self.add_button.clicked.connect(self.add)
        self._trusted = ""

        form = QFormLayout()
        form.addRow("Name", self.name)
        form.addRow("Server", self.url)
        form.addRow("User name", self.username)
        form.addRow("Password", self.password)
        find_row = QHBoxLayout()
        find_row.addWidget(self.books, 1)
        find_row.addWidget(self.find_button)
        form.addRow("Address book", find_row)
        form.addRow("Calendar", self.calendars)
        form.addRow("", self.tasks)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Rapport syncs your contacts with an address book on a CardDAV server "
            "(Nextcloud, Fastmail, iCloud, Radicale…) and your meetings with a calendar, so "
            "your phone has them too; follow-ups can travel as tasks. Pipeline stages, goals "
            "and notes from meetings stay on this computer."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(QLabel("Accounts"))
        layout.addWidget(self.accounts)
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(self.account_tasks, 1)
        buttons_row.addWidget(self.remove_button)
        layout.addLayout(buttons_row)
        layout.addSpacing(8)
        layout.addWidget(QLabel("Add an account"))
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.add_button)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        self.accounts.clear()
        self._ids = []
        for account in list_accounts(self.ctx.db):
            self.accounts.addItem(
                f"{account.name} — {account.username} · {account.addressbook_url}"
            )
            self._ids.append(account.id)
        self.remove_button.setEnabled(bool(self._ids))
        if self._ids:
            self.accounts.setCurrentRow(0)
        self._show_tasks(self.accounts.currentRow())
        if not self._ids:
            placeholder = QListWidgetItem("No accounts yet: add one below.")
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.accounts.addItem(placeholder)

    @Slot()
    def find_books(self) -> None:
        if not self.url.text().strip():
            self.message.setText("Enter the server's address first.")
            return
        self.message.setText("Asking the server…")
        self.find_button.setEnabled(False)
        job = DiscoverJob(
            self.url.text().strip(), self.username.text(), self.password.text(), self._trusted
        )
        self._job = job  # kept until its results arrive (see SyncController.run)
        job.signals.calendars.connect(self._found_calendars)
        job.signals.found.connect(self._found)
        job.signals.failed.connect(self._failed)
        job.signals.certificate.connect(self._certificate)
        QThreadPool.globalInstance().start(job)

    def _found(self, books: list[tuple[Collection, bool]]) -> None:
        self.find_button.setEnabled(True)
        self.books.clear()
        for book, vcard4 in books:
            self.books.addItem(
                f"{book.name} ({book.href})", (book.href, "4.0" if vcard4 else "3.0")
            )
        self.books.setEnabled(True)
        self.add_button.setEnabled(True)
        self.message.setText(f"Found {len(books)} address book{'s' * (len(books) != 1)}.")

    def _found_calendars(self, calendars: list[Collection]) -> None:
        self.calendars.clear()
        for calendar in calendars:
            self.calendars.addItem(f"{calendar.name} ({calendar.href})", calendar.href)
        self.calendars.addItem("A new calendar called Rapport", NEW_CALENDAR)
        self.calendars.addItem("Contacts only, no meetings", "")
        self.calendars.setCurrentIndex(0)
        self.calendars.setEnabled(True)

    @Slot()
    def _calendar_chosen(self) -> None:
        has_calendar = bool(self.calendars.currentData())
        self.tasks.setEnabled(has_calendar)
        if not has_calendar:
            self.tasks.setChecked(False)

    def _show_tasks(self, row: int) -> None:
        accounts = {a.id: a for a in list_accounts(self.ctx.db)}
        account = accounts.get(self._ids[row]) if 0 <= row < len(self._ids) else None
        self.account_tasks.blockSignals(True)
        self.account_tasks.setEnabled(account is not None and bool(account.calendar_url))
        self.account_tasks.setChecked(
            account is not None and follow_ups_as_tasks(self.ctx.db, account.id)
        )
        self.account_tasks.blockSignals(False)

    @Slot(bool)
    def _set_tasks(self, on: bool) -> None:
        row = self.accounts.currentRow()
        if 0 <= row < len(self._ids):
            set_follow_ups_as_tasks(self.ctx.db, self._ids[row], on)

    def _failed(self, _request: SyncRequest, message: str) -> None:
        self.find_button.setEnabled(True)
        self.message.setText(message)

    def _certificate(self, _request: SyncRequest, message: str, fingerprint: str) -> None:
        self.find_button.setEnabled(True)
        self.message.setText(message)
        if not fingerprint:
            return
        answer = QMessageBox.question(
            self,
            "Untrusted certificate",
            f"{message}\n\nTrust this certificate for this account?",
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._trusted = fingerprint
            self.find_books()

    @Slot()
    def add(self) -> None:
        calendar = self.calendars.currentData() or ""
        if calendar == NEW_CALENDAR:
            self.add_button.setEnabled(False)
            self.message.setText("Making the calendar…")
            job = CreateCalendarJob(
                self.url.text().strip(), self.username.text(), self.password.text(), self._trusted
            )
            self._job = job
            job.signals.found.connect(lambda made: self._add(made.href))
            job.signals.failed.connect(self._failed)
            QThreadPool.globalInstance().start(job)
            return
        self._add(calendar)

    def _add(self, calendar: str) -> None:
        href, version = self.books.currentData()
        try:
            account = add_account(
                self.ctx.db,
                self.name.text(),
                url=self.url.text().strip(),
                username=self.username.text(),
                addressbook_url=href,
                calendar_url=calendar,
                vcard_version=version,
                trusted_certificate=self._trusted,
            )
        except SyncError as exc:
            self.message.setText(str(exc))
            self.add_button.setEnabled(True)
            return
        set_follow_ups_as_tasks(self.ctx.db, account.id, bool(calendar) and self.tasks.isChecked())
        if not keep_password(account.name, account.username, self.password.text()):
            self.message.setText(
                "No system keyring: Rapport will ask for the password each session."
            )
        self.controller.remember_password(account.id, self.password.text())
        self.reload()
        self.add_button.setEnabled(False)
        self.controller.run(SyncRequest(account, self.password.text(), quiet=False))

    @Slot()
    def remove_selected(self) -> None:
        row = self.accounts.currentRow()
        if row < 0:
            return
        accounts = {a.id: a for a in list_accounts(self.ctx.db)}
        account = accounts.get(self._ids[row])
        if account is None:
            return
        answer = QMessageBox.question(
            self, "Remove account", f"Stop syncing with {account.name}? Your contacts stay."
        )
        if answer == QMessageBox.StandardButton.Yes:
            remove_account(self.ctx.db, account.id)
            forget_password(account.name, account.username)
            self.reload()


class AccountsActions:
    """File ▸ Sync Now, Sync Accounts…, Sync Conflicts… and Sync Log…"""

    def __init__(self, window: MainWindow, ctx: AppContext, controller: SyncController) -> None:
        self.window, self.ctx, self.controller = window, ctx, controller
        accounts = QAction(icon("sync"), "Sync &Accounts…", window)
        accounts.setObjectName("syncAccountsAction")
        accounts.triggered.connect(self.open_accounts)
        conflicts = QAction("Sync &Conflicts…", window)
        conflicts.setObjectName("syncConflictsAction")
        conflicts.triggered.connect(self.open_conflicts)
        log = QAction("Sync &Log…", window)
        log.setObjectName("syncLogAction")
        log.triggered.connect(self.open_log)
        menu = window.menus["file"]
        menu.addSeparator()
        menu.addAction(controller.sync_action)
        menu.addAction(accounts)
        menu.addAction(conflicts)
        menu.addAction(log)
        window.accounts_actions = self  # type: ignore[attr-defined]

    def open_accounts(self) -> AccountsDialog:
        dialog = AccountsDialog(self.ctx, self.controller, self.window)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def open_log(self) -> QDialog:
        from ui.sync.log_dialog import SyncLogDialog

        dialog = SyncLogDialog(self.controller.log, self.window)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def open_conflicts(self) -> QDialog:
        from ui.sync.conflicts_dialog import ConflictsDialog

        dialog = ConflictsDialog(self.ctx, self.window)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog
