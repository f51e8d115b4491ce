"""The selected company's own fields, each saved as an undoable edit when typing finishes."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Signal, Slot
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QToolButton,
    QWidget,
)

from crm.companies.editing import CompanyDetail, get_company
from ui.common.field_values import committed, open_typed_link, show_line, show_text, typed_lines
from ui.common.fields import text_box
from ui.common.records import ShowsOneRecord
from ui.common.undo import push
from ui.companies.commands import EditCompanyCommand
from ui.context import AppContext
from ui.icons import icon
from ui.refresh import about_companies, refresh_page

LINE_FIELDS = (
    ("name", "Name", "Company name"),
    ("website", "Website", "https://…"),
    ("industry", "Industry", "e.g. Robotics, Public health"),
    ("location", "Location", "City, or remote"),
)


class CompanyDetailPanel(ShowsOneRecord[CompanyDetail], QWidget):
    """Name, website, industry, location and notes of one company."""

    renameRequested = Signal(int, str)  # a new name goes through the page (it may merge)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("companyDetail")
        self.setAccessibleName("Company details")
        self.ctx = ctx
        self.lines: dict[str, QLineEdit] = {}
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for field, label, placeholder in LINE_FIELDS:
            edit = QLineEdit()
            edit.setObjectName(f"company_{field}")
            edit.setAccessibleName(label)
            edit.setPlaceholderText(placeholder)
            edit.editingFinished.connect(lambda f=field: self._commit_line(f))
            self.lines[field] = edit
            if field == "website":
                row = QHBoxLayout()
                row.addWidget(edit, 1)
                self.open_site = QToolButton()
                self.open_site.setIcon(icon("link"))
                self.open_site.setToolTip("Open the website in the browser")
                self.open_site.setAccessibleName("Open website")
                self.open_site.clicked.connect(self._open_site)
                row.addWidget(self.open_site)
                form.addRow(label, row)
            else:
                form.addRow(label, edit)
        self.notes = text_box(
            "company_notes",
            "What they do, who hires, what you have heard",
            accessible_name="Notes",
        )
        self.notes.setFixedHeight(76)
        self.notes.installEventFilter(self)
        form.addRow("Notes", self.notes)
        self.refresher = refresh_page(
            self, ctx.hub, lambda _changes: self._reshow(), about_companies, immediate=True
        )
        self.show_company(None)

    def show_company(self, company_id: int | None) -> None:
        force = self.take_record(get_company, self.ctx.db, company_id)
        detail = self.detail
        self.setEnabled(detail is not None)
        for field, edit in self.lines.items():
            show_line(edit, getattr(detail, field) if detail else "", force=force)
        show_text(self.notes, detail.notes if detail else "", force=force)
        self.open_site.setEnabled(bool(detail and detail.website))

    def focus_field(self, field: str) -> None:
        self.lines[field].setFocus()
        self.lines[field].selectAll()

    @Slot()
    def _reshow(self) -> None:
        self.show_company(self.record_id)

    def flush(self) -> None:
        """Save what is being typed (before showing another company or closing)."""
        if self.detail is None:
            return
        for field in typed_lines(self.lines):
            self._commit_line(field)
        if self.notes.toPlainText() != self.detail.notes:
            self._commit("notes", self.notes.toPlainText())

    def _commit_line(self, field: str) -> None:
        self._commit(field, " ".join(committed(self.lines[field]).split()))

    def _commit(self, field: str, value: str) -> None:
        d = self.detail
        if d is None or value == getattr(d, field):
            return
        if field == "name":
            if value:
                self.renameRequested.emit(d.id, value)
            else:
                self.lines["name"].setText(d.name)  # a company keeps a name
            return
        command = EditCompanyCommand(
            self.ctx.db, self.ctx.hub, d.id, d.name, field, getattr(d, field), value
        )
        push(self.ctx, command)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.notes and event.type() == QEvent.Type.FocusOut:
            self._commit("notes", self.notes.toPlainText())
        return super().eventFilter(watched, event)

    @Slot()
    def _open_site(self) -> None:
        open_typed_link(self.lines["website"])
