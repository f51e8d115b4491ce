"""Reading the record a view shows, which may have been deleted since it was chosen (in
another window, by an undo, by a sync): the view then shows nothing instead of failing."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

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
