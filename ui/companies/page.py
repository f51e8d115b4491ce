"""The Companies page: every company, and beside it its details, people and meetings."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QItemSelectionModel, QModelIndex, Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QInputDialog,
    QLabel,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from crm.changes import Changes
from crm.companies.editing import company_meetings
from crm.companies.service import CompanyRow, company_contacts, list_companies
from ui.common.actions import new_action
from ui.common.list_detail import list_side, sides
from ui.common.prompts import ask, warn
from ui.common.tables import rows_table, selected_rows
from ui.common.undo import push
from ui.companies.commands import (
    MergeCompaniesCommand,
    NewCompanyCommand,
    RenameCompanyCommand,
)
from ui.companies.detail import CompanyDetailPanel
from ui.companies.meetings_model import CompanyMeetingsModel
from ui.companies.merge_dialog import MergeDialog
from ui.companies.model import CompaniesModel, CompanyContactsModel
from ui.companies.targets_tab import add_targets_tab
from ui.context import AppContext
from ui.empty_state import EmptyState, import_from, new_contact_from
from ui.main_window import MainWindow
from ui.refresh import refresh_page

EMPTY_TEXT = (
    "Companies gather the people you talk to, so you can see who you know at each employer. "
    "A company is added when you type it in a contact's Company field, or when you import "
    "contacts from LinkedIn or another address book."
)


def _table(name: str, model: QAbstractItemModel, accessible_name: str, **sizing: Any) -> QTableView:
    """One of the page's three lists: several rows may be selected, rows a little taller."""
    view = rows_table(
        QTableView(),
        name,
        model,
        accessible_name=accessible_name,
        selection=QAbstractItemView.SelectionMode.ExtendedSelection,
        **sizing,
    )
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 12)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return view


class CompaniesPage(QWidget):
    """Lists companies; the selected one's contacts open on double-click."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = CompaniesModel(self)
        self.model.renameRequested.connect(self.rename)
        self.contacts_model = CompanyContactsModel(self)
        self.meetings_model = CompanyMeetingsModel(self)

        # Name, industry and location share the width: one long column never crowds out
        # the others (elided text is read whole in its tooltip).
        self.view = _table(
            "companiesView",
            self.model,
            "Companies",
            edit=QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked,
            stretch=(0, 2, 3),
            fit=(1,),
        )
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._on_selection())

        self.contacts_view = _table(
            "companyContactsView",
            self.contacts_model,
            "Contacts at this company",
            stretch=(0,),
            widths={1: 170, 2: 110},
        )
        self.contacts_view.activated.connect(self._open_contact)
        self.contacts_view.doubleClicked.connect(self._open_contact)
        self.detail = CompanyDetailPanel(ctx)
        self.detail.renameRequested.connect(self.rename)
        self.meetings_view = _table(
            "companyMeetingsView",
            self.meetings_model,
            "Meetings with people at this company",
            stretch=(1,),
            fit=(0, 3),
            widths={2: 120},
        )
        self.meetings_view.doubleClicked.connect(self._open_meeting)

        self.new_action = new_action(
            self,
            "new-company",
            "&New company…",
            self.new_company,
            name="newCompanyAction",
            tip="Add a company you want to learn about",
        )
        # F2 is the view's own edit key; the action serves the button and the context menu.
        self.rename_action = new_action(
            self, "rename", "&Rename…", self.start_rename, tip="Rename the company (F2)"
        )
        self.merge_action = new_action(
            self,
            "merge",
            "&Merge…",
            self.merge_selected,
            tip="Merge the selected companies into one",
        )
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.view.addActions([self.rename_action, self.merge_action])
        self.new_button = QToolButton()
        self.new_button.setObjectName("newCompanyButton")
        self.rename_button = QToolButton()
        self.merge_button = QToolButton()
        for button, action in (
            (self.new_button, self.new_action),
            (self.rename_button, self.rename_action),
            (self.merge_button, self.merge_action),
        ):
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setDefaultAction(action)
        self.summary = QLabel()
        self.contacts_title = QLabel()
        self.contacts_title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.contacts_title.font()
        font.setBold(True)
        self.contacts_title.setFont(font)
        hint = QLabel("Double-click a contact to open it.")
        hint.setEnabled(False)

        bar = (self.summary, self.new_button, self.rename_button, self.merge_button)
        left = list_side(bar, self.view)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(4, 10, 10, 10)
        right_layout.addWidget(self.detail)
        right_layout.addSpacing(6)
        right_layout.addWidget(self.contacts_title)
        right_layout.addWidget(self.contacts_view, 1)
        right_layout.addWidget(hint)
        self.meetings_title = QLabel("Meetings")
        self.meetings_title.setFont(font)
        right_layout.addWidget(self.meetings_title)
        right_layout.addWidget(self.meetings_view, 1)

        self.splitter = sides("companiesSplitter", left, right, (620, 480))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self.empty = EmptyState("companiesEmpty", "No companies yet", EMPTY_TEXT)
        layout.addWidget(self.empty)

        self._refresher = refresh_page(self, ctx.hub, self.reload, _about_companies)
        self.reload()

    # -- data ----------------------------------------------------------------------------

    def reload(self, *_changes: object) -> None:
        selected = self.selected_ids()
        self.model.set_rows(list_companies(self.ctx.db))
        self.select_companies(selected)
        if not self.selected_ids() and self.model.rowCount():
            self.select_companies([self.model.rows[0].id])
        count = self.model.rowCount()
        self.summary.setText(f"{count} compan{'y' if count == 1 else 'ies'}")
        self.empty.setVisible(count == 0)
        self.splitter.setVisible(count > 0)
        self._on_selection()

    def selected_ids(self) -> list[int]:
        return [company.id for company in self.selected()]

    def selected(self) -> list[CompanyRow]:
        return [self.model.rows[r] for r in selected_rows(self.view)]

    def select_companies(self, ids: list[int]) -> None:
        selection = self.view.selectionModel()
        rows = QItemSelectionModel.SelectionFlag.Rows
        for n, company_id in enumerate(ids):
            row = self.model.row_of(company_id)
            if row < 0:
                continue
            flag = QItemSelectionModel.SelectionFlag.Select
            if n == 0:
                flag = QItemSelectionModel.SelectionFlag.ClearAndSelect
                selection.setCurrentIndex(self.model.index(row, 0), flag | rows)
            else:
                selection.select(self.model.index(row, 0), flag | rows)

    def _on_selection(self) -> None:
        chosen = self.selected()
        self.merge_action.setEnabled(len(chosen) >= 2)
        self.rename_action.setEnabled(len(chosen) == 1)
        current = self.view.currentIndex()
        company = self.model.row_at(current.row()) if current.isValid() else None
        if company is None and chosen:
            company = chosen[0]
        self.detail.show_company(company.id if company else None)
        if company is None:
            self.contacts_model.set_rows([])
            self.meetings_model.set_rows([])
            self.contacts_title.setText("Select a company to see its people")
            return
        self.contacts_model.set_rows(company_contacts(self.ctx.db, company.id))
        people = company.contact_count
        self.contacts_title.setText(f"People: {people} contact{'' if people == 1 else 's'}")
        self.meetings_model.set_rows(company_meetings(self.ctx.db, company.id))

    # -- actions -------------------------------------------------------------------------

    @Slot(QModelIndex)
    def _open_contact(self, index: QModelIndex) -> None:
        if index.isValid():
            self.ctx.hub.openContactRequested.emit(self.contacts_model.contact_id(index.row()))

    @Slot(QModelIndex)
    def _open_meeting(self, index: QModelIndex) -> None:
        from ui.calendar.schedule import edit_meeting  # the calendar loads on first use

        if index.isValid():
            edit_meeting(self.ctx, self.window(), self.meetings_model.meeting_id(index.row()))

    @Slot()
    def new_company(self) -> None:
        """Ask for a name; an existing company of that name is shown instead of a copy."""
        name, ok = QInputDialog.getText(self, "New company", "Company name:")
        name = " ".join(name.split())
        if not ok or not name:
            return
        self.detail.flush()
        same = next((c for c in self.model_rows() if c.name.lower() == name.lower()), None)
        if same is None:
            command = NewCompanyCommand(self.ctx.db, self.ctx.hub, name)
            if not push(self.ctx, command, lambda text: warn(self, "New company", text)):
                return
            assert command.new_id is not None
            company_id = command.new_id
        else:
            company_id = same.id
        self.reload()
        self.select_companies([company_id])
        self.view.scrollTo(self.view.currentIndex())
        # After the name dialog has handed focus back to the window, not before.
        field = "website" if same is None else "name"
        QTimer.singleShot(0, lambda: self.detail.focus_field(field))

    @Slot()
    def start_rename(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.view.edit(self.model.index(index.row(), 0))

    @Slot(int, str)
    def rename(self, company_id: int, name: str) -> None:
        row = self.model.row_of(company_id)
        if row < 0:
            return
        company = self.model.rows[row]
        same = next(
            (c for c in self.model_rows() if c.name.lower() == name.lower() and c.id != company_id),
            None,
        )
        if same is None:
            command = RenameCompanyCommand(
                self.ctx.db, self.ctx.hub, company_id, company.name, name
            )
            push(self.ctx, command)
            return
        if ask(
            self,
            "Merge companies?",
            f"There is already a company called “{same.name}”. "
            f"Merge “{company.name}” into it? Its {company.contact_count} contacts move over.",
        ):
            self._merge(same, [company.id], name)

    def model_rows(self) -> list[CompanyRow]:
        return list(self.model.rows)

    @Slot()
    def merge_selected(self) -> None:
        chosen = self.selected()
        if len(chosen) < 2:
            return
        dialog = MergeDialog(chosen, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        kept = dialog.kept()
        self._merge(kept, [c.id for c in chosen if c.id != kept.id], kept.name)

    def _merge(self, kept: CompanyRow, others: list[int], name: str) -> None:
        command = MergeCompaniesCommand(self.ctx.db, self.ctx.hub, kept.id, others, name)
        push(self.ctx, command)
        self.reload()
        self.select_companies([kept.id])


def _about_companies(changes: Changes) -> bool:
    """Companies, their people (names, counts), the stages shown beside them or the
    meetings listed in the company's detail changed."""
    return changes.companies or changes.stages or bool(changes.contacts or changes.meetings)


def install(window: MainWindow, ctx: AppContext) -> CompaniesPage:
    """Add the Companies page (Ctrl+4) with its rename and merge actions."""
    page = CompaniesPage(ctx)
    add_targets_tab(page, ctx)
    window.add_page("companies", "Companies", "companies", page, "Ctrl+4")
    page.empty.add_button("add", "Add a contact", lambda: new_contact_from(window), "companiesAdd")
    page.empty.add_button(
        "import", "Import contacts…", lambda: import_from(window, ctx), "companiesImport"
    )
    window.window_state.restore_splitter("companies", page.splitter)
    window.closing.connect(lambda: window.window_state.save_splitter("companies", page.splitter))
    window.closing.connect(page.detail.flush)
    return page
