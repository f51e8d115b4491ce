"""Plain rows copied from records by field name, and back.

Services hand frozen dataclasses, not ORM objects, to their callers; most of their fields
are columns of the same name. `plain_row` copies those and takes the rest as arguments;
`set_from` writes some of them into a record; `row_values` gives a row's fields back,
to rebuild the record it came from (undo).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

Row = TypeVar("Row", bound="DataclassInstance")


def plain_row(row_type: type[Row], record: object, **others: Any) -> Row:
    """A `row_type` whose fields are `record`'s attributes of the same names, but for
    `others`, given here (computed values, or fields the record has no column for)."""
    copied = {f.name: getattr(record, f.name) for f in fields(row_type) if f.name not in others}
    return row_type(**copied, **others)


def set_from(record: object, row: DataclassInstance, names: Iterable[str]) -> None:
    """Set the attributes `names` of `record` to the same-named fields of `row`."""
    for name in names:
        setattr(record, name, getattr(row, name))


def row_values(row: DataclassInstance) -> dict[str, Any]:
    """A row's fields by name (not deep-copied, unlike `dataclasses.asdict`)."""
    return {f.name: getattr(row, f.name) for f in fields(row)}
