"""Lists of ids in SQL: `IN (?, ?, …)` placeholders and chunks small enough for SQLite."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

CHUNK = 500  # ids per IN (...) list, well under SQLite's limit on bound variables

T = TypeVar("T")


def placeholders(count: int) -> str:
    """ "?, ?, ?" for `count` values."""
    return ", ".join("?" * count)


def chunks(ids: Sequence[T]) -> Iterator[Sequence[T]]:
    """`ids` in slices of at most CHUNK."""
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]
