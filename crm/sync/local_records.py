"""What Rapport's side of a sync does alike for contacts, meetings and follow-ups:
update a record the user may have deleted meanwhile, and delete records by id."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import delete
from sqlalchemy.orm import Session

Record = TypeVar("Record")
Fields = TypeVar("Fields")


def updater(
    model: type[Record], write: Callable[[Session, Record, Fields, datetime], None]
) -> Callable[[Session, int, Fields, datetime], None]:
    """A kind's `update_local`: `write` the synced fields into the record, if it still exists."""

    def update_local(session: Session, record_id: int, fields: Fields, now: datetime) -> None:
        record = session.get(model, record_id)
        if record is not None:
            write(session, record, fields, now)

    return update_local


def deleter(model: Any) -> Callable[[Session, Iterable[int]], None]:
    """A kind's `delete_local`: the records with these ids go."""

    def delete_local(session: Session, record_ids: Iterable[int]) -> None:
        ids = list(record_ids)
        if ids:
            session.execute(delete(model).where(model.id.in_(ids)))

    return delete_local
