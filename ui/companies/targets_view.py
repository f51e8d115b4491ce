"""The Targets view of the Companies page: the ranked list of employers the user aims at."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QUrl, QUrlQuery, Slot
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from crm.changes import Changes
from crm.contacts.service import ContactFields
from crm.exporting.atomic import write_atomically
from crm.targets.listing import applications_csv
from crm.targets.targets import TargetRow, list_targets, rank_between, target_fields
from ui.common.actions import new_action
from ui.common.commands import NewContactCommand
from ui.common.undo import push
from ui.companies.choice_delegate import ChoiceDelegate
from ui.companies.jobs_dialog import JobsDialog
from ui.companies.target_commands import SetTargetCommand
from ui.companies.targets_model import CHOICES_ROLE, MOTIVATION, NAME, POSTING, TargetsModel
from ui.context import AppContext
from ui.icons import icon
from ui.refresh import refresh_page

LINKEDIN_PEOPLE = "https://www.linkedin.com/search/results/people/"


def people_search_url(company: str) -> QUrl:
    """LinkedIn's people search for a company's name (opened in the user's browser)."""
    url = QUrl(LINKEDIN_PEOPLE)
    query = QUrlQuery()
    query.addQueryItem("keywords", company)
    url.setQuery(query)
    return url


def _about_targets(changes: Changes) -> bool:
    # Advocacy follows the people at a company and their stages.
    return changes.companies or changes.stages or bool(changes.contacts)


class TargetsView(QWidget):
    """Ranked targets; motivation and posting edited inline; rows reordered by drag."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = TargetsModel(self)
        self.model.editRequested.connect(self.edit_scores)
        self.model.moveRequested.connect(self.move_to)

        self.view = QTableView()
        self.view.setObjectName("targetsView")
        self.view.setAccessibleName("Target employers, ranked")
        self.view.setModel(self.model)
        self.view.setItemDelegate(ChoiceDelegate(CHOICES_ROLE, self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.view.setDragEnabled(True)
        self.view.setDropIndicatorShown(True)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setAlternatingRowColors(True)
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 12)
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        widths = (34, 0, 110, 80, 80, 84, 72, 92, 60)
        for column, width in enumerate(widths):
            if width:
                self.view.setColumnWidth(column, width)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._on_selection())

        self.up_action = self._action("up", "Move &up", "Move the target up the list", -1)
        self.down_action = self._action("down", "Move &down", "Move the target down", +1)
        self.find_action = new_action(
            self,
            "linkedin",
            "&Find people here",
            self.find_people,
            tip="Search LinkedIn for people at this company (in the browser)",
        )
        self.add_contact_action = new_action(
            self, "add", "&Add contact", self.add_contact, tip="Add a contact at this company"
        )
        self.jobs_action = new_action(
            self,
            "edit",
            "&Openings and applications…",
            self.open_jobs,
            tip="Openings seen at this employer and your applications there",
        )
        self.export_action = new_action(
            self,
            "export",
            "&Export applications…",
            self.export_applications,
            tip="Save every application as a CSV file",
        )
        self.remove_action = new_action(
            self, "delete", "&Remove from targets", self.remove_selected
        )
        actions = [
            self.up_action,
            self.down_action,
            self.jobs_action,
            self.find_action,
            self.add_contact_action,
            self.remove_action,
        ]
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.view.addActions([*actions, self.export_action])
        self.view.doubleClicked.connect(self._on_double_click)

        self.summary = QLabel()
        self.hint = QLabel(
            "Drag a row to change its rank; double-click motivation or posting to change them. "
            "Add companies from the list with “Add to targets”."
        )
        self.hint.setEnabled(False)
        self.hint.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        self.buttons: dict[str, QToolButton] = {}
        for action in actions:
            button = QToolButton()
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setDefaultAction(action)
            self.buttons[action.text().replace("&", "")] = button
            top.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.hint)

        self._refresher = refresh_page(self, ctx.hub, self.reload, _about_targets)
        self.reload()

    def _action(self, name: str, text: str, tip: str, step: int) -> QAction:
        action = QAction(icon(name), text, self)
        action.setToolTip(tip)
        action.triggered.connect(lambda: self.move_by(step))
        return action

    # -- data ----------------------------------------------------------------------------

    def reload(self, *_changes: object) -> None:
        chosen = self.selected()
        self.model.set_rows(list_targets(self.ctx.db))
        if chosen is not None:
            self.select_company(chosen.company_id)
        count = self.model.rowCount()
        self.summary.setText(f"{count} target employer{'' if count == 1 else 's'}")
        self._refresher.forget()
        self._on_selection()

    def selected(self) -> TargetRow | None:
        index = self.view.currentIndex()
        rows = self.view.selectionModel().selectedRows()
        if not rows or not index.isValid():
            return None
        return self.model.row_at(index.row())

    def select_company(self, company_id: int) -> None:
        row = self.model.row_of(company_id)
        if row >= 0:
            self.view.selectRow(row)

    def _on_selection(self) -> None:
        target = self.selected()
        row = self.model.row_of(target.company_id) if target else -1
        self.up_action.setEnabled(row > 0)
        self.down_action.setEnabled(0 <= row < self.model.rowCount() - 1)
        self.remove_action.setEnabled(target is not None)
        self.jobs_action.setEnabled(target is not None)
        nobody = target is not None and target.contact_count == 0
        # The way in at an employer where the user knows nobody yet.
        self.find_action.setEnabled(nobody)
        self.add_contact_action.setEnabled(nobody)

    # -- actions -------------------------------------------------------------------------

    @Slot(int, object, object)
    def edit_scores(self, company_id: int, motivation: int | None, posting: str | None) -> None:
        row = self.model.row_at(self.model.row_of(company_id))
        if row is None:
            return
        old = target_fields(self.ctx.db, company_id)
        new = replace(
            old,
            motivation=old.motivation if motivation is None else motivation,
            posting=old.posting if posting is None else posting,
        )
        what = "motivation" if motivation is not None else "posting"
        text = f"Set the {what} of {row.name}"
        # No reload here: the editor that asked is still closing; the hub's change record
        # reloads the list from the event loop once it has gone.
        push(self.ctx, SetTargetCommand(self.ctx.db, self.ctx.hub, text, company_id, old, new))

    @Slot(int, int)
    def move_to(self, company_id: int, row: int) -> None:
        """Move a target so it lands before `row` (the row count: to the end)."""
        rows = self.model.rows
        moving = next((r for r in rows if r.company_id == company_id), None)
        if moving is None:
            return
        rest = [r for r in rows if r.company_id != company_id]
        at = row if row <= rows.index(moving) else row - 1
        before = rest[at - 1].rank if at > 0 else None
        after = rest[at].rank if at < len(rest) else None
        old = target_fields(self.ctx.db, company_id)
        new = replace(old, rank=rank_between(before, after))
        text = f"Move {moving.name} to rank {at + 1}"
        push(self.ctx, SetTargetCommand(self.ctx.db, self.ctx.hub, text, company_id, old, new))
        self._refresher.run()
        self.select_company(company_id)

    def move_by(self, step: int) -> None:
        target = self.selected()
        if target is None:
            return
        row = self.model.row_of(target.company_id)
        destination = row + step if step < 0 else row + step + 1
        if 0 <= destination <= self.model.rowCount():
            self.move_to(target.company_id, destination)

    @Slot()
    def remove_selected(self) -> None:
        target = self.selected()
        if target is None:
            return
        old = target_fields(self.ctx.db, target.company_id)
        new = replace(old, is_target=False)
        text = f"Remove {target.name} from targets"
        push(
            self.ctx, SetTargetCommand(self.ctx.db, self.ctx.hub, text, target.company_id, old, new)
        )
        self._refresher.run()

    def _on_double_click(self, index: QModelIndex) -> None:
        if index.isValid() and index.column() not in (MOTIVATION, POSTING):
            self.open_jobs()

    @Slot()
    def open_jobs(self) -> JobsDialog | None:
        """Open the chosen employer's openings and applications (returned for tests)."""
        target = self.selected()
        if target is None:
            return None
        dialog = JobsDialog(self.ctx, target.company_id, target.name, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    @Slot()
    def export_applications(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, "Export applications", "applications.csv", "CSV files (*.csv)"
        )
        if path:
            self.write_applications(Path(path))

    def write_applications(self, path: Path) -> None:
        try:
            write_atomically(path, applications_csv(self.ctx.db).encode("utf-8"))
        except OSError as exc:
            self.ctx.show_status(f"Could not save {path.name}: {exc.strerror or exc}", 10_000)
            return
        self.ctx.show_status(f"Applications saved to {path.name}", 5000)

    @Slot()
    def find_people(self) -> None:
        target = self.selected()
        if target is not None:
            QDesktopServices.openUrl(people_search_url(target.name))

    @Slot()
    def add_contact(self) -> None:
        target = self.selected()
        if target is None:
            return
        command = NewContactCommand(self.ctx.db, self.ctx.hub, ContactFields(company=target.name))
        if push(self.ctx, command) and command.new_id is not None:
            # The contact's detail opens so the user types the name of who they found.
            self.ctx.hub.openContactRequested.emit(command.new_id)
