"""Getting a record that must exist: one deleted meanwhile raises `NotFoundError` in words
fit for the user ("Contact 12 no longer exists.")."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy.orm import Session

from crm.errors import NotFoundError

Record = TypeVar("Record")


def must_get(session: Session, model: type[Record], record_id: int, gone: str = "") -> Record:
    """The `model` row with `record_id`; `gone` is what to say when it no longer exists,
    by default the model's name and the id."""
    found = session.get(model, record_id)
    if found is None:
        raise NotFoundError(gone or f"{model.__name__} {record_id} no longer exists.")
    return found
