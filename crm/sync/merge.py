"""Three-way merge of a contact's synced fields: base (last agreed), mine and theirs."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from crm.sync.cards import SCALARS, CardFields, channel_key

T = TypeVar("T")


@dataclass(frozen=True)
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


def merge(
    base: CardFields | None, mine: CardFields, theirs: CardFields
) -> tuple[CardFields, list[Conflict]]:
    """The merged fields and the conflicts (same field, both sides, different values).

    Without a base (the first sync of a matched pair) every difference is a conflict,
    except that channels and tags are united.
    """
    conflicts: list[Conflict] = []
    values: dict[str, Any] = {}
    for name in SCALARS:
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
    base_channels = base.channels if base is not None else frozenset()
    base_tags = base.tags if base is not None else frozenset()
    merged = replace(
        mine,
        **values,
        channels=merge_sets(base_channels, mine.channels, theirs.channels, _channel_identity),
        tags=merge_sets(base_tags, mine.tags, theirs.tags, str.casefold),
    )
    return merged, conflicts
