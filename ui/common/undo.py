"""The one base of every undo command, and the one way to push a command onto the stack.

A command acts only through services: `do` (its first redo), `do_again` (a redo after an
undo; `do` unless the command restores a snapshot) and `take_back` (undo) each return the
service's change record, which the base applies through the hub. When a service fails
(the row was deleted meanwhile, the data file is locked by another program), the command
makes itself obsolete, so the stack drops it, and says what happened in plain words
through `report` instead of raising into Qt's event loop.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Generic, TypeVar

from PySide6.QtGui import QUndoCommand
from sqlalchemy.exc import DBAPIError

from crm.changes import Changes
from crm.errors import DatabaseError, IcsError, NotFoundError
from ui.hub import Hub

if TYPE_CHECKING:
    from crm.store.db import Database
    from ui.context import AppContext

Report = Callable[[str], None]
FAILURE_SHOWN_MS = 10_000  # a failure stays in the status bar long enough to be read
Removed = TypeVar("Removed")  # what removing a record keeps, to put the same record back
Record = TypeVar("Record")  # what a service says it did, for its inverse to take back
Key = TypeVar("Key")  # which record(s) a SetCommand changes
Value = TypeVar("Value")  # what a SetCommand puts in place

# What a service may raise when the world changed under a command: the row is gone
# (NotFoundError is a LookupError), the input no longer fits (ValueError), the file is
# unreadable (IcsError, OSError), or the data file refused the write (locked, damaged).
FAILURES = (
    LookupError,
    ValueError,
    IcsError,
    OSError,
    DatabaseError,
    DBAPIError,
    sqlite3.DatabaseError,
)


def _silent(_message: str) -> None:
    return None


def plain_words(error: BaseException) -> str:
    """What to tell the user about a failed service call."""
    text = str(getattr(error, "orig", None) or error)
    if isinstance(error, (DBAPIError, sqlite3.DatabaseError)):
        if "locked" in text or "busy" in text:
            return "The data file is in use by another program; nothing was changed."
        return f"The data file could not be changed ({text}); nothing was changed."
    if isinstance(error, NotFoundError) and not text:
        return "What this step changes no longer exists."
    return text


class Command(QUndoCommand):
    """One user intent, acted out through services; survives a service failing.

    Subclasses define `do` and `take_back`, and `do_again` when a redo after an undo
    differs from the first run (it puts back a snapshot, so ids stay the same).
    """

    def __init__(
        self,
        db: Database,
        hub: Hub,
        text: str,
        report: Report | None = None,
    ) -> None:
        super().__init__(text)
        self.db = db
        self.hub = hub
        self.report: Report = report or _silent
        self.error = ""
        self.done_once = False

    def do(self) -> Changes:
        raise NotImplementedError

    def do_again(self) -> Changes:
        return self.do()

    def take_back(self) -> Changes:
        raise NotImplementedError

    def redo(self) -> None:
        if not self.done_once:
            self.done_once = self._run(self.do, "")
        else:
            self._run(self.do_again, "Could not redo")

    def undo(self) -> None:
        self._run(self.take_back, "Could not undo")

    def _run(self, action: Callable[[], Changes], failing: str) -> bool:
        try:
            changes = action()
        except FAILURES as exc:
            if isinstance(exc, (KeyError, IndexError)):
                raise  # lookups of this code's own, not of the data: a bug to see, not to tell
            message = plain_words(exc)
            self.error = f"{failing} “{self.text()}”: {message}" if failing else message
            self.setObsolete(True)
            self.report(self.error)
            return False
        self.error = ""
        self.hub.apply(changes)
        return True


class SetCommand(Command, Generic[Key, Value]):
    """Puts a new value in place through one service; undo puts the old one back the same way."""

    def __init__(
        self,
        db: Database,
        hub: Hub,
        text: str,
        set_value: Callable[[Database, Key, Value], Changes],
        key: Key,
        old: Value,
        new: Value,
        report: Report | None = None,
    ) -> None:
        super().__init__(db, hub, text, report)
        self.set_value, self.key, self.old, self.new = set_value, key, old, new

    def do(self) -> Changes:
        return self.set_value(self.db, self.key, self.new)

    def take_back(self) -> Changes:
        return self.set_value(self.db, self.key, self.old)


def possessive(name: str) -> str:
    """Whose field an edit changes, as its undo text says it ("Edit Anna Lee's title")."""
    if name == "(no name)":  # a contact just added, before a name is typed
        return "the new contact's"
    return f"{name}'" if name.endswith("s") else f"{name}'s"


class FieldCommand(SetCommand[tuple[int, str], Value]):
    """Changes one field of a record (the key is its id and the field's name); edits of
    its notes typed in bursts merge into one undo step."""

    MERGING_FIELDS = ("notes",)

    def id(self) -> int:
        return 0x5246

    def mergeWith(self, other: QUndoCommand) -> bool:
        if type(other) is not type(self):
            return False
        assert isinstance(other, FieldCommand)
        if other.error or other.key != self.key or self.key[1] not in self.MERGING_FIELDS:
            return False
        self.new = other.new
        return True


class SwapCommand(Command, Generic[Key, Value]):
    """Puts a new value in place through a service that returns the value it replaced;
    undo hands that value back to the same service."""

    def __init__(
        self,
        db: Database,
        hub: Hub,
        text: str,
        swap: Callable[[Database, Key, Value], tuple[Value, Changes]],
        key: Key,
        new: Value,
    ) -> None:
        super().__init__(db, hub, text)
        self.swap, self.key, self.new = swap, key, new
        self.before = new  # the value replaced, known once the command has run

    def do(self) -> Changes:
        self.before, changes = self.swap(self.db, self.key, self.new)
        return changes

    def take_back(self) -> Changes:
        return self.swap(self.db, self.key, self.before)[1]


class AddCommand(Command, Generic[Removed]):
    """Adds one record; undo removes it and keeps what it removed, redo puts that back.

    The record keeps its id (`new_id`) through undo and redo, so later steps naming it
    still work. Subclasses define `add`, `remove` and `restore`.
    """

    new_id: int | None = None
    _removed: Removed | None = None

    def add(self) -> tuple[int, Changes]:
        raise NotImplementedError

    def remove(self, new_id: int) -> tuple[Removed, Changes]:
        raise NotImplementedError

    def restore(self, removed: Removed) -> Changes:
        raise NotImplementedError

    def do(self) -> Changes:
        self.new_id, changes = self.add()
        return changes

    def do_again(self) -> Changes:
        assert self._removed is not None
        return self.restore(self._removed)

    def take_back(self) -> Changes:
        assert self.new_id is not None
        self._removed, changes = self.remove(self.new_id)
        return changes


class RecordCommand(Command, Generic[Record]):
    """Its service returns a record of what it did; undo hands that record to the inverse.

    Deletes (the record is what was deleted), merges and moves. Subclasses define
    `perform` and `revert`.
    """

    _record: Record | None = None

    def perform(self) -> tuple[Record, Changes]:
        raise NotImplementedError

    def revert(self, record: Record) -> Changes:
        raise NotImplementedError

    def do(self) -> Changes:
        self._record, changes = self.perform()
        return changes

    def take_back(self) -> Changes:
        assert self._record is not None
        return self.revert(self._record)


class AddThroughCommand(AddCommand[Removed]):
    """An AddCommand whose three steps are services given to it: `add` (bound to what it
    adds), `delete` (by id, returning what it removed) and `restore`."""

    def __init__(
        self,
        db: Database,
        hub: Hub,
        text: str,
        add: Callable[[], tuple[int, Changes]],
        delete: Callable[[Database, int], tuple[Removed, Changes]],
        restore: Callable[[Database, Removed], Changes],
        report: Report | None = None,
    ) -> None:
        super().__init__(db, hub, text, report)
        self._add, self._delete, self._restore = add, delete, restore

    def add(self) -> tuple[int, Changes]:
        return self._add()

    def remove(self, new_id: int) -> tuple[Removed, Changes]:
        return self._delete(self.db, new_id)

    def restore(self, removed: Removed) -> Changes:
        return self._restore(self.db, removed)


class DeleteCommand(RecordCommand[Record], Generic[Key, Record]):
    """Deletes through one service that returns what it deleted; undo hands that to `restore`."""

    def __init__(
        self,
        db: Database,
        hub: Hub,
        text: str,
        delete: Callable[[Database, Key], tuple[Record, Changes]],
        key: Key,
        restore: Callable[[Database, Record], Changes],
        report: Report | None = None,
    ) -> None:
        super().__init__(db, hub, text, report)
        self.key = key
        self._delete, self._restore = delete, restore

    def perform(self) -> tuple[Record, Changes]:
        return self._delete(self.db, self.key)

    def revert(self, record: Record) -> Changes:
        return self._restore(self.db, record)


def push(ctx: AppContext, command: Command, report: Report | None = None) -> bool:
    """Push `command` onto the app's stack; True when its first run took effect.

    A first run that fails leaves nothing on the stack (Qt drops an obsolete command)
    and is told through `report` (the status bar unless the caller shows it otherwise);
    later undo and redo failures always go to the status bar.
    """

    def status(message: str) -> None:
        ctx.show_status(message, FAILURE_SHOWN_MS)

    command.report = report or status
    ctx.undo_stack.push(command)
    command.report = status
    return not command.error


@contextmanager
def macro(ctx: AppContext, text: str) -> Iterator[None]:
    """The commands pushed inside become one undo step; a step left empty is dropped.

    Qt keeps an empty macro (every command in it failed) as a step that does nothing;
    an obsolete step is removed when undone, so it is marked so and undone at once.
    """
    stack = ctx.undo_stack
    stack.beginMacro(text)
    try:
        yield
    finally:
        stack.endMacro()
        step = stack.command(stack.index() - 1)
        if step is not None and step.childCount() == 0:
            step.setObsolete(True)
            stack.undo()
