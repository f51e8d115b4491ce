"""Three-way merge of synced fields: base (last agreed), mine and theirs."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from crm.sync.cards import SCALARS, CardFields, channel_key

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Conflict:
    """A field both sides changed to different values; `mine` is kept until resolved."""

    field: str
    mine: Any
    theirs: Any


def merge_sets(
    base: Iterable[T], mine: Iterable[T], theirs: Iterable[T], key: Callable[[T], Hashable]
) -> frozenset[T]:
    """Additions from either side are kept; a removal on one side wins over no change.

    Items are compared by `key` (a phone written two ways is one phone); when both sides
    hold an item, mine's spelling is kept.
    """
    b = {key(x): x for x in base}
    m = {key(x): x for x in mine}
    t = {key(x): x for x in theirs}
    keys = (m.keys() & t.keys()) | (m.keys() - b.keys()) | (t.keys() - b.keys())
    return frozenset(m.get(k, t.get(k)) for k in keys)  # type: ignore[misc]


def _channel_identity(channel: tuple[str, str, str]) -> Hashable:
    return (*channel_key(channel), channel[2].casefold())


def merge_fields(
    base: Any,
    mine: Any,
    theirs: Any,
    scalars: tuple[str, ...],
    sets: dict[str, Callable[[Any], Hashable]],
) -> tuple[Any, list[Conflict]]:
    """The merged fields and the conflicts (same field, both sides, different values).

    `mine`, `theirs` and `base` are frozen dataclasses of one type. Without a base (the
    first sync of a matched pair) a field empty on one side takes the other's value, any
    other difference is a conflict, and set fields are united.
    """
    conflicts: list[Conflict] = []
    values: dict[str, Any] = {}
    for name in scalars:
        m, t = getattr(mine, name), getattr(theirs, name)
        b = getattr(base, name) if base is not None else None
        if m == t or t == b:
            values[name] = m
        elif m == b or (base is None and not m):
            values[name] = t
        elif base is None and not t:
            values[name] = m
        else:
            values[name] = m
            conflicts.append(Conflict(name, m, t))
    for name, key in sets.items():
        base_set = getattr(base, name) if base is not None else frozenset()
        values[name] = merge_sets(base_set, getattr(mine, name), getattr(theirs, name), key)
    return replace(mine, **values), conflicts


def merge(
    base: CardFields | None, mine: CardFields, theirs: CardFields
) -> tuple[CardFields, list[Conflict]]:
    """A contact's fields merged three ways: emails, phones and links merge as sets."""
    merged, conflicts = merge_fields(
        base, mine, theirs, SCALARS, {"channels": _channel_identity, "tags": str.casefold}
    )
    return merged, conflicts
