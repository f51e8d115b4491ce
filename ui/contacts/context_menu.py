"""The contacts table's right-click menu: what one does to the contacts under the pointer."""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from crm.pipeline.stages import list_stages
from ui.common.undo import macro, push
from ui.contacts.commands import EditFieldCommand
from ui.contacts.page import ContactsPage
from ui.contacts.progress import move_to_stage
from ui.icons import icon


class ContactsMenu(QObject):
    """Builds the menu for the current selection; the page's own actions are reused."""

    def __init__(self, page: ContactsPage, shared: dict[str, QAction]) -> None:
        super().__init__(page)  # lives as long as the page
        self.page = page
        self.shared = shared  # "schedule", "prepare", "delete": the Contacts menu's actions
        page.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        page.view.customContextMenuRequested.connect(self.popup)

    def popup(self, pos: QPoint) -> None:
        menu = self.build()
        if menu is not None:
            menu.exec(self.page.view.viewport().mapToGlobal(pos))

    def build(self) -> QMenu | None:
        page = self.page
        ids = page.selected_ids()
        if not ids:
            return None
        rows = [r for i in ids if (r := page.model.row(i)) is not None]
        names = [r.name for r in rows]
        menu = QMenu(page.view)
        menu.setObjectName("contactsMenu")
        menu.addAction(icon("contacts"), "&Open", page.open_current).setEnabled(len(ids) == 1)
        menu.addAction(self.shared["schedule"])
        menu.addAction(self.shared["prepare"])
        stages = menu.addMenu(icon("stage"), "&Move to stage")
        stages.setObjectName("moveToStageMenu")
        current = {r.stage_name for r in rows}
        for stage in list_stages(page.ctx.db):
            action = stages.addAction(stage.name)
            action.setEnabled(current != {stage.name})
            action.triggered.connect(
                lambda _c=False, s=stage.id: move_to_stage(page.ctx, ids, names, s)
            )
        follow_up = menu.addAction(icon("follow-up"), "Add &follow-up…", self.add_follow_up)
        follow_up.setEnabled(len(ids) == 1)
        menu.addSeparator()
        menu.addAction(icon("archive"), "&Archive", lambda: self.archive(ids, names))
        menu.addAction(self.shared["delete"])
        return menu

    def add_follow_up(self) -> None:
        from ui.calendar.schedule import add_follow_up  # the calendar loads on first use

        contact_id = self.page.current_id()
        if contact_id is not None:
            self.page.detail.flush()
            add_follow_up(self.page.ctx, self.page.window(), contact_id=contact_id)

    def archive(self, ids: list[int], names: list[str]) -> None:
        ctx = self.page.ctx
        self.page.detail.flush()
        text = f"Archive {names[0]}" if len(ids) == 1 else f"Archive {len(ids)} contacts"
        with macro(ctx, text):
            for contact_id, name in zip(ids, names, strict=False):
                push(
                    ctx,
                    EditFieldCommand(ctx.db, ctx.hub, contact_id, name, "archived", False, True),
                )
