"""Undoable actions on a company's openings and applications."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from crm.store.db import Database
from crm.targets.applications import (
    ApplicationFields,
    OpeningFields,
    add_application,
    add_opening,
    delete_application,
    delete_opening,
    restore_application,
    restore_opening,
)
from crm.targets.attachments import attach_file, remove_file, restore_file
from crm.targets.snapshots import Snapshot
from ui.common.undo import AddThroughCommand, DeleteCommand
from ui.hub import Hub


class AddOpeningCommand(AddThroughCommand[Snapshot]):
    def __init__(self, db: Database, hub: Hub, company_id: int, fields: OpeningFields) -> None:
        add = partial(add_opening, db, company_id, fields)
        super().__init__(
            db, hub, f"Add opening {fields.title}", add, delete_opening, restore_opening
        )


class DeleteOpeningCommand(DeleteCommand[int, Snapshot]):
    def __init__(self, db: Database, hub: Hub, opening_id: int, title: str) -> None:
        text = f"Remove opening {title}"
        super().__init__(db, hub, text, delete_opening, opening_id, restore_opening)


class AddApplicationCommand(AddThroughCommand[Snapshot]):
    def __init__(
        self,
        db: Database,
        hub: Hub,
        company_id: int,
        fields: ApplicationFields,
        contacts: tuple[tuple[int, str], ...],
    ) -> None:
        add = partial(add_application, db, company_id, fields, contacts)
        text = f"Add application {fields.title}"
        super().__init__(db, hub, text, add, delete_application, restore_application)


class DeleteApplicationCommand(DeleteCommand[int, Snapshot]):
    def __init__(self, db: Database, hub: Hub, application_id: int, title: str) -> None:
        text = f"Remove application {title}"
        super().__init__(db, hub, text, delete_application, application_id, restore_application)


class AttachFileCommand(AddThroughCommand[dict[str, object]]):
    def __init__(
        self, db: Database, hub: Hub, application_id: int, source: Path, kind: str
    ) -> None:
        add = partial(attach_file, db, application_id, source, kind)
        super().__init__(db, hub, f"Attach {source.name}", add, remove_file, restore_file)
