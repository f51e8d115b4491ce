"""Reading the record a view shows, which may have been deleted since it was chosen (in
another window, by an undo, by a sync): the view then shows nothing instead of failing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, Protocol, TypeVar

from crm.errors import NotFoundError
from crm.store.db import Database

T = TypeVar("T")


def still_there(get: Callable[[Database, int], T], db: Database, record_id: int | None) -> T | None:
    """`get(db, record_id)`; None when there is no id or the record is gone."""
    if record_id is None:
        return None
    try:
        return get(db, record_id)
    except NotFoundError:
        return None


class _Record(Protocol):
    @property
    def id(self) -> int: ...


R = TypeVar("R", bound=_Record)


class ShowsOneRecord(Generic[R]):
    """What the detail panels share (mixed in before QWidget): the record shown (None when
    nothing is chosen or it is gone) and switching records without losing what is typed."""

    detail: R | None = None

    @property
    def record_id(self) -> int | None:
        return self.detail.id if self.detail else None

    def flush(self) -> None:
        """Save what is being typed in the record shown."""
        raise NotImplementedError

    def take_record(
        self, get: Callable[[Database, int], R], db: Database, record_id: int | None
    ) -> bool:
        """Hold `record_id` read afresh, after saving what was typed in another record;
        True when the record shown is now another one."""
        if record_id != self.record_id:
            self.flush()
        detail = still_there(get, db, record_id)
        switched = (detail.id if detail else None) != self.record_id
        self.detail = detail
        return switched
