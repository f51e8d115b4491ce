"""The Contacts menu and shortcuts, and how other pages open a contact."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from ui.contacts.page import ContactsPage
from ui.context import AppContext
from ui.icons import icon
from ui.main_window import MainWindow


def install_actions(window: MainWindow, ctx: AppContext, page: ContactsPage) -> None:
    menu = window.menus["contacts"]

    def on_contacts_page() -> ContactsPage:
        window.show_page("contacts")
        return page

    new_action = QAction(icon("add"), "&New contact", window)
    new_action.setObjectName("newContactAction")
    new_action.setShortcut(QKeySequence.StandardKey.New)
    new_action.setToolTip("New contact (Ctrl+N)")
    new_action.triggered.connect(lambda: on_contacts_page().new_contact())
    menu.addAction(new_action)
    page.new_button.setDefaultAction(new_action)

    delete_action = QAction(icon("delete"), "&Delete selected contacts", window)
    delete_action.setObjectName("deleteContactsAction")
    delete_action.triggered.connect(page.delete_selected)
    menu.addAction(delete_action)

    find_action = QAction(icon("search"), "&Find…", window)
    find_action.setShortcut(QKeySequence.StandardKey.Find)
    find_action.triggered.connect(lambda: _focus_search(on_contacts_page()))
    menu.addAction(find_action)

    menu.addSeparator()
    schedule_action = QAction(icon("meeting"), "&Schedule meeting…", window)
    schedule_action.setObjectName("scheduleMeetingAction")
    schedule_action.setToolTip("Schedule a meeting with the selected contacts")
    schedule_action.triggered.connect(lambda: _schedule(ctx, page))
    menu.addAction(schedule_action)
    prepare_action = QAction(icon("prepare"), "&Prepare…", window)
    prepare_action.setObjectName("prepareAction")
    prepare_action.setToolTip("Prepare a meeting with this contact: the prep sheet (Ctrl+P)")
    prepare_action.setShortcut(QKeySequence("Ctrl+P"))
    # The Calendar page has its own Ctrl+P for the selected meeting: each page keeps its own.
    prepare_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    page.addAction(prepare_action)
    prepare_action.triggered.connect(lambda: _prepare(ctx, page))
    menu.addAction(prepare_action)
    page.detail_slot.add_action(schedule_action)
    page.detail_slot.add_action(prepare_action)

    menu.addSeparator()
    archived_action = QAction("Show &archived contacts", window)
    archived_action.setCheckable(True)
    archived_action.toggled.connect(page.set_show_archived)
    page.showArchivedChanged.connect(archived_action.setChecked)
    menu.addAction(archived_action)

    def update_enabled() -> None:
        selected = page.selected_ids()
        delete_action.setEnabled(bool(selected))
        schedule_action.setEnabled(bool(selected))
        prepare_action.setEnabled(len(selected) == 1)

    page.view.selectionModel().selectionChanged.connect(lambda *_: update_enabled())
    page.model.listed.connect(update_enabled)
    update_enabled()

    page.menu_actions = {
        "schedule": schedule_action,
        "prepare": prepare_action,
        "delete": delete_action,
    }

    ctx.hub.openContactRequested.connect(lambda cid: on_contacts_page().select_contact(cid))
    window.closing.connect(page.detail_slot.flush)
    window.closing.connect(page.drop_if_left_empty)
    window.closing.connect(page.model.close)


def _schedule(ctx: AppContext, page: ContactsPage) -> None:
    from ui.calendar.schedule import schedule_meeting  # the calendar loads on first use

    ids = page.selected_ids()
    if ids:
        page.detail_slot.flush()
        schedule_meeting(ctx, page.window(), contact_ids=ids)


def _prepare(ctx: AppContext, page: ContactsPage) -> None:
    from ui.prep.dialog import open_prep_dialog  # printing loads on first use

    contact_id = page.current_id()
    if contact_id is not None:
        page.detail_slot.flush()
        open_prep_dialog(ctx, page.window(), contact_id=contact_id)


def _focus_search(page: ContactsPage) -> None:
    page.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
    page.search.selectAll()


def install(window: MainWindow, ctx: AppContext) -> ContactsPage:
    """Add the Contacts page (Ctrl+1) with its menu actions to the main window."""
    page = ContactsPage(ctx)
    window.add_page("contacts", "Contacts", "contacts", page, "Ctrl+1")
    install_actions(window, ctx, page)
    window.window_state.restore_splitter("contacts", page.splitter)
    window.closing.connect(lambda: window.window_state.save_splitter("contacts", page.splitter))
    return page


def finish(window: MainWindow) -> None:
    """Build what the Contacts page needs only once the user acts on it: the detail panel
    and the right-click menu (with the services and the ORM behind them).

    The launcher calls this right after the window's first frame; `create_main_window`
    without `first_page_only` calls it at once.
    """
    from ui.contacts.context_menu import ContactsMenu

    page = window.page("contacts")
    assert isinstance(page, ContactsPage)
    page.detail  # noqa: B018 - built on first use
    if page.findChild(ContactsMenu) is None:  # a child of the page, made once
        ContactsMenu(page, page.menu_actions)
