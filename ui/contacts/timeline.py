"""The History tab of a contact: a form to log an interaction above the timeline."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDate, QDateTime, QPoint, Qt, QTime, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crm.contacts.history import list_history
from crm.contacts.links import find_links
from crm.store.localtime import local_zone, to_local, to_utc
from ui.common.dates import date_edit_format
from ui.common.fields import line_edit, text_box
from ui.common.tables import rows_list
from ui.common.undo import push
from ui.contacts.channel_value import OPEN_WORDS, open_url
from ui.contacts.commands import DeleteInteractionCommand, LogInteractionCommand
from ui.contacts.history import HistoryDelegate, HistoryModel
from ui.context import AppContext
from ui.icons import icon

LOG_KINDS = (("note", "Note"), ("email", "Email"), ("call", "Call"), ("message", "Message"))


class TimelinePanel(QWidget):
    """Logs new entries and lists the contact's history, newest first."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.contact_id: int | None = None
        self.contact_name = ""

        self.kind = QComboBox()
        self.kind.setObjectName("logKind")
        for key, title in LOG_KINDS:
            self.kind.addItem(icon(key), title, key)
        self.when = QDateTimeEdit()
        self.when.setObjectName("logWhen")
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat(date_edit_format(with_time=True))
        self.summary = line_edit(
            "logSummary", "What happened? e.g. Coffee chat about the design team"
        )
        self.body = text_box("logBody", "Details (optional)")
        self.body.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.log_button = QPushButton(icon("note"), "Log interaction")
        self.log_button.setObjectName("logButton")
        self.log_button.setToolTip("Log interaction (Ctrl+Return)")
        self.log_button.clicked.connect(self.log)
        self.summary.textChanged.connect(self._update_button)
        self.body.textChanged.connect(self._update_button)
        self.summary.returnPressed.connect(self.log)
        log_shortcut = QAction(self)
        log_shortcut.setShortcut(QKeySequence("Ctrl+Return"))
        log_shortcut.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        log_shortcut.triggered.connect(self.log)
        self.addAction(log_shortcut)

        first = QHBoxLayout()
        first.addWidget(self.kind)
        first.addWidget(self.when, 1)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("Kind", first)
        form.addRow("Summary", self.summary)
        form.addRow("Details", self.body)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.log_button)
        form.addRow(buttons)

        self.model = HistoryModel(ctx.db.now, self)
        self.list = rows_list("historyList", self.model, "History")
        self.list.setItemDelegate(HistoryDelegate(self.list))
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._context_menu)
        delete = QAction(icon("delete"), "Delete entry", self.list)
        delete.setShortcut(QKeySequence.StandardKey.Delete)
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self.delete_current)
        self.list.addAction(delete)
        self._delete_action = delete
        self.empty = QLabel("Nothing logged yet. Notes, emails and calls you log appear here.")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setForegroundRole(self.empty.foregroundRole())
        self.empty.setEnabled(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        self._update_button()

    def show_contact(self, contact_id: int | None, name: str) -> None:
        changed = contact_id != self.contact_id
        self.contact_id = contact_id
        self.contact_name = name
        if changed:
            self.reset_form()
        self.refresh()

    def reset_form(self) -> None:
        self.kind.setCurrentIndex(0)
        self.summary.clear()
        self.body.clear()
        self.when.setDateTime(_qdatetime(to_local(self.ctx.db.now(), local_zone())))

    def refresh(self) -> None:
        rows = list_history(self.ctx.db, self.contact_id) if self.contact_id is not None else []
        self.model.set_rows(rows)
        self.list.setVisible(bool(rows))
        self.empty.setVisible(not rows)

    @Slot()
    def _update_button(self) -> None:
        self.log_button.setEnabled(
            bool(self.summary.text().strip() or self.body.toPlainText().strip())
        )

    @Slot()
    def log(self) -> None:
        if self.contact_id is None or not self.log_button.isEnabled():
            return
        qt_when = self.when.dateTime()
        day, clock = qt_when.date(), qt_when.time()
        local = datetime(day.year(), day.month(), day.day(), clock.hour(), clock.minute())
        command = LogInteractionCommand(
            self.ctx.db,
            self.ctx.hub,
            self.contact_id,
            self.contact_name,
            str(self.kind.currentData()),
            to_utc(local, local_zone()),
            self.summary.text().strip(),
            self.body.toPlainText().strip(),
        )
        push(self.ctx, command)
        self.reset_form()
        self.refresh()
        self.summary.setFocus()

    @Slot()
    def delete_current(self) -> None:
        index = self.list.currentIndex()
        if not index.isValid() or self.contact_id is None:
            return
        entry = self.model.entry(index.row())
        push(
            self.ctx, DeleteInteractionCommand(self.ctx.db, self.ctx.hub, entry, self.contact_name)
        )
        self.refresh()

    def record_answers(self, meeting_id: int) -> None:
        """Open what was answered at a meeting of this contact's history, to write or edit."""
        from ui.prep.answers import open_record_answers  # prep loads Jinja: only on demand

        open_record_answers(self.ctx, self, meeting_id)

    @Slot(QPoint)
    def _context_menu(self, pos: QPoint) -> None:
        if not self.list.indexAt(pos).isValid():
            return
        self.list.setCurrentIndex(self.list.indexAt(pos))
        menu = QMenu(self)
        entry = self.model.entry(self.list.indexAt(pos).row())
        if entry.meeting_id is not None and entry.kind in ("meeting", "answers"):
            record = menu.addAction(icon("answers"), "Record answers…")
            record.setObjectName("recordAnswersFromHistory")
            record.triggered.connect(lambda _c=False, m=entry.meeting_id: self.record_answers(m))
        for link in find_links(f"{entry.summary}\n{entry.body}"):
            action = menu.addAction(icon("open-link"), f"{OPEN_WORDS[link.kind]} {link.text}")
            action.triggered.connect(lambda _c=False, url=link.url: open_url(url))
        if not menu.isEmpty():
            menu.addSeparator()
        menu.addAction(self._delete_action)
        menu.exec(self.list.viewport().mapToGlobal(pos))


def _qdatetime(value: datetime) -> QDateTime:
    return QDateTime(QDate(value.year, value.month, value.day), QTime(value.hour, value.minute))
