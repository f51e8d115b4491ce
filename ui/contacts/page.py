"""The Contacts page: search field and contacts table, the detail panel beside them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QHideEvent
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from crm.changes import Changes
from crm.contacts.listing import SortKey, count_contacts
from ui.common.list_detail import list_side, sides
from ui.common.tables import selected_rows
from ui.contacts.cells import COLUMNS, TITLE
from ui.contacts.column_fit import TITLE_MIN, ColumnFitter
from ui.contacts.detail_slot import DetailSlot
from ui.contacts.model import PAGE, ContactTableModel
from ui.contacts.name_delegate import NameDelegate
from ui.contacts.name_order_keeper import NameOrderKeeper
from ui.contacts.search_field import SearchField
from ui.contacts.table import ContactsTable
from ui.context import AppContext
from ui.icons import icon
from ui.refresh import refresh_page
from ui.welcome import WelcomePanel

if TYPE_CHECKING:
    from ui.common.commands import NewContactCommand
    from ui.contacts.detail import ContactDetailPanel

COLUMN_WIDTHS = (160, 125, 150, 100, 100, 100)
COUNT_DELAY_MS = 150
SEARCH_NAME_WIDTH = 320


class ContactsPage(QWidget):
    """Holds the contacts list and the detail of the current contact."""

    showArchivedChanged = Signal(bool)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = ContactTableModel(ctx.db, self)
        self.name_order = NameOrderKeeper(self.model)

        self.search = SearchField()
        self.search.setObjectName("contactSearch")
        self.search.setPlaceholderText("Search name, company, email, notes…")
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setAccessibleName("Search contacts")
        self.search.textChanged.connect(self._on_search)
        self.search.returnPressed.connect(self._focus_table)

        self.new_button = QToolButton()
        self.new_button.setObjectName("newContactButton")
        self.new_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.count_label = QLabel()
        self.count_label.setObjectName("contactCount")
        # A fixed width: a count that changes per keystroke must not re-lay out the bar.
        self.count_label.setFixedWidth(
            self.count_label.fontMetrics().horizontalAdvance("000,000 contacts")
        )
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self.view = ContactsTable(self.model)
        self.view.openRequested.connect(self.open_current)
        self.view.deleteRequested.connect(self.delete_selected)
        self.view.escapePressed.connect(self.search.clear)
        header = self.view.horizontalHeader()
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        header.sortIndicatorChanged.connect(self._on_sort)
        # The column chosen with the header; while searching, matches are ranked instead
        # (names first) until a header is clicked.
        self._column_sort: tuple[SortKey, bool] = (SortKey.NAME, False)
        self._sorted_while_searching = False
        self._name_width: int | None = None  # the width before a search widened it
        self.view.setItemDelegateForColumn(0, NameDelegate(self.view))
        for column, width in enumerate(COLUMN_WIDTHS):
            self.view.setColumnWidth(column, width)
        # The title takes what room is left, so the dates stay in view without scrolling.
        header.setStretchLastSection(False)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        self.column_fitter = ColumnFitter(self.view)
        self.model.modelReset.connect(self._fit_once)
        self.view.selectionModel().currentRowChanged.connect(self._on_current_changed)

        left = list_side((self.search, self.count_label, self.new_button), self.view)

        self.detail_slot = DetailSlot(ctx, self._on_contact_shown)
        self.menu_actions: dict[str, QAction] = {}  # shared with the right-click menu
        self.splitter = sides("contactsSplitter", left, self.detail_slot.stand_in, (760, 440))
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        self.welcome = WelcomePanel(ctx, self.new_contact)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.splitter)
        self.stack.addWidget(self.welcome)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        # Changes arriving in a burst (an undo of many edits) are applied once.
        self._refresher = refresh_page(self, ctx.hub, self._apply_changes, _listed)
        self._total = 0
        self._kept_id: int | None = None  # the contact last opened, kept across searches
        self._fresh: NewContactCommand | None = None  # just added, nothing typed yet
        self._count_timer = QTimer(self, singleShot=True, interval=COUNT_DELAY_MS)
        self._count_timer.timeout.connect(self._count_contacts)
        self.model.reload()
        self._update_totals()

    @property
    def detail(self) -> ContactDetailPanel:
        """The detail panel, built on first use (or after the first frame, see actions)."""
        return self.detail_slot.panel(self.splitter)

    # -- list ----------------------------------------------------------------------------

    @Slot(str)
    def _on_search(self, text: str) -> None:
        searching = bool(text.strip())
        if not searching:
            self._sorted_while_searching = False
        key, descending = self._column_sort
        if searching and not self._sorted_while_searching:
            key, descending = SortKey.RELEVANCE, False
        self._widen_names(searching)
        changed = (key, descending) != (self.model.sort_key, self.model.descending)
        self.model.sort_key, self.model.descending = key, descending
        self.view.show_sort(None if self.model.sort_key == SortKey.RELEVANCE else self._column_sort)
        if changed or text != self.model.query:
            self.model.query = text
            # Nothing stays selected in a new list (as after a reset, without signals).
            self.view.selectionModel().reset()
            self.model.reload(in_place=True)
        self._show_kept()
        self._update_count_label()

    def _widen_names(self, searching: bool) -> None:
        """While searching, the name column makes room for "notes: …Anna Lee…" hints."""
        if searching and self._name_width is None:
            self._name_width = self.view.columnWidth(0)
            # Only what the title can spare: the other columns stay in sight (a name column
            # too narrow for a whole hint still shows where the match was, "notes: …").
            spare = max(0, self.view.columnWidth(TITLE) - TITLE_MIN)
            wider = min(SEARCH_NAME_WIDTH, self._name_width + spare)
            self.view.setColumnWidth(0, max(self._name_width, wider))
        elif not searching and self._name_width is not None:
            self.view.setColumnWidth(0, self._name_width)
            self._name_width = None

    def _show_kept(self) -> None:
        """After a new search: select the contact last opened if listed, else show none.

        The contact is remembered, so erasing the search brings it back."""
        kept = self._kept_id
        if kept is not None and self.model.row_of(kept, load_all=False) >= 0:
            self._select_ids([kept], scroll=True, load_all=False)
        else:
            self.detail.show_contact(None)
            self._kept_id = kept

    @Slot()
    def _fit_once(self) -> None:
        # The first list shown sets the widths; later ones (each search) keep them.
        self.model.modelReset.disconnect(self._fit_once)
        self.column_fitter.request()

    @Slot(int, Qt.SortOrder)
    def _on_sort(self, column: int, order: Qt.SortOrder) -> None:
        if column < 0:
            return
        selected = self.selected_ids()
        self._column_sort = (COLUMNS[column][1], order == Qt.SortOrder.DescendingOrder)
        self._sorted_while_searching = bool(self.search.text().strip())
        self.model.set_sort(*self._column_sort)
        self._select_ids(selected, scroll=True)

    def _update_totals(self) -> None:
        """Welcome panel or list, and the count of contacts (after data changed)."""
        empty = count_contacts(self.ctx.db, include_archived=True) == 0
        self.stack.setCurrentWidget(self.welcome if empty else self.splitter)
        # Counting unarchived contacts reads the whole table (about 30 ms at 100,000):
        # it waits until the table has painted and a burst of edits is over.
        self._count_timer.start()

    @Slot()
    def _count_contacts(self) -> None:
        self._total = count_contacts(self.ctx.db, include_archived=self.model.include_archived)
        self._update_count_label()

    def _update_count_label(self) -> None:
        if self.search.text().strip():
            more = "" if self.model.is_complete() else "+"
            text = f"{self.model.rowCount():,}{more} found"
        elif self._count_timer.isActive():
            return  # the old count stays until the new one is known
        else:
            text = f"{self._total:,} contact{'' if self._total == 1 else 's'}"
        self.count_label.setText(text)

    def selected_ids(self) -> list[int]:
        rows = selected_rows(self.view)
        return [self.model.contact_id(r) for r in rows if r < self.model.rowCount()]

    def current_id(self) -> int | None:
        index = self.view.currentIndex()
        if index.isValid() and index.row() < self.model.rowCount():
            return self.model.contact_id(index.row())
        return None

    def _select_ids(self, ids: list[int], *, scroll: bool, load_all: bool = True) -> None:
        selection = self.view.selectionModel()
        flags = QItemSelectionModel.SelectionFlag.Rows
        first = True
        for contact_id in ids:
            row = self.model.row_of(contact_id, load_all=load_all)
            if row < 0:
                continue
            index = self.model.index(row, 0)
            if first:
                clear = QItemSelectionModel.SelectionFlag.ClearAndSelect
                selection.setCurrentIndex(index, flags | clear)
                if scroll:
                    self.view.scrollTo(index)
                first = False
            else:
                selection.select(index, flags | QItemSelectionModel.SelectionFlag.Select)

    def select_contact(self, contact_id: int) -> None:
        """Select and show `contact_id`, clearing a search or showing archived ones if needed."""
        if self.model.row_of(contact_id) < 0 and self.search.text():
            self.search.clear()
        if self.model.row_of(contact_id) < 0 and not self.model.include_archived:
            self.set_show_archived(True)
        self._select_ids([contact_id], scroll=True)
        self.detail.show_contact(contact_id)

    def set_show_archived(self, on: bool) -> None:
        if on != self.model.include_archived:
            self.model.include_archived = on
            self._requery_keeping_selection()
            self._update_totals()
            self.showArchivedChanged.emit(on)

    @Slot(QModelIndex, QModelIndex)
    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._kept_id = self.model.contact_id(current.row())
            self.detail.show_contact(self._kept_id)

    @Slot()
    def _focus_table(self) -> None:
        self.view.setFocus()
        if not self.view.currentIndex().isValid() and self.model.rowCount():
            self.view.selectRow(0)

    # -- actions -------------------------------------------------------------------------

    @Slot()
    def new_contact(self) -> None:
        from ui.common.commands import NewContactCommand
        from ui.common.undo import push

        self.detail_slot.flush()
        self.drop_if_left_empty()
        command = NewContactCommand(self.ctx.db, self.ctx.hub)
        if not push(self.ctx, command) or command.new_id is None:
            return
        self.search.clear()
        self._refresher.run()
        self.select_contact(command.new_id)
        self._fresh = command
        self.detail.focus_first_name()

    @Slot()
    def drop_if_left_empty(self) -> None:
        """A new contact left before anything was typed is removed, undo step and all."""
        fresh, self._fresh = self._fresh, None
        stack = self.ctx.undo_stack
        if fresh is None or stack.index() == 0 or stack.command(stack.index() - 1) is not fresh:
            return  # something was entered (or undone): it stays as history says
        fresh.discard()
        stack.undo()

    def hideEvent(self, event: QHideEvent) -> None:
        if not event.spontaneous() and self._fresh is not None:  # another page was chosen
            self.detail_slot.flush()
            QTimer.singleShot(0, self.drop_if_left_empty)
        super().hideEvent(event)

    @Slot(object)
    def _on_contact_shown(self, contact_id: int | None) -> None:
        if self._fresh is not None and contact_id != self._fresh.new_id:
            # Later, not now: this may run inside an undo, and the stack is not re-entrant.
            QTimer.singleShot(0, self.drop_if_left_empty)

    @Slot()
    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        from ui.common.undo import push
        from ui.contacts.commands import DeleteContactsCommand

        self.detail_slot.flush()
        names = [row.name for i in ids if (row := self.model.row(i)) is not None]
        next_row = self.view.currentIndex().row()
        push(self.ctx, DeleteContactsCommand(self.ctx.db, self.ctx.hub, ids, names))
        self._refresher.run()
        if self.model.rowCount():
            next_row = min(max(next_row, 0), self.model.rowCount() - 1)
            self._select_ids([self.model.contact_id(next_row)], scroll=True)
        else:
            self.detail.show_contact(None)
        who = names[0] if len(names) == 1 else f"{len(ids)} contacts"
        self.ctx.show_status(f"Deleted {who}. Undo with Ctrl+Z.")

    @Slot()
    def open_current(self) -> None:
        contact_id = self.current_id()
        if contact_id is not None:
            self.detail.show_contact(contact_id)
            self.detail.focus_panel()

    # -- hub -----------------------------------------------------------------------------

    def _apply_changes(self, changes: Changes) -> None:
        if changes.everything:
            self.reload()
            return
        ids = set(changes.contacts)
        requery = changes.companies or changes.stages or changes.follow_ups
        # An edit may move a contact in the sort order or in or out of a search. While the
        # table shows one page, the ids query costs about as much as refreshing rows, so it
        # re-runs. Once scrolled through a long list, re-listing 100,000 ids would cost
        # half a second per edit: listed rows are refreshed in place instead.
        scrolled = self.model.rowCount() > PAGE
        if scrolled and not requery and ids <= set(self.model.ids()):
            self.model.refresh_contacts(ids)
        else:
            self._requery_keeping_selection()
        self._update_totals()

    def _requery_keeping_selection(self) -> None:
        selected = self.selected_ids()
        current = self.current_id()
        scroll = self.view.verticalScrollBar().value()
        self.model.reload(keep_loaded=True)
        ordered = ([current] if current in selected else []) + [i for i in selected if i != current]
        self.view.selectionModel().clearSelection()
        self._select_ids(ordered, scroll=False, load_all=False)
        self.view.verticalScrollBar().setValue(scroll)

    @Slot()
    def reload(self) -> None:
        self._requery_keeping_selection()
        self._update_totals()
        if self.current_id() is None and self.model.rowCount():
            self._select_ids([self.model.contact_id(0)], scroll=True)


def _listed(changes: Changes) -> bool:
    """Whether the list may show other rows or other values after `changes`."""
    return bool(changes.contacts) or changes.companies or changes.stages or changes.follow_ups
