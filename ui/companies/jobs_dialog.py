"""One company's openings and applications: add, remove, move through statuses, attach files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crm.companies.service import company_contacts
from crm.store.job_models import APPLICATION_STATUSES
from crm.targets.applications import ApplicationDates, ApplicationRow, list_openings
from crm.targets.attachments import viewer_copy
from crm.targets.listing import list_applications
from ui.common.buttons import new_button, side_by_side
from ui.common.commands import SetStatusCommand
from ui.common.dialogs import Dialog
from ui.common.tables import rows_table, selected_row
from ui.common.undo import push
from ui.companies.job_commands import (
    AddApplicationCommand,
    AddOpeningCommand,
    AttachFileCommand,
    DeleteApplicationCommand,
    DeleteOpeningCommand,
)
from ui.companies.job_forms import ApplicationForm, OpeningForm
from ui.companies.job_models import ApplicationsModel, FilesModel, OpeningsModel
from ui.companies.jobs_edit import DatesForm, EditOpeningCommand, EditOpeningForm, SetDatesCommand
from ui.context import AppContext
from ui.refresh import refresh_page


def _table(name: str, model: QAbstractItemModel, stretch: int = 0) -> QTableView:
    view = rows_table(QTableView(), name, model, stretch=(stretch,))
    view.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft)
    return view


def _title(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


class JobsDialog(Dialog):
    """Openings seen at a company and the user's applications there."""

    def __init__(
        self, ctx: AppContext, company_id: int, name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__("jobsDialog", f"Openings and applications: {name}", parent)
        self.ctx, self.company_id = ctx, company_id
        self.form: QDialog | None = None  # the edit form while it is open
        self.openings = OpeningsModel(self)
        self.applications = ApplicationsModel(self)
        self.files = FilesModel(self)
        self.openings_view = _table("openingsView", self.openings)
        self.applications_view = _table("applicationsView", self.applications)
        self.files_view = _table("applicationFilesView", self.files, stretch=1)
        self.files_view.setColumnWidth(0, 120)
        self.applications_view.setColumnWidth(5, 220)
        self.openings_view.setColumnWidth(3, 220)
        self.files_view.doubleClicked.connect(lambda _i: self.open_file())
        sel = self.applications_view.selectionModel()
        sel.selectionChanged.connect(lambda *_: self._on_application())

        self.add_opening_button = new_button("Add &opening…", self.add_opening)
        self.edit_opening_button = new_button("&Edit opening…", self.edit_opening)
        self.remove_opening_button = new_button("Remove opening", self.remove_opening)
        self.add_application_button = new_button("Add &application…", self.add_application)
        self.dates_button = new_button(
            "&Dates…", self.edit_dates, tip="Applied on, deadline, next interview"
        )
        self.remove_application_button = new_button("Remove application", self.remove_application)
        self.status = QComboBox()
        self.status.setObjectName("applicationStatus")
        self.status.setAccessibleName("Status of the selected application")
        self.status.addItems(list(APPLICATION_STATUSES))
        self.status.activated.connect(lambda _i: self.change_status(self.status.currentText()))
        self.attach_button = new_button("Attach &file…", self.choose_file)
        self.open_button = new_button("Open file", self.open_file)

        layout = QVBoxLayout(self)
        layout.addWidget(_title("Openings"))
        layout.addWidget(self.openings_view, 2)
        layout.addLayout(
            side_by_side(
                self.add_opening_button,
                self.edit_opening_button,
                self.remove_opening_button,
                None,
            )
        )
        layout.addWidget(_title("Applications"))
        layout.addWidget(self.applications_view, 3)
        status_label = QLabel("&Status:")
        status_label.setBuddy(self.status)
        layout.addLayout(
            side_by_side(
                self.add_application_button,
                self.dates_button,
                self.remove_application_button,
                None,
                status_label,
                self.status,
            )
        )
        layout.addWidget(_title("Files sent with the selected application"))
        layout.addWidget(self.files_view, 1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addLayout(side_by_side(self.attach_button, self.open_button, None, close))
        self.resize(760, 620)

        self._refresher = refresh_page(self, ctx.hub, self.reload, lambda c: c.companies)
        self.reload()

    def reload(self, *_changes: object) -> None:
        chosen = self.selected_application()
        self.openings.set_rows(list_openings(self.ctx.db, self.company_id))
        self.applications.set_rows(list_applications(self.ctx.db, company_id=self.company_id))
        if chosen is not None:
            self.select_application(chosen.id)
        self._refresher.forget()
        self._on_application()

    def selected_application(self) -> ApplicationRow | None:
        return selected_row(self.applications_view, self.applications)

    def select_application(self, application_id: int) -> None:
        for n, row in enumerate(self.applications.rows):
            if row.id == application_id:
                self.applications_view.selectRow(n)

    def _on_application(self) -> None:
        app = self.selected_application()
        self.files.set_rows(app.files if app else [])
        widgets = (self.remove_application_button, self.dates_button, self.status)
        for widget in (*widgets, self.attach_button):
            widget.setEnabled(app is not None)
        self.open_button.setEnabled(bool(app and app.files))
        self.remove_opening_button.setEnabled(self.openings.rowCount() > 0)
        self.edit_opening_button.setEnabled(self.openings.rowCount() > 0)
        if app is not None:
            self.status.setCurrentText(app.status)

    # -- actions -------------------------------------------------------------------------

    def _push(self, command: object) -> bool:
        done = push(self.ctx, command)  # type: ignore[arg-type]
        self._refresher.run()
        return done

    @Slot()
    def add_opening(self) -> None:
        form = OpeningForm(self)
        if form.exec() == QDialog.DialogCode.Accepted:
            db, hub = self.ctx.db, self.ctx.hub
            self._push(AddOpeningCommand(db, hub, self.company_id, form.fields()))

    @Slot()
    def edit_opening(self) -> None:
        index = self.openings_view.currentIndex()
        opening = self.openings.row_at(index.row() if index.isValid() else 0)
        if opening is None:
            return
        form = EditOpeningForm(opening, self)
        self.form = form  # tests reach the open form here
        if form.exec() == QDialog.DialogCode.Accepted:
            self._push(EditOpeningCommand(self.ctx.db, self.ctx.hub, opening, form.fields()))

    @Slot()
    def edit_dates(self) -> None:
        app = self.selected_application()
        if app is None:
            return
        form = DatesForm(app, self)
        self.form = form
        if form.exec() == QDialog.DialogCode.Accepted and form.dates() != (
            ApplicationDates(app.applied_on, app.deadline, app.interview_on)
        ):
            self._push(SetDatesCommand(self.ctx.db, self.ctx.hub, app, form.dates()))

    @Slot()
    def remove_opening(self) -> None:
        index = self.openings_view.currentIndex()
        opening = self.openings.row_at(index.row()) if index.isValid() else None
        if opening is not None:
            db, hub = self.ctx.db, self.ctx.hub
            self._push(DeleteOpeningCommand(db, hub, opening.id, opening.title))

    @Slot()
    def add_application(self) -> None:
        people = company_contacts(self.ctx.db, self.company_id)
        form = ApplicationForm(list(self.openings.rows), people, self)
        if form.exec() != QDialog.DialogCode.Accepted:
            return
        command = AddApplicationCommand(
            self.ctx.db, self.ctx.hub, self.company_id, form.fields(), form.contacts()
        )
        if self._push(command) and command.new_id is not None:
            self.select_application(command.new_id)

    @Slot()
    def remove_application(self) -> None:
        app = self.selected_application()
        if app is not None:
            self._push(DeleteApplicationCommand(self.ctx.db, self.ctx.hub, app.id, app.title))

    def change_status(self, status: str) -> None:
        app = self.selected_application()
        if app is not None and status != app.status:
            db, hub = self.ctx.db, self.ctx.hub
            self._push(SetStatusCommand(db, hub, app.id, app.title, status))

    @Slot()
    def choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            "Attach a CV or cover letter",
            "",
            "Documents (*.pdf *.doc *.docx *.odt *.txt);;All files (*)",
        )
        if path:
            self.attach(Path(path))

    def attach(self, path: Path) -> None:
        app = self.selected_application()
        if app is None:
            return
        kind = "Cover letter" if "letter" in path.name.lower() else "CV"
        self._push(AttachFileCommand(self.ctx.db, self.ctx.hub, app.id, path, kind))

    @Slot()
    def open_file(self) -> None:
        index = self.files_view.currentIndex()
        row = self.files.row_at(index.row() if index.isValid() else 0)
        if row is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(viewer_copy(self.ctx.db, row[0]))))
