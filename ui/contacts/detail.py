"""The detail panel of one contact: every field editable in place, saved as undoable edits."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from crm.changes import Changes
from crm.companies.service import company_names
from crm.contacts.listing import tag_names
from crm.contacts.service import Channel, ContactDetail, get_contact, set_channels, set_tags
from ui.common.field_values import committed, open_typed_link, show_line, show_text, typed_lines
from ui.common.fields import named, text_box
from ui.common.records import ShowsOneRecord
from ui.common.undo import push
from ui.contacts.channels import ChannelsEditor
from ui.contacts.commands import EditFieldCommand, SetListCommand
from ui.contacts.employer_panel import EmployerPanel
from ui.contacts.pickers import CompanyCombo, ContactPicker, TagsEdit
from ui.contacts.progress import FollowUpsField, StageField
from ui.contacts.timeline import TimelinePanel
from ui.context import AppContext
from ui.icons import icon
from ui.refresh import refresh_page
from ui.today.cadence_field import CadenceField

NOTES_DEBOUNCE_MS = 800
LINE_FIELDS = (
    ("first_name", "First name"),
    ("last_name", "Last name"),
    ("title", "Title"),
    ("location", "Location"),
    ("linkedin_url", "LinkedIn"),
    ("source", "How we met"),
)


class ContactDetailPanel(ShowsOneRecord[ContactDetail], QWidget):
    """Shows the selected contact; each field saves itself when editing finishes."""

    contactShown = Signal(object)  # int | None

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contactDetail")
        self.setAccessibleName("Contact details")
        self.ctx = ctx

        self.name_label = QLabel()
        font = QFont(self.name_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.45)
        font.setBold(True)
        self.name_label.setFont(font)
        self.name_label.setTextFormat(Qt.TextFormat.PlainText)
        self.name_label.setWordWrap(True)
        self.subtitle = QLabel()
        self.subtitle.setTextFormat(Qt.TextFormat.PlainText)
        self.subtitle.setWordWrap(True)
        self.header_buttons = QHBoxLayout()
        self.header_buttons.setContentsMargins(0, 0, 0, 0)
        self.header_buttons.addStretch(1)

        self.lines: dict[str, QLineEdit] = {}
        for field, label in LINE_FIELDS:
            edit = QLineEdit()
            edit.setObjectName(f"field_{field}")
            edit.setAccessibleName(label)
            edit.editingFinished.connect(lambda f=field: self._commit_line(f))
            self.lines[field] = edit
        self.lines["linkedin_url"].setPlaceholderText("https://www.linkedin.com/in/…")
        self.lines["source"].setPlaceholderText("e.g. alumni meetup, a friend's referral")
        self.open_link = QToolButton()
        self.open_link.setIcon(icon("linkedin"))
        self.open_link.setToolTip("Open the LinkedIn profile in the browser")
        self.open_link.setAccessibleName("Open LinkedIn profile")
        self.open_link.clicked.connect(self._open_linkedin)
        self.lines["linkedin_url"].textChanged.connect(
            lambda text: self.open_link.setEnabled(bool(text.strip()))
        )

        self.company = named(CompanyCombo(), "field_company", "Company")
        self.company.committed.connect(lambda text: self._commit("company", text))
        self.referrer = named(ContactPicker(ctx.db), "field_referred_by")
        self.referrer.picked.connect(lambda cid: self._commit("referred_by_id", cid))
        self.tags = named(TagsEdit(), "field_tags", "Tags")
        self.tags.committed.connect(self._commit_tags)
        self.channels = named(ChannelsEditor(), "field_channels")
        self.channels.edited.connect(self._commit_channels)
        self.notes = text_box(
            "field_notes", "Anything worth remembering about them", accessible_name="Notes"
        )
        self.notes.setMinimumHeight(110)
        self.notes.installEventFilter(self)
        self._notes_timer = QTimer(self, singleShot=True, interval=NOTES_DEBOUNCE_MS)
        self._notes_timer.timeout.connect(self._commit_notes)
        self.notes.textChanged.connect(self._on_notes_typed)
        self.stage = StageField(ctx)
        self.follow_ups = FollowUpsField(ctx)
        self.archived = QCheckBox("Archived (hidden from the list)")
        self.archived.setObjectName("field_archived")
        self.archived.clicked.connect(lambda on: self._commit("archived", bool(on)))

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self._details_tab(), "Details")
        self.timeline = TimelinePanel(ctx)
        self.tabs.addTab(self.timeline, "History")
        self.employer = EmployerPanel(ctx)
        self.tabs.addTab(self.employer, "Employer")
        self.contactShown.connect(self.employer.show_contact)

        self.empty = QLabel("Select a contact to see and edit their details.")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setEnabled(False)

        header = QVBoxLayout()
        header.setSpacing(2)
        header.addWidget(self.name_label)
        header.addWidget(self.subtitle)
        self.body = QWidget()
        body_layout = QVBoxLayout(self.body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addLayout(header)
        body_layout.addLayout(self.header_buttons)
        body_layout.addWidget(self.tabs, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 6)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.empty, 1)

        # Immediate: an edit or an undo shows in the fields within the same event.
        self._refresher = refresh_page(self, ctx.hub, self.refresh, self.concerns, immediate=True)
        self._refresh_completions()
        self.show_contact(None)

    def _details_tab(self) -> QWidget:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.addRow("First name", self.lines["first_name"])
        form.addRow("Last name", self.lines["last_name"])
        form.addRow("Title", self.lines["title"])
        form.addRow("Company", self.company)
        form.addRow("Location", self.lines["location"])
        linkedin = QHBoxLayout()
        linkedin.addWidget(self.lines["linkedin_url"], 1)
        linkedin.addWidget(self.open_link)
        form.addRow("LinkedIn", linkedin)
        form.addRow("Stage", self.stage)
        form.addRow("Follow-ups", self.follow_ups)
        form.addRow("How we met", self.lines["source"])
        form.addRow("Referred by", self.referrer)
        form.addRow("Contact", self.channels)
        form.addRow("Tags", self.tags)
        self.cadence = CadenceField(self.ctx)
        form.addRow("Keep in touch", self.cadence)
        form.addRow("Notes", self.notes)
        form.addRow("", self.archived)
        inner = QWidget()
        inner.setLayout(form)
        form.setContentsMargins(2, 10, 8, 10)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)
        return scroll

    def add_header_action(self, action: QAction) -> None:
        button = QToolButton()
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.header_buttons.insertWidget(self.header_buttons.count() - 1, button)

    # -- showing -------------------------------------------------------------------------

    @property
    def contact_id(self) -> int | None:
        return self.record_id

    def show_contact(self, contact_id: int | None) -> None:
        switched = self.take_record(get_contact, self.ctx.db, contact_id)
        detail = self.detail
        self.body.setVisible(detail is not None)
        self.empty.setVisible(detail is None)
        if detail is not None:
            self._fill(detail, force=switched)
            self.referrer.exclude = detail.id
        self.timeline.show_contact(detail.id if detail else None, detail.name if detail else "")
        self.cadence.show_contact(detail.id if detail else None, detail.name if detail else "")
        if switched:
            self.contactShown.emit(self.contact_id)

    def _fill(self, d: ContactDetail, *, force: bool) -> None:
        self.name_label.setText(d.name)
        where = " at ".join(p for p in (d.title, d.company) if p)
        self.subtitle.setText(" · ".join(p for p in (where, d.stage_name, d.location) if p))
        for field, edit in self.lines.items():
            show_line(edit, str(getattr(d, field)), force=force)
        line = self.company.line()
        if self.company.currentText() != d.company and (
            force or not (line.hasFocus() and line.isModified())
        ):
            self.company.set_company(d.company)
        if force or not self.referrer.edit.hasFocus():
            self.referrer.set_contact(d.referred_by_id, d.referred_by_name)
        tags_typing = self.tags.hasFocus() and self.tags.isModified()
        if (force or not tags_typing) and self.tags.tags() != d.tags:
            self.tags.set_tags(d.tags)
        if force:
            self.channels.set_channels(())
        self.channels.set_channels(d.channels)
        show_text(self.notes, d.notes, force=force)
        self.archived.setChecked(d.archived)
        self.stage.show_contact(d)
        self.follow_ups.show_contact(d)
        self.open_link.setEnabled(bool(d.linkedin_url))

    def focus_first_name(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.lines["first_name"].setFocus()
        self.lines["first_name"].selectAll()

    def focus_panel(self) -> None:
        """Enter on the table lands here: the first field, ready to edit."""
        self.focus_first_name()

    # -- committing ----------------------------------------------------------------------

    def flush(self) -> None:
        """Save whatever is being typed (before switching contact or closing)."""
        if self.detail is None:
            return
        for field in typed_lines(self.lines):
            self._commit_line(field)
        if self.company.line().isModified():
            self._commit("company", " ".join(self.company.currentText().split()))
        if self.tags.isModified():
            self._commit_tags(self.tags.tags())
        self.channels.commit()
        if self._notes_timer.isActive():
            self._notes_timer.stop()
            self._commit_notes()

    def _commit_line(self, field: str) -> None:
        self._commit(field, committed(self.lines[field]))

    def _commit(self, field: str, value: Any) -> None:
        d = self.detail
        if d is None:
            return
        old = d.company if field == "company" else getattr(d, field)
        if value == old or (field == "company" and value.lower() == old.lower() and value):
            return
        command = EditFieldCommand(self.ctx.db, self.ctx.hub, d.id, d.name, field, old, value)
        push(self.ctx, command)

    @Slot(tuple)
    def _commit_tags(self, tags: tuple[str, ...]) -> None:
        self.tags.setModified(False)
        d = self.detail
        if d is None or tuple(t.lower() for t in tags) == tuple(t.lower() for t in d.tags):
            return
        command = SetListCommand(self.ctx.db, self.ctx.hub, set_tags, d.id, d.name, d.tags, tags)
        push(self.ctx, command)

    @Slot(tuple)
    def _commit_channels(self, channels: tuple[Channel, ...]) -> None:
        d = self.detail
        if d is None or channels == d.channels:
            return
        command = SetListCommand(
            self.ctx.db, self.ctx.hub, set_channels, d.id, d.name, d.channels, channels
        )
        push(self.ctx, command)

    @Slot()
    def _on_notes_typed(self) -> None:
        self._notes_timer.start()

    @Slot()
    def _commit_notes(self) -> None:
        self._notes_timer.stop()
        self._commit("notes", self.notes.toPlainText())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        focus_out = event.type() == QEvent.Type.FocusOut
        if watched is self.notes and focus_out and self._notes_timer.isActive():
            self._commit_notes()
        return super().eventFilter(watched, event)

    @Slot()
    def _open_linkedin(self) -> None:
        open_typed_link(self.lines["linkedin_url"])

    # -- hub -----------------------------------------------------------------------------

    def concerns(self, changes: Changes) -> bool:
        """Whether `changes` alter what the panel shows: the contact shown, the names its
        company and tags complete from, or the stages it picks from."""
        shown = self.contact_id is not None and self.contact_id in changes.contacts
        return shown or changes.companies or changes.tags or changes.stages

    def refresh(self, changes: Changes) -> None:
        if changes.everything or changes.companies or changes.tags:
            self._refresh_completions()
        self.show_contact(self.contact_id)

    @Slot()
    def _refresh_completions(self) -> None:
        self.company.set_names(company_names(self.ctx.db))
        self.tags.set_names(tag_names(self.ctx.db))
