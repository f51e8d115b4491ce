"""Deciding what one sync does, from the state, the server's changes and Rapport's.

Planning touches neither side: `plan_sync` returns the local writes, the server writes
and the state to keep, so a dry run, a review and the real run all see the same plan.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from typing import Any

from crm.sync.kinds import Kind
from crm.sync.merge import Conflict
from crm.sync.state import Item

# Asking before deleting: more than this share of the synced items, once there are
# enough of them that one deletion is not already a quarter.
DELETE_SHARE = 0.25
DELETE_GUARD_MIN_ITEMS = 8


# Slotted: a first sync holds one of each per contact while the window runs beside it,
# and an instance without a __dict__ is one object less for each pass of the cycle
# collector, which blocks the window while it walks them.
@dataclass(frozen=True, slots=True)
class Remote:
    """A card as the server has it now."""

    href: str
    etag: str
    text: str
    uid: str
    fields: Any


@dataclass(frozen=True, slots=True)
class LocalWrite:
    """Create (`local_id` None), update or delete (`fields` None) a contact."""

    local_id: int | None
    uid: str
    fields: Any
    item: Item | None = None  # the state to keep once written (local_id filled in then)
    conflicts: tuple[Conflict, ...] = ()


@dataclass(frozen=True, slots=True)
class Push:
    """Create (`etag` None), update or delete (`text` None) a card on the server."""

    local_id: int | None
    uid: str
    href: str
    etag: str | None
    text: str | None
    fields: Any
    base: Item | None  # the state before, for a merge again after a 412


@dataclass
class Plan:
    local: list[LocalWrite] = field(default_factory=list)
    pushes: list[Push] = field(default_factory=list)
    keep: list[Item] = field(default_factory=list)  # state updates needing no write
    forget: list[int] = field(default_factory=list)  # state item ids to drop
    matched: int = 0
    new_here: int = 0
    new_there: int = 0
    merged: int = 0  # changed on both sides and combined
    updated: int = 0  # changed on the server only, taken here

    @property
    def deletions(self) -> int:
        return sum(w.fields is None for w in self.local) + sum(p.text is None for p in self.pushes)

    @property
    def conflicts(self) -> int:
        return sum(len(w.conflicts) for w in self.local)


def new_href(book: str, suffix: str = ".vcf") -> str:
    return f"{book.rstrip('/')}/{uuid.uuid4()}{suffix}"


def _synced(local_id: int | None, remote: Remote, fields: Any) -> Item:
    digest = fields.digest()
    return Item(None, local_id, remote.uid, remote.href, remote.etag, digest, digest, remote.text)


def _both(
    kind: Kind,
    plan: Plan,
    base_item: Item | None,
    local_id: int,
    mine: Any,
    remote: Remote | None,
    theirs: Any,
    version: str,
) -> None:
    """Merge a contact with its card and plan whatever side needs to change."""
    base = kind.read(base_item.base_text)[1] if base_item and base_item.base_text else None
    merged, conflicts = kind.merge(base, mine, theirs)
    text_base = remote.text if remote is not None else (base_item.base_text if base_item else "")
    uid = remote.uid if remote is not None else base_item.uid  # type: ignore[union-attr]
    href = remote.href if remote is not None else base_item.href  # type: ignore[union-attr]
    etag = remote.etag if remote is not None else base_item.etag  # type: ignore[union-attr]
    state = Item(
        base_item.id if base_item else None,
        local_id,
        uid,
        href,
        etag,
        merged.digest(),
        theirs.digest(),
        text_base,
    )
    if merged != mine or conflicts:
        plan.local.append(LocalWrite(local_id, uid, merged, state, tuple(conflicts)))
        if merged.digest() == theirs.digest():
            plan.updated += 1
        else:
            plan.merged += 1
    if merged.digest() != theirs.digest():
        text = kind.apply(text_base, uid, merged, version)
        plan.pushes.append(Push(local_id, uid, href, etag, text, merged, state))
    elif merged == mine and not conflicts:
        plan.keep.append(state)


def plan_sync(
    kind: Kind,
    items: list[Item],
    remotes: dict[str, Remote],
    removed: set[str],
    local: dict[int, tuple[str, Any]],
    book: str,
    version: str,
) -> Plan:
    """The plan for one sync. `remotes` are the cards fetched because they are new or
    changed (by UID), `removed` the hrefs gone from the server, `local` every contact."""
    plan = Plan()
    remotes = dict(remotes)
    bound = {i.local_id for i in items if i.local_id is not None}
    for item in items:
        mine = local.get(item.local_id) if item.local_id is not None else None
        remote = remotes.pop(item.uid, None)
        gone = remote is None and item.href in removed
        if remote is not None and remote.fields.digest() == item.remote_hash:
            # The server only rewrote it (PRODID, REV, its own formatting): not a change.
            item = replace(item, etag=remote.etag, base_text=remote.text, href=remote.href)
            remote = None
        local_changed = mine is not None and mine[1].digest() != item.local_hash
        if mine is None:
            if gone:
                plan.forget.append(item.id)  # type: ignore[arg-type]
            elif remote is not None:  # changed there, deleted here: the change wins
                plan.local.append(
                    LocalWrite(
                        None, remote.uid, remote.fields, _synced(None, remote, remote.fields)
                    )
                )
                plan.forget.append(item.id)  # type: ignore[arg-type]
            else:
                plan.pushes.append(Push(None, item.uid, item.href, item.etag, None, None, item))
            continue
        if gone:
            if local_changed:  # changed here, deleted there: the change wins
                text = kind.apply(item.base_text, item.uid, mine[1], version)
                plan.pushes.append(
                    Push(
                        item.local_id,
                        item.uid,
                        new_href(book, kind.collection.suffix),
                        None,
                        text,
                        mine[1],
                        replace(item, id=None),
                    )
                )
                plan.forget.append(item.id)  # type: ignore[arg-type]
            else:
                plan.local.append(LocalWrite(item.local_id, item.uid, None))
                plan.forget.append(item.id)  # type: ignore[arg-type]
            continue
        if not local_changed and remote is None:
            plan.keep.append(item)
            continue
        mine_id: int = item.local_id  # type: ignore[assignment]
        base = kind.read(item.base_text)[1] if item.base_text else mine[1]
        theirs = remote.fields if remote is not None else base
        _both(kind, plan, item, mine_id, mine[1], remote, theirs, version)
    _new_on_both_sides(kind, plan, remotes, local, bound, book, version)
    return plan


def _new_on_both_sides(
    kind: Kind,
    plan: Plan,
    remotes: dict[str, Remote],
    local: dict[int, tuple[str, Any]],
    bound: set[int],
    book: str,
    version: str,
) -> None:
    unbound = {cid: v for cid, v in local.items() if cid not in bound}
    pairs = kind.pair({uid: r.fields for uid, r in remotes.items()}, unbound)
    for uid, remote in remotes.items():
        cid = pairs.get(uid)
        if cid is None:
            plan.local.append(
                LocalWrite(None, uid, remote.fields, _synced(None, remote, remote.fields))
            )
            plan.new_there += 1
        else:
            plan.matched += 1
            _both(kind, plan, None, cid, unbound[cid][1], remote, remote.fields, version)
    paired = set(pairs.values())
    taken_uids = set(remotes)
    for cid, (uid, fields) in unbound.items():
        if cid in paired:
            continue
        if uid in taken_uids:  # a contact whose UID a different card already uses
            uid = f"urn:uuid:{uuid.uuid4()}"
        text = kind.apply("", uid, fields, version)
        plan.pushes.append(
            Push(cid, uid, new_href(book, kind.collection.suffix), None, text, fields, None)
        )
        plan.new_here += 1
