"""Undoable actions on a company's openings and applications."""

from __future__ import annotations

from pathlib import Path

from crm.changes import Changes
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
from ui.common.undo import AddCommand, RecordCommand
from ui.hub import Hub


class AddOpeningCommand(AddCommand[Snapshot]):
    def __init__(self, db: Database, hub: Hub, company_id: int, fields: OpeningFields) -> None:
        super().__init__(db, hub, f"Add opening {fields.title}")
        self._company, self._fields = company_id, fields

    def add(self) -> tuple[int, Changes]:
        return add_opening(self.db, self._company, self._fields)

    def remove(self, new_id: int) -> tuple[Snapshot, Changes]:
        return delete_opening(self.db, new_id)

    def restore(self, removed: Snapshot) -> Changes:
        return restore_opening(self.db, removed)


class DeleteOpeningCommand(RecordCommand[Snapshot]):
    def __init__(self, db: Database, hub: Hub, opening_id: int, title: str) -> None:
        super().__init__(db, hub, f"Remove opening {title}")
        self._id = opening_id

    def perform(self) -> tuple[Snapshot, Changes]:
        return delete_opening(self.db, self._id)

    def revert(self, record: Snapshot) -> Changes:
        return restore_opening(self.db, record)


class AddApplicationCommand(AddCommand[Snapshot]):
    def __init__(
        self,
        db: Database,
        hub: Hub,
        company_id: int,
        fields: ApplicationFields,
        contacts: tuple[tuple[int, str], ...],
    ) -> None:
        super().__init__(db, hub, f"Add application {fields.title}")
        self._company, self._fields, self._contacts = company_id, fields, contacts

    def add(self) -> tuple[int, Changes]:
        return add_application(self.db, self._company, self._fields, self._contacts)

    def remove(self, new_id: int) -> tuple[Snapshot, Changes]:
        return delete_application(self.db, new_id)

    def restore(self, removed: Snapshot) -> Changes:
        return restore_application(self.db, removed)


class DeleteApplicationCommand(RecordCommand[Snapshot]):
    def __init__(self, db: Database, hub: Hub, application_id: int, title: str) -> None:
        super().__init__(db, hub, f"Remove application {title}")
        self._id = application_id

    def perform(self) -> tuple[Snapshot, Changes]:
        return delete_application(self.db, self._id)

    def revert(self, record: Snapshot) -> Changes:
        return restore_application(self.db, record)


class AttachFileCommand(AddCommand[dict[str, object]]):
    def __init__(
        self, db: Database, hub: Hub, application_id: int, source: Path, kind: str
    ) -> None:
        super().__init__(db, hub, f"Attach {source.name}")
        self._app, self._source, self._kind = application_id, source, kind

    def add(self) -> tuple[int, Changes]:
        return attach_file(self.db, self._app, self._source, self._kind)

    def remove(self, new_id: int) -> tuple[dict[str, object], Changes]:
        return remove_file(self.db, new_id)

    def restore(self, removed: dict[str, object]) -> Changes:
        return restore_file(self.db, removed)
